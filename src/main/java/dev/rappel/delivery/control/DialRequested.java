package dev.rappel.delivery.control;

/** A dial attempt was committed; the dialer is called after the commit, never before. */
public record DialRequested(DialRequest request) {}
