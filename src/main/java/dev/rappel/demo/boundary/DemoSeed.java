package dev.rappel.demo.boundary;

import dev.rappel.agent.boundary.Agents;
import dev.rappel.agent.entity.Agent;
import dev.rappel.agent.entity.RoutingStatus;
import dev.rappel.callback.boundary.Callbacks;
import dev.rappel.interaction.boundary.Interactions;
import dev.rappel.interaction.entity.MediaType;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.control.DatabaseMigration;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import dev.rappel.queue.boundary.Queues;
import dev.rappel.queue.entity.CallbackMode;
import dev.rappel.queue.entity.CallbackSettings;
import dev.rappel.queue.entity.OwnedCallbackPolicy;
import dev.rappel.queue.entity.Queue;
import dev.rappel.queue.entity.TimeLimits;
import dev.rappel.security.boundary.Users;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * With {@code rappel.demo=true} and no queue yet, fills the database with a small contact center: a
 * customer-first and an agent-first queue, three agents (two available) with user accounts, their
 * interactions, and callbacks due over the next hours. The simulated dialer then moves them along.
 * Off by default; meant for trying Rappel out, never for production.
 */
@Startup
@Singleton
@DependsOn({"DatabaseMigration", "FirstAdmin"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoSeed {
  private static final Logger LOG = Logger.getLogger(DemoSeed.class.getName());

  /** The password of the demo users, printed in the log; demo databases only. */
  static final String DEMO_PASSWORD = "demo-password";

  @Inject
  @ConfigProperty(name = "rappel.demo", defaultValue = "false")
  boolean enabled;

  /** How soon the first seeded callback comes due, so a newcomer soon sees the engine at work. */
  @Inject
  @ConfigProperty(name = "rappel.demo.first-due-seconds", defaultValue = "60")
  long firstDueSeconds;

  @Inject Queues queues;

  @Inject Agents agents;

  @Inject Users users;

  @Inject Interactions interactions;

  @Inject Callbacks callbacks;

  @Inject Clock clock;

  @Inject DatabaseMigration migration;

  @PostConstruct
  void start() {
    if (enabled) {
      migration.whenMigrated(this::seed);
    }
  }

  private void seed() {
    try {
      if (!queues.all().isEmpty()) {
        LOG.info("Demo mode: the database is not empty, nothing seeded");
        return;
      }
      Caller demo = Caller.system("demo");
      Queue support =
          queues.create(
              "Support",
              new CallbackSettings(
                  CallbackMode.AGENT_FIRST,
                  false,
                  new OwnedCallbackPolicy(true, 48, 8, true),
                  3,
                  300,
                  // the longest offer: someone trying the demo has time to sign in and answer
                  new TimeLimits(
                      TimeLimits.MAX_OFFER_TIMEOUT_SECONDS, TimeLimits.DEFAULT_MAX_CALL_MINUTES)),
              demo);
      Queue sales =
          queues.create(
              "Sales",
              new CallbackSettings(
                  CallbackMode.CUSTOMER_FIRST, true, OwnedCallbackPolicy.defaults(), 2, 60),
              demo);
      Agent alice =
          agents.create(
              new Agents.NewAgent(
                  "Alice Martin",
                  Optional.of(ZoneId.of("Europe/Paris")),
                  Optional.of(RoutingStatus.AVAILABLE)),
              demo);
      Agent bob =
          agents.create(
              new Agents.NewAgent(
                  "Bob Smith",
                  Optional.of(ZoneId.of("America/New_York")),
                  Optional.of(RoutingStatus.AVAILABLE)),
              demo);
      Agent chen =
          agents.create(
              new Agents.NewAgent(
                  "Chen Wei",
                  Optional.of(ZoneId.of("Asia/Singapore")),
                  Optional.of(RoutingStatus.OFF_QUEUE)),
              demo);
      List<Long> team = List.of(alice.id(), bob.id(), chen.id());
      queues.replaceMembers(support.id(), team, demo);
      queues.replaceMembers(sales.id(), team, demo);
      users.create("alice", DEMO_PASSWORD, Set.of(Role.AGENT), alice.id(), demo);
      users.create("bob", DEMO_PASSWORD, Set.of(Role.AGENT), bob.id(), demo);
      users.create("chen", DEMO_PASSWORD, Set.of(Role.AGENT), chen.id(), demo);
      users.create("sam", DEMO_PASSWORD, Set.of(Role.SUPERVISOR), null, demo);

      String[] numbers = {
        "+33142685300",
        "+12125550100",
        "+442079460000",
        "+6565550100",
        "+4930901820",
        "+34915550100"
      };
      String[] names = {"Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara"};
      // calls the agents are handling now, without a callback yet
      for (Agent agent : List.of(alice, bob)) {
        interactions.record(
            MediaType.CALL,
            support.id(),
            Optional.of(new PhoneNumber(numbers[agent == alice ? 0 : 1])),
            agent.id());
        interactions.record(
            MediaType.VOICEMAIL, sales.id(), Optional.of(new PhoneNumber(numbers[2])), agent.id());
      }
      // callbacks from web forms and the IVR, due from a minute to six hours ahead
      for (int i = 0; i < 18; i++) {
        Queue queue = i % 2 == 0 ? support : sales;
        var at =
            clock.instant().plusSeconds(firstDueSeconds).plus(Duration.ofMinutes((long) i * 20));
        callbacks.createFromIntegration(
            new Callbacks.CreateCommand(
                queue.id(),
                new PhoneNumber(numbers[i % numbers.length]),
                names[i % names.length] + " " + (i + 1),
                Optional.of(at),
                Optional.of(ZoneId.of(i % 3 == 0 ? "America/New_York" : "Europe/Paris")),
                Optional.empty(),
                Optional.of("Rappel demo"),
                Optional.empty(),
                Map.of("source", i % 2 == 0 ? "web form" : "IVR")),
            demo);
      }
      LOG.warning(
          "\n\n    Rappel demo mode: seeded queues Support and Sales, agents and 18 callbacks."
              + "\n    Sign in as alice, bob or chen (agents) or sam (supervisor) with password '"
              + DEMO_PASSWORD
              + "'.\n");
    } catch (RuntimeException e) {
      LOG.severe("Demo mode: seeding failed: " + e);
    }
  }
}
