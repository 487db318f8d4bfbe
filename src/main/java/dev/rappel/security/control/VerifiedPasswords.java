package dev.rappel.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Passwords verified moments ago, so that HTTP Basic (which sends the password with every request)
 * does not pay for a slow hash each time. Keyed by a SHA-256 of user name and password: the
 * password itself is never kept. An entry names the credentials version it was verified against,
 * and the caller compares it with the user's row, so a change of password or roles, or a deletion,
 * on any instance invalidates it at once; {@link #forget} only frees the memory early.
 */
@ApplicationScoped
public class VerifiedPasswords {
  private static final int MAX_ENTRIES = 10_000;

  /** A password verified for a user at one version of its credentials. */
  public record Verified(String username, long credentialsVersion, Instant expiresAt) {}

  @Inject
  @ConfigProperty(name = "rappel.login.cache-seconds", defaultValue = "120")
  long cacheSeconds;

  private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

  private final ConcurrentHashMap<String, CompletableFuture<Object>> inFlight =
      new ConcurrentHashMap<>();

  public static String key(String username, String password) {
    return Secrets.sha256(username + '\u0000' + password);
  }

  public Optional<Verified> find(String key, Instant now) {
    Verified entry = verified.get(key);
    if (entry == null || !now.isBefore(entry.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(entry);
  }

  public void remember(String key, String username, long credentialsVersion, Instant now) {
    if (cacheSeconds <= 0) {
      return;
    }
    if (verified.size() >= MAX_ENTRIES) {
      verified.values().removeIf(v -> !now.isBefore(v.expiresAt()));
      if (verified.size() >= MAX_ENTRIES) {
        verified.clear();
      }
    }
    verified.put(
        key,
        new Verified(username, credentialsVersion, now.plus(Duration.ofSeconds(cacheSeconds))));
  }

  public void forget(String username) {
    verified.values().removeIf(v -> v.username().equals(username));
  }

  /**
   * Runs {@code check} once for concurrent requests with the same credentials: a script that sends
   * ten requests at once pays for one slow hash, and they count as one try, not ten.
   */
  @SuppressWarnings("unchecked")
  public <T> T once(String key, Supplier<T> check) {
    CompletableFuture<Object> mine = new CompletableFuture<>();
    CompletableFuture<Object> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return (T) running.join();
    }
    try {
      T result = check.get();
      mine.complete(result);
      return result;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }
}
