/**
 * Events (top layer): every recorded step of a callback, streamed over Server-Sent Events to those
 * allowed to read it, and posted to the webhook subscriber from the webhook outbox.
 */
package dev.rappel.events;
