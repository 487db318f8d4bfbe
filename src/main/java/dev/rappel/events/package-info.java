/**
 * Events (top layer): every recorded step of a callback, streamed over Server-Sent Events to those
 * allowed to read it, and posted from the webhook outbox to the configured webhook subscriber and
 * to the subscriptions admins make through the API.
 */
package dev.rappel.events;
