package dev.rappel.delivery.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.callback.entity.DialOutcome;
import org.junit.jupiter.api.Test;

/** The simulated dialer's plan: one outcome per attempt number, the last one repeating. */
class SimulatedDialerTest {

  private static SimulatedDialer planned(String outcomes) {
    SimulatedDialer dialer = new SimulatedDialer();
    dialer.outcomes = outcomes;
    return dialer;
  }

  @Test
  void a_plan_gives_each_attempt_its_outcome_and_repeats_the_last() {
    SimulatedDialer dialer = planned("NO_ANSWER,ANSWERED");

    assertThat(dialer.outcomeFor(1)).isEqualTo(DialOutcome.NO_ANSWER);
    assertThat(dialer.outcomeFor(2)).isEqualTo(DialOutcome.ANSWERED);
    assertThat(dialer.outcomeFor(3)).isEqualTo(DialOutcome.ANSWERED);
    assertThat(dialer.outcomeFor(11)).isEqualTo(DialOutcome.ANSWERED);
  }

  @Test
  void the_default_plan_answers_every_attempt() {
    SimulatedDialer dialer = planned("ANSWERED");

    assertThat(dialer.outcomeFor(1)).isEqualTo(DialOutcome.ANSWERED);
    assertThat(dialer.outcomeFor(4)).isEqualTo(DialOutcome.ANSWERED);
  }

  @Test
  void spaces_and_empty_items_in_the_plan_are_ignored() {
    SimulatedDialer dialer = planned(" BUSY , ,MACHINE ,");

    assertThat(dialer.outcomeFor(1)).isEqualTo(DialOutcome.BUSY);
    assertThat(dialer.outcomeFor(2)).isEqualTo(DialOutcome.MACHINE);
    assertThat(dialer.outcomeFor(3)).isEqualTo(DialOutcome.MACHINE);
  }

  @Test
  void an_empty_plan_answers() {
    assertThat(planned("").outcomeFor(1)).isEqualTo(DialOutcome.ANSWERED);
    assertThat(planned(" , ").outcomeFor(2)).isEqualTo(DialOutcome.ANSWERED);
  }
}
