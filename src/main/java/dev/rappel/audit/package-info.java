/** Audit (layer 1): who changed a queue policy, an agent, a user or a token, and when. */
package dev.rappel.audit;
