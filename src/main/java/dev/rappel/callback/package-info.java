/**
 * Callbacks: the promise to call a customer back at an instant they chose, in their time zone,
 * routed to a queue, a preferred agent or an owning agent, with every change kept in its history.
 */
package dev.rappel.callback;
