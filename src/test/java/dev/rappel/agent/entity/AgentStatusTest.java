package dev.rappel.agent.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.testing.MutableClock;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** An agent who lets an offer time out is set off queue as not responding, until it chooses. */
class AgentStatusTest {
  private final MutableClock clock = MutableClock.at("2026-06-10T08:00:00Z", "UTC");

  private Agent available() {
    Agent agent = new Agent("Alice", ZoneId.of("Europe/Paris"), clock);
    agent.changeStatus(RoutingStatus.AVAILABLE, clock);
    clock.advance(Duration.ofMinutes(5));
    return agent;
  }

  @Test
  void an_agent_not_responding_goes_off_queue_with_the_reason() {
    Agent agent = available();

    agent.markNotResponding(clock);

    assertThat(agent.status()).isEqualTo(RoutingStatus.OFF_QUEUE);
    assertThat(agent.isAvailable()).isFalse();
    assertThat(agent.statusReason()).contains("not responding");
    assertThat(agent.statusChangedAt()).isEqualTo(clock.instant());
  }

  @Test
  void going_available_again_clears_the_reason() {
    Agent agent = available();
    agent.markNotResponding(clock);

    agent.changeStatus(RoutingStatus.AVAILABLE, clock);

    assertThat(agent.status()).isEqualTo(RoutingStatus.AVAILABLE);
    assertThat(agent.statusReason()).isEmpty();
  }

  @Test
  void choosing_off_queue_oneself_replaces_the_systems_reason() {
    Agent agent = available();
    agent.markNotResponding(clock);
    var since = agent.statusChangedAt();
    clock.advance(Duration.ofMinutes(1));

    agent.changeStatus(RoutingStatus.OFF_QUEUE, clock);

    assertThat(agent.statusReason()).isEmpty();
    assertThat(agent.statusChangedAt()).isEqualTo(since); // still off queue since then
  }

  @Test
  void an_agent_chooses_its_status_without_a_reason() {
    assertThat(available().statusReason()).isEmpty();
  }
}
