package dev.rappel.platform.boundary;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON as the API promises it: absent values written as {@code null} so clients see every field of
 * a representation.
 */
@Provider
public class JsonConfig implements ContextResolver<Jsonb> {
  /** Shared with the idempotency store, which keeps answers exactly as they were sent. */
  static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSONB;
  }
}
