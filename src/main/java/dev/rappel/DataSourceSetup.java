package dev.rappel;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The application's one data source. Every attribute comes from MicroProfile Config, so the same
 * WAR runs on embedded Derby (the default, see {@code META-INF/microprofile-config.properties}) or
 * on PostgreSQL by configuration alone (env vars or {@code config/rappel.properties}).
 *
 * <p>Payara's pool validates connections (see {@code properties}) so that a database restart costs
 * the requests of its downtime, not a server restart.
 *
 * <p>Data source classes, not JDBC drivers: Payara loads {@code Driver} classes from the server's
 * class loader, which cannot see {@code WEB-INF/lib}.
 */
@DataSourceDefinition(
    name = DataSourceSetup.JNDI_NAME,
    className = "${MPCONFIG=rappel.datasource.class}",
    serverName = "${MPCONFIG=rappel.datasource.server}",
    databaseName = "${MPCONFIG=rappel.datasource.database}",
    user = "${MPCONFIG=rappel.datasource.user}",
    password = "${MPCONFIG=rappel.datasource.password}",
    minPoolSize = 2,
    maxPoolSize = 32,
    // a database that restarted leaves the pool holding dead connections: each is checked as it
    // is handed out, and the first one found broken drops them all, so the server recovers alone
    properties = {
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=auto-commit",
      "fish.payara.fail-all-connections=true"
    })
@Singleton
public class DataSourceSetup {
  public static final String JNDI_NAME = "java:app/jdbc/rappel";
}
