package dev.rappel.platform.boundary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Completes the OpenAPI document the server serves with what holds for every operation alike, so
 * that no resource can forget it: the problem+json answers each operation can give (401, 403, 503
 * everywhere; 400 and 422 where there is input; 404 for a path with an id; 409 for idempotent
 * creates), a success status instead of "default", a description, and one entry per tag. It also
 * mends what Payara's scan gets wrong for generated clients: Java longs described as decimal
 * numbers, default values written out as constraints, and the copies of a class's schema inlined in
 * responses instead of referred to. (java.time types are mapped by {@code mp.openapi.schema.*} in
 * microprofile-config.properties.) Registered by {@code mp.openapi.filter}.
 */
public class ApiDocument implements OASFilter {
  private static final Logger LOG = Logger.getLogger(ApiDocument.class.getName());
  static final String PROBLEM_REF = "#/components/schemas/Problem";

  /** The names microprofile-config.properties gives the java.time types it maps. */
  private static final List<String> TIME_SCHEMAS =
      List.of("Instant", "OffsetDateTime", "ZonedDateTime", "LocalDate", "LocalTime", "ZoneId");

  /**
   * Extension of an operation whose errors are not problems but the named component schema (e.g.
   * {@code GenesysError}); removed from the served document.
   */
  public static final String ERROR_SCHEMA = "x-rappel-error-schema";

  private static final Map<String, String> ERRORS =
      Map.of(
          "400", "The request cannot be read: malformed JSON, a wrong type or an unknown value",
          "401", "No valid credentials (HTTP Basic or a Bearer token)",
          "403", "The caller's role does not allow this",
          "404", "Nothing with this id",
          "409", "A conflict with the current state; see detail",
          "422", "Readable, but breaks a rule; errors names the fields",
          "503", "The database is busy or unavailable; nothing was saved, retry");

  /** The component schemas referred to anywhere, seen as the schemas pass through this filter. */
  private final Set<String> referred = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Override
  public Schema filterSchema(Schema schema) {
    if (schema.getRef() != null) {
      referred.add(schema.getRef());
    }
    // Payara writes long as "number", which clients read as a decimal; the API has no fractional
    // numbers, so a number without a format is a long (a decimal field would need a format)
    if (schema.getType() == Schema.SchemaType.NUMBER && schema.getFormat() == null) {
      schema.setType(Schema.SchemaType.INTEGER);
      schema.setFormat("int64");
    }
    // Payara lends a string schema the properties of another annotated class (seen on the event
    // stream); a string has none
    if (schema.getType() != null
        && schema.getType() != Schema.SchemaType.OBJECT
        && schema.getProperties() != null
        && !schema.getProperties().isEmpty()) {
      schema.setProperties(null);
    }
    // an @Schema annotation makes Payara write its defaults out; maxProperties 0 would even forbid
    // every property
    if (Integer.valueOf(0).equals(schema.getMaxProperties())) {
      schema.setMaxProperties(null);
    }
    if (Integer.valueOf(0).equals(schema.getMinProperties())) {
      schema.setMinProperties(null);
    }
    if (Integer.valueOf(0).equals(schema.getMinLength())) {
      schema.setMinLength(null);
    }
    if (Boolean.FALSE.equals(schema.getExclusiveMaximum())) {
      schema.setExclusiveMaximum(null);
    }
    if (Boolean.FALSE.equals(schema.getExclusiveMinimum())) {
      schema.setExclusiveMinimum(null);
    }
    if (Boolean.FALSE.equals(schema.getUniqueItems())) {
      schema.setUniqueItems(null);
    }
    if (Boolean.FALSE.equals(schema.getNullable())) {
      schema.setNullable(null);
    }
    if (Boolean.FALSE.equals(schema.getReadOnly())) {
      schema.setReadOnly(null);
    }
    if (Boolean.FALSE.equals(schema.getWriteOnly())) {
      schema.setWriteOnly(null);
    }
    if (Boolean.FALSE.equals(schema.getDeprecated())) {
      schema.setDeprecated(null);
    }
    return schema;
  }

  @Override
  public void filterOpenAPI(OpenAPI api) {
    mergeTags(api);
    addProblemSchemas(api);
    if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
      publishForwardedPaths(api);
      api.getPaths().getPathItems().forEach(this::complete);
    }
    if (api.getServers() != null) {
      api.getServers()
          .forEach(
              server -> {
                String url = server.getUrl();
                if (url != null && url.length() > 1 && url.endsWith("/")) {
                  server.setUrl(url.substring(0, url.length() - 1));
                }
              });
    }
    referToComponents(api);
    dropUnusedTimeSchemas(api);
    dropPayaraEndpoints(api);
  }

  /**
   * {@code @Schema(implementation = X.class)} on a response makes Payara inline a copy of X's
   * schema; a generator then makes one class per copy. A copy with the same properties as a
   * component schema becomes a reference to it.
   */
  private static void referToComponents(OpenAPI api) {
    Map<String, Schema> schemas = api.getComponents().getSchemas();
    if (schemas == null || api.getPaths() == null || api.getPaths().getPathItems() == null) {
      return;
    }
    for (PathItem item : api.getPaths().getPathItems().values()) {
      for (Operation operation : item.getOperations().values()) {
        if (operation.getResponses() == null
            || operation.getResponses().getAPIResponses() == null) {
          continue;
        }
        for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
          if (response.getContent() == null || response.getContent().getMediaTypes() == null) {
            continue;
          }
          for (var media : response.getContent().getMediaTypes().values()) {
            Schema inline = media.getSchema();
            if (inline == null
                || inline.getRef() != null
                || inline.getType() != Schema.SchemaType.OBJECT
                || inline.getProperties() == null
                || inline.getProperties().isEmpty()) {
              continue;
            }
            schemas.entrySet().stream()
                .filter(
                    named ->
                        named.getValue().getProperties() != null
                            && named
                                .getValue()
                                .getProperties()
                                .keySet()
                                .equals(inline.getProperties().keySet()))
                .findFirst()
                .ifPresent(
                    named ->
                        media.setSchema(
                            OASFactory.createSchema()
                                .ref("#/components/schemas/" + named.getKey())));
          }
        }
      }
    }
  }

  /**
   * The java.time schemas that {@code mp.openapi.schema.*} configures are added whether used or
   * not; one that nothing refers to is dropped (an unused component is a lint warning).
   */
  private void dropUnusedTimeSchemas(OpenAPI api) {
    for (String name : TIME_SCHEMAS) {
      if (!referred.contains("#/components/schemas/" + name)) {
        api.getComponents().removeSchema(name);
      }
    }
  }

  private void complete(String path, PathItem item) {
    item.getOperations().forEach((method, operation) -> complete(path, method, operation));
  }

  /** The operations of {@link ForwardedPaths} under the paths clients call. */
  private static void publishForwardedPaths(OpenAPI api) {
    String internal = ForwardedPaths.TARGET;
    for (String path : List.copyOf(api.getPaths().getPathItems().keySet())) {
      if (path.startsWith(internal + "/")) {
        PathItem item = api.getPaths().getPathItem(path);
        api.getPaths().removePathItem(path);
        api.getPaths().addPathItem(path.substring(internal.length()), item);
      }
    }
  }

  /**
   * The schema of an operation's error answers: {@code Problem} (problem+json), or for an operation
   * of another API's shape the component its {@value #ERROR_SCHEMA} extension names (plain JSON;
   * such an operation answers 400 for every input error, never 422).
   */
  private static Optional<String> ownErrorSchema(Operation operation) {
    Object own =
        operation.getExtensions() == null ? null : operation.getExtensions().get(ERROR_SCHEMA);
    if (own == null) {
      return Optional.empty();
    }
    operation.removeExtension(ERROR_SCHEMA);
    return Optional.of(own.toString());
  }

  private void complete(String path, PathItem.HttpMethod method, Operation operation) {
    Optional<String> ownErrors = ownErrorSchema(operation);
    if (operation.getDescription() == null || operation.getDescription().isBlank()) {
      operation.setDescription(operation.getSummary());
    }
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    APIResponse fallback = responses.getDefaultValue();
    if (fallback != null) {
      // removed, not set to null: Payara's writer fails on a null entry
      responses.removeAPIResponse(APIResponses.DEFAULT);
      boolean hasSuccess =
          responses.getAPIResponses() != null
              && responses.getAPIResponses().keySet().stream().anyMatch(c -> c.startsWith("2"));
      if (!hasSuccess) {
        fallback.setDescription("OK");
        responses.addAPIResponse("200", fallback);
      }
    }
    List<Parameter> parameters =
        operation.getParameters() == null ? List.of() : operation.getParameters();
    boolean body = operation.getRequestBody() != null;
    boolean query = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
    boolean idempotent =
        parameters.stream().anyMatch(p -> IdempotentCreates.HEADER.equals(p.getName()));
    Set<String> wanted = new java.util.TreeSet<>(Set.of("401", "403", "503"));
    if (body || !parameters.isEmpty()) {
      wanted.add("400");
    }
    if (body || query) {
      wanted.add("422");
    }
    if (path.contains("{")) {
      wanted.add("404");
    }
    if (idempotent) {
      wanted.add("409");
      wanted.add("422");
    }
    if (ownErrors.isPresent()) {
      wanted.remove("422");
    }
    for (String code : wanted) {
      if (responses.getAPIResponse(code) == null) {
        responses.addAPIResponse(
            code, OASFactory.createAPIResponse().description(ERRORS.get(code)));
      }
    }
    responses
        .getAPIResponses()
        .forEach(
            (code, response) -> {
              if (response.getExtensions() != null) {
                response.removeExtension(ERROR_SCHEMA); // Payara copies it onto each response
              }
              if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(
                    ownErrors.map(ApiDocument::ownContent).orElseGet(ApiDocument::problemContent));
              }
            });
  }

  private static Content ownContent(String schema) {
    return OASFactory.createContent()
        .addMediaType(
            "application/json",
            OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + schema)));
  }

  private static Content problemContent() {
    return OASFactory.createContent()
        .addMediaType(
            Problem.MEDIA_TYPE.toString(),
            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
  }

  private static void addProblemSchemas(OpenAPI api) {
    if (api.getComponents() == null) {
      api.setComponents(OASFactory.createComponents());
    }
    Schema fieldError =
        OASFactory.createSchema()
            .type(Schema.SchemaType.OBJECT)
            .description("One field at fault")
            .addProperty(
                "field",
                OASFactory.createSchema()
                    .type(Schema.SchemaType.STRING)
                    .description("The field, e.g. callbackSettings.mode, or a header name"))
            .addProperty("message", OASFactory.createSchema().type(Schema.SchemaType.STRING))
            .required(List.of("field", "message"));
    Schema problem =
        OASFactory.createSchema()
            .type(Schema.SchemaType.OBJECT)
            .description("An RFC 9457 problem document (application/problem+json)")
            .addProperty(
                "type",
                OASFactory.createSchema()
                    .type(Schema.SchemaType.STRING)
                    .description("urn:rappel:problem:..., stable per kind of problem"))
            .addProperty("title", OASFactory.createSchema().type(Schema.SchemaType.STRING))
            .addProperty("status", OASFactory.createSchema().type(Schema.SchemaType.INTEGER))
            .addProperty("detail", OASFactory.createSchema().type(Schema.SchemaType.STRING))
            .addProperty(
                "errors",
                OASFactory.createSchema()
                    .type(Schema.SchemaType.ARRAY)
                    .description("For input errors: the fields at fault")
                    .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")))
            .addProperty(
                "suggestedAt",
                OASFactory.createSchema()
                    .type(Schema.SchemaType.ARRAY)
                    .description(
                        "For a refused time (calling hours, contact cap): the nearest allowed"
                            + " instants, nearest first")
                    .items(OASFactory.createSchema().ref("#/components/schemas/SuggestedTime")))
            .required(List.of("type", "title", "status", "detail"));
    Schema suggested =
        OASFactory.createSchema()
            .type(Schema.SchemaType.OBJECT)
            .description("An allowed instant offered instead of a refused one")
            .addProperty(
                "at",
                OASFactory.createSchema()
                    .type(Schema.SchemaType.STRING)
                    .format("date-time")
                    .description("The instant, in UTC"))
            .addProperty(
                "customerLocalTime",
                OASFactory.createSchema()
                    .type(Schema.SchemaType.STRING)
                    .format("date-time")
                    .description("The same instant in the customer's zone"))
            .required(List.of("at", "customerLocalTime"));
    api.getComponents()
        .addSchema("FieldError", fieldError)
        .addSchema("SuggestedTime", suggested)
        .addSchema("Problem", problem);
  }

  /** One entry per tag name, keeping the first description given. */
  private static void mergeTags(OpenAPI api) {
    if (api.getTags() == null) {
      return;
    }
    Map<String, Tag> byName = new LinkedHashMap<>();
    for (Tag tag : api.getTags()) {
      Tag kept = byName.putIfAbsent(tag.getName(), tag);
      if (kept != null && kept.getDescription() == null && tag.getDescription() != null) {
        kept.setDescription(tag.getDescription());
      }
    }
    api.setTags(new java.util.ArrayList<>(byName.values()));
  }

  /**
   * Payara adds a top-level "endpoints" map that is not OpenAPI (validators and Spectral reject
   * it); the model only lets it go through Payara's own setter.
   */
  private static void dropPayaraEndpoints(OpenAPI api) {
    try {
      api.getClass()
          .getMethod("setEndpoints", Map.class)
          .invoke(api, new LinkedHashMap<String, Set<String>>());
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.FINE, "No Payara endpoints map to drop", e);
    }
  }
}
