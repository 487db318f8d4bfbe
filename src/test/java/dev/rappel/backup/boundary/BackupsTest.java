package dev.rappel.backup.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackupsTest {

  @Test
  void the_database_copy_is_named_for_the_last_segment_of_the_database_path() {
    assertThat(Backups.databaseName("jdbc:derby:/var/rappel/db")).isEqualTo("db");
    assertThat(Backups.databaseName("jdbc:derby:/var/rappel/db;create=true")).isEqualTo("db");
    assertThat(Backups.databaseName("jdbc:derby:memory:rappel-it")).isEqualTo("rappel-it");
  }
}
