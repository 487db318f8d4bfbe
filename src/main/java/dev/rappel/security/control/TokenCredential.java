package dev.rappel.security.control;

import jakarta.security.enterprise.credential.Credential;

/** A bearer token presented in {@code Authorization: Bearer ...}. */
public record TokenCredential(String token) implements Credential {}
