package dev.rappel.privacy.boundary;

import dev.rappel.audit.control.Audit;
import dev.rappel.callback.boundary.CallbackErasure;
import dev.rappel.callback.boundary.CallbackErasure.Erased;
import dev.rappel.events.boundary.WebhookOutbox;
import dev.rappel.interaction.boundary.Interactions;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.boundary.IdempotencyKeys;
import dev.rappel.platform.entity.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;

/** Erasures of personal data; each method is one transaction across the features it erases. */
@Stateless
public class Privacy {

  @Inject CallbackErasure callbacks;

  @Inject Interactions interactions;

  @Inject WebhookOutbox outbox;

  @Inject IdempotencyKeys idempotencyKeys;

  @Inject Audit audit;

  @Inject Clock clock;

  /** What an erasure on request erased, by kind. */
  public record Erasure(int callbacks, int interactions, int webhookEvents, int idempotencyKeys) {}

  /**
   * Erases one person's number, and the data that goes with it, everywhere now: callbacks in any
   * state (one under way is canceled), interactions, the webhook rows of those callbacks sent
   * before the erasure, and remembered create answers that contain it. Admins only; audited without
   * the number, which would otherwise outlive its erasure in the audit log.
   */
  public Erasure eraseNumber(PhoneNumber number, Caller caller) {
    caller.requireAdmin();
    int webhookEvents = outbox.forgetCallbacks(callbacks.idsOf(number));
    Erased erased = callbacks.eraseNumber(number, caller.name());
    int interactionCount = interactions.eraseNumber(number);
    int keys = idempotencyKeys.forgetAnswersContaining(number.e164());
    Erasure erasure =
        new Erasure(erased.callbackIds().size(), interactionCount, webhookEvents, keys);
    audit.record(
        caller.name(),
        "PERSONAL_DATA_ERASED",
        "a phone number",
        "on request: "
            + erasure.callbacks()
            + " callbacks, "
            + erasure.interactions()
            + " interactions, "
            + erasure.webhookEvents()
            + " webhook events, "
            + erasure.idempotencyKeys()
            + " idempotency keys");
    return erasure;
  }

  /**
   * One batch of the retention pass: up to {@code batch} callbacks that ended at least {@code
   * retention} ago lose their personal data, with the interactions they came from and led to.
   * Answers how many callbacks were erased.
   */
  public int erasePastRetention(Duration retention, int batch) {
    Erased erased = callbacks.erasePastRetention(retention, batch);
    interactions.eraseNumbersOf(erased.interactionIds(), erased.callbackIds());
    return erased.callbackIds().size();
  }

  /**
   * The interactions of the retention pass: those reported at least {@code retention} ago lose the
   * caller's number, whether a callback came of them or not. Answers how many.
   */
  public int eraseInteractionsPastRetention(Duration retention) {
    return interactions.eraseNumbersReportedBefore(clock.instant().minus(retention));
  }
}
