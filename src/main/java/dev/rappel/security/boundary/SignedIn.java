package dev.rappel.security.boundary;

import java.io.Serializable;

/** Kept in a console session: who signed in, at which version of its credentials. */
record SignedIn(String username, long credentialsVersion) implements Serializable {}
