package dev.rappel.backup.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rappel.platform.entity.Conflict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupFolderTest {

  @Test
  void a_backup_folder_is_named_for_its_time_in_utc_to_the_millisecond() {
    assertThat(BackupFolder.nameAt(Instant.parse("2026-11-30T11:25:00.987Z")))
        .isEqualTo("2026-11-30T11-25-00.987Z");
  }

  @Test
  void a_backup_goes_into_a_new_folder_under_the_backup_root(@TempDir Path root) {
    BackupFolder folder = BackupFolder.at(root, Instant.parse("2026-11-30T11:25:00Z"));
    assertThat(folder.path()).isEqualTo(root.toAbsolutePath().resolve("2026-11-30T11-25-00.000Z"));
  }

  @Test
  void a_second_backup_in_the_same_millisecond_is_refused_rather_than_overwriting(
      @TempDir Path root) throws Exception {
    Files.createDirectory(root.resolve("2026-11-30T11-25-00.500Z"));
    assertThatThrownBy(() -> BackupFolder.at(root, Instant.parse("2026-11-30T11:25:00.5Z")))
        .isInstanceOf(Conflict.class);
  }
}
