package dev.rappel.platform.entity;

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
}
