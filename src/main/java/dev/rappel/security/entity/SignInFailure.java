package dev.rappel.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Failed sign-ins of one user name from one client address since its last success. The counter is
 * only moved by conditional UPDATE statements, so concurrent tries never lose a count.
 */
@Entity
@Table(name = "sign_in_failure")
@NamedQuery(
    name = SignInFailure.OF,
    query =
        "SELECT f FROM SignInFailure f WHERE f.username = :username"
            + " AND f.clientAddress = :address")
@NamedQuery(
    name = SignInFailure.USER_TOTAL,
    query =
        "SELECT SUM(f.failures) FROM SignInFailure f WHERE f.username = :username"
            + " AND f.lastFailureAt > :since")
@NamedQuery(
    name = SignInFailure.RECENT,
    query =
        "SELECT f FROM SignInFailure f WHERE f.lastFailureAt > :since"
            + " ORDER BY f.lastFailureAt DESC")
public class SignInFailure {
  public static final String OF = "SignInFailure.of";
  public static final String USER_TOTAL = "SignInFailure.userTotal";
  public static final String RECENT = "SignInFailure.recent";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String username;

  @Column(name = "client_address")
  private String clientAddress;

  private int failures;

  @Column(name = "last_failure_at")
  private Instant lastFailureAt;

  protected SignInFailure() {}

  /** The first failure (or try in progress) of a user from an address. */
  public SignInFailure(String username, String clientAddress, Instant at) {
    this.username = username;
    this.clientAddress = clientAddress;
    this.failures = 1;
    this.lastFailureAt = at;
  }

  public Long id() {
    return id;
  }

  public String username() {
    return username;
  }

  public String clientAddress() {
    return clientAddress;
  }

  public int failures() {
    return failures;
  }

  public Instant lastFailureAt() {
    return lastFailureAt;
  }
}
