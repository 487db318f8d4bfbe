package dev.rappel.security.boundary;

import dev.rappel.platform.control.DatabaseMigration;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.FieldError;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.security.control.Secrets;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * No default password: on the first start with no users, an {@code admin} user is created with the
 * password from {@code rappel.admin.password} if the deployer set one, otherwise a random one
 * printed once to the log.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
public class FirstAdmin {
  private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());

  @Inject Users users;

  @Inject
  @ConfigProperty(name = "rappel.admin.password")
  Optional<String> configured;

  @Inject DatabaseMigration migration;

  @PostConstruct
  void start() {
    // a server started before its database answered creates the admin once the schema is there
    migration.whenMigrated(this::createIfNoUsers);
  }

  private void createIfNoUsers() {
    try {
      String password = configured.filter(p -> !p.isBlank()).orElseGet(Secrets::newPassword);
      if (users.createFirstAdmin(password)) {
        if (configured.filter(p -> !p.isBlank()).isPresent()) {
          LOG.info("Created user 'admin' with the password from rappel.admin.password");
        } else {
          LOG.warning(
              "\n\n    Rappel first start: user 'admin' created with password: "
                  + password
                  + "\n    Sign in and change it (PUT /api/v1/users/admin/password). It is not"
                  + " shown again.\n");
        }
      }
    } catch (Conflict createdElsewhere) {
      // another instance of a new cluster, started at the same moment, created it first
      LOG.info("User 'admin' was created by another instance sharing this database");
    } catch (RuleViolation weak) {
      // a weak configured password is not used, nor replaced by a random one behind the
      // deployer's back: no admin until it is fixed
      LOG.severe(
          "User 'admin' NOT created: rappel.admin.password "
              + weak.errors().stream().map(FieldError::message).findFirst().orElse("is refused")
              + " Set a stronger one (RAPPEL_ADMIN_PASSWORD) and restart.");
    } catch (RuntimeException e) {
      // the database may be down (readiness says so); the next start tries again
      LOG.severe("Could not check for the first administrator: " + e.getMessage());
    }
  }
}
