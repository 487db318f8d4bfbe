package dev.rappel.platform.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

  @Test
  void administration_is_refused_to_every_role_but_admin() {
    for (Role role : Set.of(Role.SUPERVISOR, Role.AGENT, Role.INTEGRATION)) {
      Caller caller = new Caller("someone", Set.of(role), Optional.of(7L));
      assertThatThrownBy(caller::requireAdmin).isInstanceOf(Forbidden.class);
    }
  }

  @Test
  void an_admin_and_the_system_administer() {
    assertThatCode(() -> new Caller("root", Set.of(Role.ADMIN), Optional.empty()).requireAdmin())
        .doesNotThrowAnyException();
    assertThatCode(() -> Caller.system("demo").requireAdmin()).doesNotThrowAnyException();
  }

  @Test
  void people_hold_the_scopes_their_roles_imply() {
    Caller supervisor = new Caller("sam", Set.of(Role.SUPERVISOR), Optional.empty());
    Caller agent = new Caller("alice", Set.of(Role.AGENT), Optional.of(1L));

    assertThat(supervisor.may(Scope.CALLBACKS_MANAGE)).isTrue();
    assertThat(supervisor.may(Scope.TELEPHONY)).isFalse();
    assertThat(agent.may(Scope.CALLBACKS_READ)).as("agents read by involvement").isFalse();
  }

  @Test
  void a_token_holds_only_its_scopes_and_admin_holds_every_one() {
    Caller dialer =
        new Caller("token:1:dialer", Set.of(), Optional.empty(), Set.of(Scope.TELEPHONY), Set.of());
    Caller root =
        new Caller("token:2:root", Set.of(), Optional.empty(), Set.of(Scope.ADMIN), Set.of());

    assertThat(dialer.may(Scope.TELEPHONY)).isTrue();
    assertThat(dialer.may(Scope.CALLBACKS_READ)).isFalse();
    assertThatThrownBy(() -> dialer.require(Scope.EVENTS_READ)).isInstanceOf(Forbidden.class);
    for (Scope scope : Scope.values()) {
      assertThat(root.may(scope)).as(scope.wire()).isTrue();
    }
  }

  @Test
  void scopes_are_read_by_their_wire_names() {
    assertThat(Scope.fromWire("callbacks:read")).contains(Scope.CALLBACKS_READ);
    assertThat(Scope.fromWire("CALLBACKS_READ")).isEmpty();
    assertThat(Scope.ADMIN.containerRole()).isEqualTo(Role.ADMIN_NAME);
  }

  @Test
  void a_caller_survives_the_sessions_serialization_with_its_agent_and_grants() {
    Caller agent = new Caller("alice", Set.of(Role.AGENT), Optional.of(7L));
    Caller token =
        new Caller("feed", Set.of(), Optional.empty(), Set.of(Scope.EVENTS_READ), Set.of(4L));

    assertThat(dev.rappel.testing.Serialized.roundTrip(agent)).isEqualTo(agent);
    assertThat(dev.rappel.testing.Serialized.roundTrip(token)).isEqualTo(token);
  }
}
