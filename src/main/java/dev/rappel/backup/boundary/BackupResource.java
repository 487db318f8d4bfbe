package dev.rappel.backup.boundary;

import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Online backup of the embedded database (admins only). */
@Path("admin/backup")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
@Tag(name = "Operations", description = "Backups")
public class BackupResource {

  @Inject Backups backups;

  @Inject Caller caller;

  /** Where a backup went and how long it took. */
  public record BackupView(String folder, String database, Instant takenAt, long tookMillis) {
    static BackupView of(Backups.Backup backup) {
      return new BackupView(
          backup.folder().toString(),
          backup.database().toString(),
          backup.takenAt(),
          backup.took().toMillis());
    }
  }

  @POST
  @Operation(
      operationId = "backUp",
      summary =
          "Back up the embedded Derby database into a new folder under rappel.backup.dir, named for"
              + " the time in UTC; 409 on PostgreSQL, which is backed up with pg_dump")
  @APIResponse(
      responseCode = "201",
      description = "Backed up; the body names the folder",
      content = @Content(schema = @Schema(implementation = BackupView.class)))
  public Response backUp() throws SQLException {
    return Response.status(Response.Status.CREATED)
        .entity(BackupView.of(backups.create(caller)))
        .build();
  }
}
