package dev.rappel.security.boundary;

import java.io.Serializable;
import java.util.Set;

/**
 * Kept in a console session: who signed in, at which version of its credentials, with which
 * container groups. Any instance of a cluster can carry on the session from it alone.
 */
record SignedIn(String username, long credentialsVersion, Set<String> groups)
    implements Serializable {

  SignedIn {
    // null in a session written by an earlier version, which did not keep the groups
    groups = groups == null ? null : Set.copyOf(groups);
  }
}
