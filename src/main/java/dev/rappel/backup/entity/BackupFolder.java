package dev.rappel.backup.entity;

import dev.rappel.platform.entity.Conflict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Where one backup goes: a folder named for the time it was taken, in UTC to the millisecond, with
 * dashes instead of colons so that the name is valid on every file system and sorts by time.
 */
public record BackupFolder(Path path) {
  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The folder for a backup taken at {@code at} under {@code root}; never an existing one. */
  public static BackupFolder at(Path root, Instant at) {
    Path path = root.toAbsolutePath().normalize().resolve(nameAt(at));
    if (Files.exists(path)) {
      // Derby would write over it: a second backup in the same millisecond is refused
      throw new Conflict("A backup named " + path.getFileName() + " exists; try again.");
    }
    return new BackupFolder(path);
  }

  public static String nameAt(Instant at) {
    return NAME.format(at.truncatedTo(ChronoUnit.MILLIS));
  }
}
