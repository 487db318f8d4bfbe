/**
 * Phone numbers (layer 1): every number Rappel stores or dials is validated and normalised to E.164
 * by libphonenumber, never by a hand-written pattern.
 */
package dev.rappel.phone;
