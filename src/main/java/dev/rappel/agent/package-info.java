/** Agents: the people who handle interactions, with their routing status and time zone. */
package dev.rappel.agent;
