/**
 * Demo mode (top layer): on an empty database, seeds queues in both modes, agents with users,
 * interactions and callbacks spread over the next hours, so a newcomer sees a living system within
 * a minute.
 */
package dev.rappel.demo;
