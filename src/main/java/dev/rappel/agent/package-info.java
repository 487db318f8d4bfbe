/**
 * Agents (layer 2, above platform): the people who handle interactions, with their routing status
 * and time zone. Which queues an agent belongs to it asks through {@link
 * dev.rappel.agent.control.QueueMemberships}, a port the queue feature implements.
 */
package dev.rappel.agent;
