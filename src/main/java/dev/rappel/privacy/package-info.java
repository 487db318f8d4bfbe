/**
 * Privacy (top layer, beside events and demo): how long customers' personal data is kept, and its
 * erasure. The retention pass erases callbacks that ended longer ago than {@code
 * rappel.retention.days}; an administrator erases one person's number everywhere on request. Each
 * feature erases its own data through its own code (callbacks, interactions, the webhook outbox,
 * Idempotency-Key answers); this feature only decides when, and sits on top so it can reach them
 * all.
 */
package dev.rappel.privacy;
