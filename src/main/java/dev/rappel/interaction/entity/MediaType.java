package dev.rappel.interaction.entity;

/** The kind of voice interaction; a callback can be scheduled from any of them. */
public enum MediaType {
  CALL,
  CALLBACK,
  OUTBOUND,
  VOICEMAIL
}
