/**
 * Callbacks (layer 5, above interaction): the promise to call a customer back at an instant they
 * chose, in their time zone, routed to a queue, a preferred agent or an owning agent, with every
 * change kept in its history. Owns who may see a callback ({@link
 * dev.rappel.callback.entity.CallbackAccess}): reads by id, lists and the event stream all derive
 * from it.
 */
package dev.rappel.callback;
