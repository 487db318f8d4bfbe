package dev.rappel.platform.boundary;

import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.IdempotencyRecord;
import dev.rappel.platform.entity.IdempotencyRecord.StoredAnswer;
import dev.rappel.platform.entity.RuleViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Creates that honour an {@code Idempotency-Key} header (IETF httpapi draft): the same key from the
 * same caller with the same request within 24 hours gets the first answer again (status, body,
 * {@code Location}, {@code ETag}) and makes nothing new; with another request it is a 422; while
 * the first is still being answered, a 409. Without the header a create is simply made.
 */
@ApplicationScoped
public class IdempotentCreates {
  public static final String HEADER = "Idempotency-Key";

  public static final String DESCRIPTION =
      "A unique value per intended create (e.g. a UUID), up to 255 characters. Repeating the"
          + " request with the same key within 24 hours answers the first answer again and creates"
          + " nothing; the same key with another request is a 422; while the first request is"
          + " still being answered, a 409.";

  // a claim lost to a concurrent one is asked again; the second look sees the winner's row
  private static final int CLAIM_TRIES = 3;

  @Inject IdempotencyKeys keys;

  @Inject Clock clock;

  /**
   * @param rawKey the header as sent, or null
   * @param path the request's path, so one key cannot stand for two different creates
   * @param body the request body as read (compared in canonical JSON, so spacing does not count)
   */
  public Response create(
      String rawKey, Caller caller, String path, Object body, Supplier<Response> create) {
    Optional<String> key = IdempotencyRecord.key(rawKey);
    if (key.isEmpty()) {
      return create.get();
    }
    String hash = sha256("POST " + path + "\n" + JsonConfig.JSONB.toJson(body));
    Optional<IdempotencyRecord> holder = claim(caller.name(), key.get(), hash);
    if (holder.isPresent()) {
      return switch (holder.get().verdictFor(hash, clock.instant())) {
        case REPLAY -> response(holder.get().answer().orElseThrow());
        case IN_FLIGHT ->
            throw new Conflict(
                "A request with this Idempotency-Key is still being answered; repeat it shortly.");
        case OTHER_REQUEST, FREE ->
            throw new RuleViolation(
                HEADER, "was already used for another request; send a new key for a new request.");
      };
    }
    try {
      return response(keys.createAndRecord(caller.name(), key.get(), () -> stored(create.get())));
    } catch (RuntimeException e) {
      keys.release(caller.name(), key.get());
      throw e;
    }
  }

  private Optional<IdempotencyRecord> claim(String caller, String key, String hash) {
    for (int attempt = 1; ; attempt++) {
      try {
        return keys.claim(caller, key, hash);
      } catch (IdempotencyKeys.ClaimLost e) {
        if (attempt >= CLAIM_TRIES) {
          // claims of this key keep replacing each other: the same answer as a key in flight
          throw new Conflict(
              "A request with this Idempotency-Key is still being answered; repeat it shortly.");
        }
      }
    }
  }

  private static StoredAnswer stored(Response response) {
    return new StoredAnswer(
        response.getStatus(),
        JsonConfig.JSONB.toJson(response.getEntity()),
        Optional.ofNullable(response.getLocation()).map(URI::toString),
        Optional.ofNullable(response.getEntityTag()).map(EntityTag::getValue));
  }

  private static Response response(StoredAnswer answer) {
    Response.ResponseBuilder response =
        Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body());
    answer.location().ifPresent(location -> response.location(URI.create(location)));
    answer.etag().ifPresent(tag -> response.tag(new EntityTag(tag)));
    return response.build();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
