/**
 * Events: every recorded step of a callback, streamed to agent desktops over Server-Sent Events.
 */
package dev.rappel.events;
