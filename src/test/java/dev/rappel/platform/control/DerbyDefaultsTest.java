package dev.rappel.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DerbyDefaultsTest {
  private static final String LOG_BUFFER = "derby.storage.logBufferSize";
  private String before;

  @BeforeEach
  void remember() {
    before = System.getProperty(LOG_BUFFER);
    System.clearProperty(LOG_BUFFER);
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(LOG_BUFFER);
    } else {
      System.setProperty(LOG_BUFFER, before);
    }
  }

  @Test
  void derby_gets_a_log_buffer_that_holds_a_whole_delivery_batch() {
    DerbyDefaults.apply();

    assertThat(System.getProperty(LOG_BUFFER)).isEqualTo("1048576");
  }

  @Test
  void a_log_buffer_the_operator_set_is_kept() {
    System.setProperty(LOG_BUFFER, "65536");

    DerbyDefaults.apply();

    assertThat(System.getProperty(LOG_BUFFER)).isEqualTo("65536");
  }
}
