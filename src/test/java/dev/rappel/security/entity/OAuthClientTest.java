package dev.rappel.security.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.Scope;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OAuthClientTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private static OAuthClient client() {
    return new OAuthClient(
        "id-1",
        "Web form",
        Set.of(Scope.CALLBACKS_CREATE, Scope.CALLBACKS_MANAGE),
        "abc",
        NOW,
        "admin");
  }

  @Test
  void a_token_gets_every_scope_of_its_client_or_only_those_asked_for() {
    assertThat(client().scopesFor(Set.of()))
        .contains(Set.of(Scope.CALLBACKS_CREATE, Scope.CALLBACKS_MANAGE));
    assertThat(client().scopesFor(Set.of(Scope.CALLBACKS_CREATE)))
        .contains(Set.of(Scope.CALLBACKS_CREATE));
    assertThat(client().scopesFor(Set.of(Scope.ADMIN))).isEmpty();
  }

  @Test
  void only_the_secrets_hash_verifies() {
    assertThat(client().hasSecretHash("abc")).isTrue();
    assertThat(client().hasSecretHash("abd")).isFalse();
    assertThat(client().hasSecretHash(null)).isFalse();
  }

  @Test
  void a_client_needs_a_name_and_a_scope() {
    assertThatThrownBy(() -> new OAuthClient("i", " ", Set.of(Scope.ADMIN), "h", NOW, "a"))
        .isInstanceOf(RuleViolation.class);
    assertThatThrownBy(() -> new OAuthClient("i", "n", Set.of(), "h", NOW, "a"))
        .isInstanceOf(RuleViolation.class);
  }

  @Test
  void an_access_token_expires_and_names_its_client() {
    OAuthClient client = client();
    ApiToken token =
        ApiToken.accessToken(
            client, Set.of(Scope.CALLBACKS_CREATE), NOW.plusSeconds(3600), "hash", NOW);

    assertThat(token.isActiveAt(NOW.plusSeconds(3599))).isTrue();
    assertThat(token.isActiveAt(NOW.plusSeconds(3600))).isFalse();
    assertThat(token.name()).isEqualTo("Web form");
    assertThat(token.createdBy()).isEqualTo("oauth-client:id-1");
    assertThat(token.expiresAt()).isEqualTo(Optional.of(NOW.plusSeconds(3600)));
  }
}
