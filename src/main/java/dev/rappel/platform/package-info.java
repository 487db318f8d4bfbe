/**
 * The shared kernel every feature stands on (layer 0, depends on no feature): the caller and its
 * roles, domain failures and their RFC 9457 problem responses, the injected clock, the SQL dialect,
 * database migrations, health checks, page helpers and signed outgoing POSTs.
 */
package dev.rappel.platform;
