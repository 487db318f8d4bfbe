package dev.rappel.backup.boundary;

import static dev.rappel.platform.boundary.PageMessages.error;
import static dev.rappel.platform.boundary.PageMessages.info;

import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import jakarta.enterprise.inject.Model;
import jakarta.inject.Inject;
import java.sql.SQLException;

/** The admin's "Back up now": says where the backup went, or why there is none. */
@Model
public class BackupPage {

  @Inject Backups backups;

  @Inject Caller caller;

  private Backups.Backup last;

  public void backUp() {
    try {
      last = backups.create(caller);
      info(
          "Backed up to "
              + last.folder()
              + " in "
              + last.took().toMillis()
              + " ms. The database copy is "
              + last.database()
              + ".");
    } catch (Conflict refused) {
      error(null, refused.getMessage());
    } catch (SQLException failed) {
      error(null, "The backup failed: " + failed.getMessage());
    }
  }

  public String getFolder() {
    return last == null ? "" : last.folder().toString();
  }
}
