package dev.rappel.events.boundary;

import static dev.rappel.platform.boundary.PageMessages.error;
import static dev.rappel.platform.boundary.PageMessages.info;

import dev.rappel.events.control.WebhookSender;
import dev.rappel.events.entity.DeliveryResult;
import dev.rappel.events.entity.WebhookSubscription;
import dev.rappel.platform.boundary.PageTimes;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.FieldError;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RuleViolation;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The admin's "Webhooks" page: subscriptions with their state and why one was disabled; subscribe
 * (the secret shown once), send a test event, enable, delete, and a subscription's delivery log.
 */
@Named("webhooksPage")
@ViewScoped
public class WebhooksPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject WebhookSubscriptions subscriptions;

  @Inject WebhookSender sender;

  @Inject Caller caller;

  @Inject Clock clock;

  /** One row of the subscription table: never the secret. */
  public record Row(
      long id,
      String url,
      String events,
      String queues,
      String state,
      String lastSuccessAt,
      String lastFailure,
      boolean enabled)
      implements Serializable {}

  /** One try of the delivery log shown. */
  public record Try(String at, String eventId, String outcome, long latencyMillis)
      implements Serializable {}

  private List<Row> rows;
  private List<Try> log = List.of();
  private Long logOf;

  private String url;
  private String events;
  private String queueIds;
  private String createdSecret;
  private Long createdId;

  @PostConstruct
  void init() {
    refresh();
  }

  public void subscribe() {
    createdSecret = null;
    try {
      List<Long> queues = ids(queueIds);
      WebhookSubscriptions.Created created =
          subscriptions.create(url, words(events), queues, caller);
      createdSecret = created.secret();
      createdId = created.subscription().id();
      url = null;
      events = null;
      queueIds = null;
      refresh();
    } catch (RuleViolation violation) {
      for (FieldError e : violation.errors()) {
        String field =
            switch (e.field()) {
              case "url" -> "subscribe:url";
              case "events" -> "subscribe:events";
              case "queueIds" -> "subscribe:queueIds";
              default -> null;
            };
        error(field, e.message());
      }
    }
  }

  public void test(long id) {
    createdSecret = null;
    try {
      DeliveryResult result = subscriptions.test(id, caller);
      if (result.delivered()) {
        info(
            "Test event %s taken: HTTP %d in %d ms."
                .formatted(result.eventId(), result.status().orElse(0), result.latencyMillis()));
      } else {
        error(null, "Test event not taken: %s.".formatted(result.failure()));
      }
      showLog(id);
    } catch (NotFound e) {
      error(null, e.getMessage());
      refresh();
    }
  }

  public void enable(long id) {
    createdSecret = null;
    try {
      subscriptions.enable(id, caller);
      info("Subscription %d enabled: events recorded from now on are sent.".formatted(id));
    } catch (RuleViolation | NotFound e) {
      error(null, e.getMessage());
    }
    refresh();
  }

  public void delete(long id) {
    createdSecret = null;
    try {
      subscriptions.delete(id, caller);
      info("Subscription %d deleted.".formatted(id));
      if (logOf != null && logOf == id) {
        logOf = null;
        log = List.of();
      }
    } catch (NotFound e) {
      error(null, e.getMessage());
    }
    refresh();
  }

  public void showLog(long id) {
    try {
      log =
          subscriptions.deliveries(id, caller).stream()
              .map(
                  r ->
                      new Try(
                          shown(r.at()),
                          r.eventId(),
                          r.delivered() ? "HTTP " + r.status().orElse(0) : r.failure(),
                          r.latencyMillis()))
              .toList();
      logOf = id;
    } catch (NotFound e) {
      error(null, e.getMessage());
    }
    refresh();
  }

  private void refresh() {
    rows = subscriptions.all(caller).stream().map(this::row).toList();
  }

  private Row row(WebhookSubscription s) {
    String state =
        s.isEnabled()
            ? s.failingSince().map(at -> "Failing since " + shown(at)).orElse("Enabled")
            : "Disabled "
                + shown(s.disabledAt().orElse(null))
                + ": "
                + s.disabledReason().orElse("");
    return new Row(
        s.id(),
        s.url(),
        s.filter().events().isEmpty()
            ? "all"
            : String.join(", ", s.filter().events().stream().sorted().toList()),
        s.filter().queueIds().isEmpty()
            ? "all"
            : String.join(
                ", ", s.filter().queueIds().stream().sorted().map(String::valueOf).toList()),
        state,
        shown(s.lastSuccessAt().orElse(null)),
        s.lastFailure().orElse(""),
        s.isEnabled());
  }

  private String shown(Instant at) {
    return at == null ? "" : at.atZone(clock.getZone()).format(PageTimes.LISTED);
  }

  private static List<String> words(String text) {
    return text == null || text.isBlank()
        ? List.of()
        : Arrays.stream(text.split("[,\\s]+")).filter(w -> !w.isEmpty()).toList();
  }

  private static List<Long> ids(String text) {
    try {
      return words(text).stream().map(Long::valueOf).toList();
    } catch (NumberFormatException e) {
      throw new RuleViolation("queueIds", "holds queue ids (numbers), separated by commas.");
    }
  }

  /** The subscriber set in the server's settings, shown read-only; empty when there is none. */
  public String getConfiguredUrl() {
    return sender.configuredUrl().orElse("");
  }

  public List<Row> getRows() {
    return rows;
  }

  public List<Try> getLog() {
    return log;
  }

  public Long getLogOf() {
    return logOf;
  }

  public String getViewerZone() {
    return clock.getZone().getId();
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getEvents() {
    return events;
  }

  public void setEvents(String events) {
    this.events = events;
  }

  public String getQueueIds() {
    return queueIds;
  }

  public void setQueueIds(String queueIds) {
    this.queueIds = queueIds;
  }

  public String getCreatedSecret() {
    return createdSecret;
  }

  public Long getCreatedId() {
    return createdId;
  }
}
