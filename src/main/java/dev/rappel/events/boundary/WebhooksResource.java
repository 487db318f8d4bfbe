package dev.rappel.events.boundary;

import dev.rappel.events.entity.DeliveryResult;
import dev.rappel.events.entity.WebhookSubscription;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Webhook subscriptions (admins only): receivers of signed events, beyond the configured one. */
@Path("webhooks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
@Tag(name = "Webhooks", description = "Subscriptions to signed events (Standard Webhooks)")
public class WebhooksResource {

  @Inject WebhookSubscriptions subscriptions;

  @Inject Caller caller;

  @Context UriInfo uriInfo;

  /** Body of {@code POST /webhooks}. */
  public static class SubscriptionInput {
    @Schema(description = "The receiver: http or https, on the public internet")
    public String url;

    // history event names, e.g. QUEUED, COMPLETED; none or absent: every event (a description
    // here made the generated schema an array of arrays)
    public List<String> events;

    // only events of callbacks in these queues; none or absent: every queue
    public List<Long> queueIds;
  }

  /** A subscription as listed: never its secret. */
  public record SubscriptionView(
      long id,
      String url,
      List<String> events,
      List<Long> queueIds,
      boolean enabled,
      Instant createdAt,
      String createdBy,
      Instant lastSuccessAt,
      Instant failingSince,
      String lastFailure,
      Instant disabledAt,
      String disabledReason) {
    static SubscriptionView of(WebhookSubscription s) {
      return new SubscriptionView(
          s.id(),
          s.url(),
          s.filter().events().stream().sorted().toList(),
          s.filter().queueIds().stream().sorted().toList(),
          s.isEnabled(),
          s.createdAt(),
          s.createdBy(),
          s.lastSuccessAt().orElse(null),
          s.failingSince().orElse(null),
          s.lastFailure().orElse(null),
          s.disabledAt().orElse(null),
          s.disabledReason().orElse(null));
    }
  }

  /** The answer to a subscription: the only time its secret is shown. */
  public record CreatedView(
      long id, String url, List<String> events, List<Long> queueIds, String secret) {}

  /** One try to deliver an event (or a test event). */
  public record DeliveryView(
      Instant at,
      String eventId,
      boolean delivered,
      @Schema(description = "The HTTP status the receiver answered; absent when it did not answer")
          Integer status,
      @Schema(description = "Why there was no answer, or why it was not sent") String error,
      long latencyMillis) {
    static DeliveryView of(DeliveryResult r) {
      return new DeliveryView(
          r.at(),
          r.eventId(),
          r.delivered(),
          r.status().orElse(null),
          r.error().orElse(null),
          r.latencyMillis());
    }
  }

  @POST
  @Operation(
      operationId = "subscribeWebhook",
      summary = "Subscribe a receiver to events; its signing secret is shown in this answer only",
      description =
          "Events (empty or absent: all) of callbacks in queueIds (empty or absent: all) are POSTed"
              + " to url, signed the Standard Webhooks way with the secret answered here. A URL"
              + " whose host resolves to a loopback, link-local or private address is refused"
              + " (422 naming url) unless the server allows private addresses.")
  @APIResponse(
      responseCode = "201",
      description = "Subscribed; Location names it",
      headers =
          @Header(
              name = "Location",
              description = "Its URL",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = CreatedView.class)))
  public Response subscribe(@NotNull(message = "A JSON body is required.") SubscriptionInput body) {
    WebhookSubscriptions.Created created =
        subscriptions.create(body.url, body.events, body.queueIds, caller);
    WebhookSubscription s = created.subscription();
    return Response.created(uriInfo.getAbsolutePathBuilder().path(s.id().toString()).build())
        .entity(
            new CreatedView(
                s.id(),
                s.url(),
                s.filter().events().stream().sorted().toList(),
                s.filter().queueIds().stream().sorted().toList(),
                created.secret()))
        .build();
  }

  @GET
  @Operation(
      operationId = "listWebhooks",
      summary = "All subscriptions made through the API, without their secrets",
      description =
          "Each with how delivery goes: last success, failing since, last failure, and when and"
              + " why it was disabled. The subscriber configured in the settings is not listed.")
  public List<SubscriptionView> all() {
    return subscriptions.all(caller).stream().map(SubscriptionView::of).toList();
  }

  @GET
  @Path("{id}")
  @Operation(operationId = "getWebhook", summary = "One subscription, without its secret")
  public SubscriptionView one(@PathParam("id") long id) {
    return SubscriptionView.of(subscriptions.one(id, caller));
  }

  @DELETE
  @Path("{id}")
  @Operation(
      operationId = "deleteWebhook",
      summary = "Delete a subscription, with its pending events and its delivery log")
  @APIResponse(responseCode = "204", description = "Deleted")
  public Response delete(@PathParam("id") long id) {
    subscriptions.delete(id, caller);
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/enable")
  @Operation(
      operationId = "enableWebhook",
      summary = "Enable a disabled subscription: events recorded from now on are sent to it",
      description =
          "Its URL is checked again as at creation (422 naming url). Events recorded while it was"
              + " disabled are not sent.")
  @APIResponse(
      responseCode = "200",
      description = "Enabled",
      content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
  public SubscriptionView enable(@PathParam("id") long id) {
    return SubscriptionView.of(subscriptions.enable(id, caller));
  }

  @POST
  @Path("{id}/test")
  @Operation(
      operationId = "testWebhook",
      summary = "Send a signed test event (event ping) now and answer how it went",
      description =
          "The answer says whether the receiver took it (a 2xx), its status or the error, and the"
              + " latency; the try is added to the delivery log. A receiver that fails is still a"
              + " 200 answer here: the test was made.")
  @APIResponse(
      responseCode = "200",
      description = "The test was made",
      content = @Content(schema = @Schema(implementation = DeliveryView.class)))
  public DeliveryView test(@PathParam("id") long id) {
    return DeliveryView.of(subscriptions.test(id, caller));
  }

  @GET
  @Path("{id}/deliveries")
  @Operation(
      operationId = "listWebhookDeliveries",
      summary = "The subscription's last 100 delivery tries, newest first",
      description = "Time, event id, HTTP status or error, latency in milliseconds.")
  public List<DeliveryView> deliveries(@PathParam("id") long id) {
    return subscriptions.deliveries(id, caller).stream().map(DeliveryView::of).toList();
  }
}
