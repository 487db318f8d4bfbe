package dev.rappel.security.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashStrengthTest {
  private static final String SALT_AND_HASH =
      ":c2FsdHNhbHRzYWx0c2FsdHNhbHRzYWx0c2FsdHNhbHQ=:aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=";

  @Test
  void hashes_of_the_old_default_of_2048_iterations_are_upgraded() {
    PasswordHashStrength old = PasswordHashStrength.of("PBKDF2WithHmacSHA256:2048" + SALT_AND_HASH);
    assertThat(old).isEqualTo(new PasswordHashStrength("PBKDF2WithHmacSHA256", 2048));
    assertThat(old.isWeakerThan(PasswordHashStrength.CURRENT)).isTrue();
  }

  @Test
  void hashes_made_with_the_current_setting_are_kept() {
    assertThat(
            PasswordHashStrength.of("PBKDF2WithHmacSHA256:600000" + SALT_AND_HASH)
                .isWeakerThan(PasswordHashStrength.CURRENT))
        .isFalse();
    assertThat(
            PasswordHashStrength.of("PBKDF2WithHmacSHA256:1000000" + SALT_AND_HASH)
                .isWeakerThan(PasswordHashStrength.CURRENT))
        .isFalse();
  }

  @Test
  void one_iteration_short_or_another_algorithm_is_upgraded() {
    assertThat(
            PasswordHashStrength.of("PBKDF2WithHmacSHA256:599999" + SALT_AND_HASH)
                .isWeakerThan(PasswordHashStrength.CURRENT))
        .isTrue();
    assertThat(
            PasswordHashStrength.of("PBKDF2WithHmacSHA1:600000" + SALT_AND_HASH)
                .isWeakerThan(PasswordHashStrength.CURRENT))
        .isTrue();
  }

  @Test
  void an_unreadable_hash_counts_as_weakest() {
    assertThat(PasswordHashStrength.of("garbage").isWeakerThan(PasswordHashStrength.CURRENT))
        .isTrue();
    assertThat(PasswordHashStrength.of(null).iterations()).isZero();
  }
}
