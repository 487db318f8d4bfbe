package dev.rappel.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DatabaseTimeTest {

  @Test
  void a_host_ninety_seconds_ahead_reads_the_database_time() {
    DatabaseTime time = new DatabaseTime();
    // the database's time minus this host's: the host runs 90 s ahead
    time.record(Duration.ofSeconds(-90));
    Clock clock = time.clock(ZoneId.of("UTC"));

    Instant host = Instant.now();
    Instant server = clock.instant();

    assertThat(Duration.between(server, host).toMillis()).isBetween(89_900L, 90_100L);
  }

  @Test
  void a_change_within_the_noise_of_a_round_trip_keeps_the_skew() {
    DatabaseTime time = new DatabaseTime();
    time.record(Duration.ofMillis(-5_000));

    time.record(Duration.ofMillis(-5_015));

    assertThat(time.skew()).isEqualTo(Duration.ofMillis(-5_000));
  }

  @Test
  void a_drift_beyond_the_noise_is_taken() {
    DatabaseTime time = new DatabaseTime();
    time.record(Duration.ofMillis(-5_000));

    time.record(Duration.ofMillis(-4_900));

    assertThat(time.skew()).isEqualTo(Duration.ofMillis(-4_900));
  }

  @Test
  void the_clock_keeps_its_zone_and_the_skew_when_moved_to_another() {
    DatabaseTime time = new DatabaseTime();
    time.record(Duration.ofHours(1));

    Clock paris = time.clock(ZoneId.of("UTC")).withZone(ZoneId.of("Europe/Paris"));

    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(Duration.between(Instant.now(), paris.instant()).toMillis())
        .isBetween(3_599_900L, 3_600_100L);
  }

  @Test
  void the_server_clock_follows_the_host_clock_moved_by_the_skew() {
    DatabaseTime time = new DatabaseTime();
    dev.rappel.testing.MutableClock host =
        new dev.rappel.testing.MutableClock(
            Instant.parse("2026-12-01T10:00:00Z"), ZoneId.of("UTC"));
    time.host = host;
    time.record(Duration.ofSeconds(-90));

    assertThat(time.clock(ZoneId.of("UTC")).instant())
        .isEqualTo(Instant.parse("2026-12-01T09:58:30Z"));
    host.advance(Duration.ofMillis(1_500));
    assertThat(time.clock(ZoneId.of("UTC")).instant())
        .isEqualTo(Instant.parse("2026-12-01T09:58:31.500Z"));
  }
}
