package dev.rappel.platform.entity;

/** One input field that breaks a rule, and why, in words a person understands. */
public record FieldError(String field, String message) {}
