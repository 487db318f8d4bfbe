/**
 * Compliance with the rules of calling people: calling hours in the customer's zone, the tenant's
 * do-not-call list and contact frequency caps, checked when a callback is booked and again before
 * every dial, with the evidence of each check kept for a compliance officer. Below {@code queue},
 * whose callback policy holds these rules, so that booking and delivery can both apply them.
 */
package dev.rappel.compliance;
