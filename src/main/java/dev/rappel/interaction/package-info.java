/**
 * Interactions (layer 4, above queue): the ACD voice interactions (calls, callbacks, outbound
 * dials, voicemails) that agents schedule callbacks from, as the ACD reports them.
 */
package dev.rappel.interaction;
