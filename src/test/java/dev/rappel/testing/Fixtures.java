package dev.rappel.testing;

import dev.rappel.agent.entity.Agent;
import dev.rappel.callback.entity.AgentScheduleRequest;
import dev.rappel.callback.entity.IntegrationRequest;
import dev.rappel.interaction.entity.Interaction;
import dev.rappel.interaction.entity.MediaType;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.queue.entity.CallbackMode;
import dev.rappel.queue.entity.CallbackSettings;
import dev.rappel.queue.entity.OwnedCallbackPolicy;
import dev.rappel.queue.entity.Queue;
import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * Builds domain objects for unit tests. Entities get their ids the way the database would give
 * them, so that equality by id behaves as in production.
 */
public final class Fixtures {
  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  public static final ZoneId UTC = ZoneId.of("UTC");

  private Fixtures() {}

  /** Sets a private field, as the persistence provider would. */
  public static <T> T set(T target, String fieldName, Object value) {
    for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(fieldName);
        field.setAccessible(true);
        field.set(target, value);
        return target;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalArgumentException(target.getClass() + " has no field " + fieldName);
  }

  public static <T> T withId(T entity, long id) {
    return set(entity, "id", id);
  }

  public static OwnedCallbackPolicy ownedEnabled(int maxScheduleAheadHours, int ownershipHours) {
    return new OwnedCallbackPolicy(true, maxScheduleAheadHours, ownershipHours, true);
  }

  public static CallbackSettings settings(
      boolean agentQueueSelection, OwnedCallbackPolicy ownedCallbacks) {
    return new CallbackSettings(
        CallbackMode.AGENT_FIRST, agentQueueSelection, ownedCallbacks, 3, 300);
  }

  public static Queue queue(long id, String name) {
    return queue(id, name, CallbackSettings.defaults());
  }

  public static Queue queue(long id, String name, CallbackSettings settings) {
    return withId(new Queue(name, settings), id);
  }

  public static Agent agent(long id, ZoneId zone, Clock clock) {
    return withId(new Agent("Agent " + id, zone, clock), id);
  }

  public static PhoneNumber phone(String e164) {
    return new PhoneNumber(e164);
  }

  public static Interaction interaction(Queue queue, String ani, Agent agent, Clock clock) {
    return withId(
        new Interaction(
            MediaType.CALL, queue, Optional.ofNullable(ani).map(PhoneNumber::new), agent, clock),
        1000L);
  }

  public static Schedule schedule() {
    return new Schedule();
  }

  public static Integration integration(Queue queue) {
    return new Integration(queue);
  }

  /** What an agent asks for when scheduling from an interaction; everything optional. */
  public static final class Schedule {
    private Optional<LocalDate> date = Optional.empty();
    private Optional<LocalTime> time = Optional.empty();
    private Optional<ZoneId> zone = Optional.empty();
    private Optional<PhoneNumber> phone = Optional.empty();
    private Optional<Queue> queue = Optional.empty();
    private boolean routeToMe;
    private boolean takeOwnership;
    private Optional<String> notes = Optional.empty();

    public Schedule date(String iso) {
      date = Optional.of(LocalDate.parse(iso));
      return this;
    }

    public Schedule time(String hhmm) {
      time = Optional.of(LocalTime.parse(hhmm));
      return this;
    }

    public Schedule at(String isoDate, String hhmm) {
      return date(isoDate).time(hhmm);
    }

    public Schedule zone(ZoneId customerZone) {
      zone = Optional.of(customerZone);
      return this;
    }

    public Schedule phone(String e164) {
      phone = Optional.of(new PhoneNumber(e164));
      return this;
    }

    public Schedule queue(Queue other) {
      queue = Optional.of(other);
      return this;
    }

    public Schedule routeToMe() {
      routeToMe = true;
      return this;
    }

    public Schedule takeOwnership() {
      takeOwnership = true;
      return this;
    }

    public Schedule notes(String text) {
      notes = Optional.of(text);
      return this;
    }

    public AgentScheduleRequest build() {
      return new AgentScheduleRequest(
          date, time, zone, phone, queue, routeToMe, takeOwnership, notes);
    }
  }

  /** What an integration sends; a queue, a number and a name are enough. */
  public static final class Integration {
    private final Queue queue;
    private PhoneNumber phone = new PhoneNumber("+33142685300");
    private String customerName = "Camille Martin";
    private Optional<Instant> scheduledAt = Optional.empty();
    private Optional<ZoneId> zone = Optional.empty();
    private Optional<PhoneNumber> callerId = Optional.empty();
    private Optional<String> callerIdName = Optional.empty();
    private Optional<Agent> preferredAgent = Optional.empty();
    private Map<String, String> data = Map.of();

    private Integration(Queue queue) {
      this.queue = queue;
    }

    public Integration customerName(String name) {
      customerName = name;
      return this;
    }

    public Integration scheduledAt(String instant) {
      scheduledAt = Optional.of(Instant.parse(instant));
      return this;
    }

    public Integration zone(ZoneId customerZone) {
      zone = Optional.of(customerZone);
      return this;
    }

    public Integration callerId(String e164) {
      callerId = Optional.of(new PhoneNumber(e164));
      return this;
    }

    public Integration callerIdName(String name) {
      callerIdName = Optional.of(name);
      return this;
    }

    public Integration preferredAgent(Agent agent) {
      preferredAgent = Optional.of(agent);
      return this;
    }

    public Integration data(Map<String, String> values) {
      data = values;
      return this;
    }

    public IntegrationRequest build() {
      return new IntegrationRequest(
          queue,
          phone,
          customerName,
          scheduledAt,
          zone,
          callerId,
          callerIdName,
          preferredAgent,
          data);
    }
  }
}
