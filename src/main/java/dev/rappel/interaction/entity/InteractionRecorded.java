package dev.rappel.interaction.entity;

/**
 * An interaction the ACD reported was just recorded, fired inside the transaction that recorded it:
 * features above this one (callbacks) react in that same transaction, and note on the interaction
 * what they did ({@link Interaction#noteWaitingCallback}) for the answer to the ACD.
 */
public record InteractionRecorded(Interaction interaction) {}
