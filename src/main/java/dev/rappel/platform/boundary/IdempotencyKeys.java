package dev.rappel.platform.boundary;

import dev.rappel.platform.control.DatabaseFailures;
import dev.rappel.platform.entity.IdempotencyRecord;
import dev.rappel.platform.entity.IdempotencyRecord.StoredAnswer;
import dev.rappel.platform.entity.IdempotencyRecord.Verdict;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Clob;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The table of Idempotency-Keys: claims, answers, releases and purges. Each claim commits on its
 * own, so that a retry on another thread or instance sees the key taken at once; the answer is
 * written in the transaction of the create, so a key never names a resource that was rolled back.
 */
@Stateless
public class IdempotencyKeys {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  /**
   * A concurrent request with the same key claimed it first (the primary key refused this one): ask
   * again to see the winner's claim. An application exception, so that a race every retrying client
   * can cause leaves no stack trace in the log.
   */
  @ApplicationException(rollback = true)
  public static class ClaimLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClaimLost(Throwable cause) {
      super("a concurrent request claimed the same Idempotency-Key first", cause);
    }
  }

  /**
   * Takes the key for this request. Empty when it is now ours; otherwise the record that holds it
   * (answered, in flight, or used for another request).
   *
   * @throws ClaimLost when a concurrent claim of the same key won: call again
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<IdempotencyRecord> claim(String caller, String key, String hash) {
    Instant now = clock.instant();
    Optional<IdempotencyRecord> existing = find(caller, key);
    if (existing.isPresent()) {
      if (existing.get().verdictFor(hash, now) != Verdict.FREE) {
        return existing;
      }
      // only the row we judged: if another request replaced it meanwhile, our insert fails
      em.createNativeQuery(
              "DELETE FROM idempotency_key WHERE caller = ? AND idem_key = ? AND created_at = ?")
          .setParameter(1, caller)
          .setParameter(2, key)
          .setParameter(3, existing.get().createdAt().toEpochMilli())
          .executeUpdate();
    }
    try {
      em.createNativeQuery(
              "INSERT INTO idempotency_key (caller, idem_key, request_hash, created_at)"
                  + " VALUES (?, ?, ?, ?)")
          .setParameter(1, caller)
          .setParameter(2, key)
          .setParameter(3, hash)
          .setParameter(4, now.toEpochMilli())
          .executeUpdate();
      em.flush();
    } catch (RuntimeException e) { // EclipseLink's own exceptions are not all PersistenceExceptions
      if (DatabaseFailures.isKeyViolation(e)) {
        throw new ClaimLost(e);
      }
      throw e;
    }
    return Optional.empty();
  }

  /**
   * Runs the create and records its answer under the claimed key, in one transaction: either both
   * happen or neither.
   */
  public StoredAnswer createAndRecord(String caller, String key, Supplier<StoredAnswer> create) {
    StoredAnswer answer = create.get();
    em.createNativeQuery(
            "UPDATE idempotency_key SET status = ?, response_body = ?, location = ?, etag = ?"
                + " WHERE caller = ? AND idem_key = ?")
        .setParameter(1, answer.status())
        .setParameter(2, answer.body())
        .setParameter(3, answer.location().orElse(null))
        .setParameter(4, answer.etag().orElse(null))
        .setParameter(5, caller)
        .setParameter(6, key)
        .executeUpdate();
    return answer;
  }

  /** The create failed: the key is free for a retry of the same request. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void release(String caller, String key) {
    em.createNativeQuery(
            "DELETE FROM idempotency_key WHERE caller = ? AND idem_key = ? AND status IS NULL")
        .setParameter(1, caller)
        .setParameter(2, key)
        .executeUpdate();
  }

  /** Forgets keys past their lifetime; answers how many. */
  public int purge() {
    return em.createNativeQuery("DELETE FROM idempotency_key WHERE created_at < ?")
        .setParameter(1, clock.instant().minus(IdempotencyRecord.LIFETIME).toEpochMilli())
        .executeUpdate();
  }

  /**
   * Forgets the keys whose stored answer contains {@code text} (a customer's number whose data is
   * being erased); answers how many. Keys live a day at most, so only a request needs this.
   */
  public int forgetAnswersContaining(String text) {
    // LIKE wildcards in the text would widen the match: escape them
    String pattern = "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    return em.createNativeQuery("DELETE FROM idempotency_key WHERE response_body LIKE ? ESCAPE '!'")
        .setParameter(1, pattern)
        .executeUpdate();
  }

  private Optional<IdempotencyRecord> find(String caller, String key) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT request_hash, created_at, status, response_body, location, etag"
                    + " FROM idempotency_key WHERE caller = ? AND idem_key = ?")
            .setParameter(1, caller)
            .setParameter(2, key)
            .getResultList();
    return rows.stream().findFirst().map(IdempotencyKeys::record);
  }

  private static IdempotencyRecord record(Object[] row) {
    Optional<StoredAnswer> answer =
        row[2] == null
            ? Optional.empty()
            : Optional.of(
                new StoredAnswer(
                    ((Number) row[2]).intValue(),
                    text(row[3]),
                    Optional.ofNullable((String) row[4]),
                    Optional.ofNullable((String) row[5])));
    return new IdempotencyRecord(
        (String) row[0], Instant.ofEpochMilli(((Number) row[1]).longValue()), answer);
  }

  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Clob clob) {
      try (Reader reader = clob.getCharacterStream()) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer)) > 0; ) {
          text.append(buffer, 0, n);
        }
        return text.toString();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (value instanceof char[] chars) {
      return new String(chars);
    }
    return value.toString();
  }
}
