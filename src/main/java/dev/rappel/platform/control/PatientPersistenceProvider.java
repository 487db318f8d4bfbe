package dev.rappel.platform.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.ProviderUtil;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * EclipseLink, except that a database that does not answer while the server deploys does not fail
 * the deployment. Payara checks a persistence unit at deployment by opening an entity manager
 * (without arguments), which logs EclipseLink in to the database; when that login fails for want of
 * a connection, the deployment would fail and the server would have to be restarted once the
 * database is up. Here that one failure is logged and the check passes: EclipseLink logs in again
 * on the next use, and until the schema is migrated ({@link DatabaseMigration}) the server reports
 * itself not ready. Any other failure of the check (a bad mapping or query) still fails the
 * deployment.
 */
public class PatientPersistenceProvider implements PersistenceProvider {
  private static final Logger LOG = Logger.getLogger(PatientPersistenceProvider.class.getName());
  private static final String ECLIPSELINK = "org.eclipse.persistence.jpa.PersistenceProvider";

  private final PersistenceProvider eclipseLink;

  public PatientPersistenceProvider() {
    // the earliest code of the application, before anything opens the database
    DerbyDefaults.apply();
    PoolLogging.quietFailedConnections();
    try {
      eclipseLink =
          (PersistenceProvider)
              Class.forName(ECLIPSELINK, true, PatientPersistenceProvider.class.getClassLoader())
                  .getDeclaredConstructor()
                  .newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("EclipseLink is not available", e);
    }
  }

  @Override
  public EntityManagerFactory createContainerEntityManagerFactory(
      PersistenceUnitInfo info, Map map) {
    EntityManagerFactory factory = eclipseLink.createContainerEntityManagerFactory(info, map);
    return (EntityManagerFactory)
        Proxy.newProxyInstance(
            PatientPersistenceProvider.class.getClassLoader(),
            interfacesOf(factory.getClass()),
            new PatientFactory(factory));
  }

  @Override
  public EntityManagerFactory createEntityManagerFactory(String unit, Map map) {
    return eclipseLink.createEntityManagerFactory(unit, map);
  }

  @Override
  public void generateSchema(PersistenceUnitInfo info, Map map) {
    eclipseLink.generateSchema(info, map);
  }

  @Override
  public boolean generateSchema(String unit, Map map) {
    return eclipseLink.generateSchema(unit, map);
  }

  @Override
  public ProviderUtil getProviderUtil() {
    return eclipseLink.getProviderUtil();
  }

  /** Passes every call on, except a deployment check that found no database. */
  private static final class PatientFactory implements InvocationHandler {
    private final EntityManagerFactory factory;

    PatientFactory(EntityManagerFactory factory) {
      this.factory = factory;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(factory, args);
      } catch (InvocationTargetException e) {
        Throwable failure = e.getCause();
        boolean deploymentCheck =
            method.getName().equals("createEntityManager") && method.getParameterCount() == 0;
        if (deploymentCheck && hasSqlCause(failure)) {
          LOG.warning(
              "The database did not answer while the application deployed ("
                  + firstLine(rootOf(failure).getMessage())
                  + "); it is used once it answers, and the server is not ready until then");
          return notConnected();
        }
        throw failure;
      }
    }
  }

  /** The entity manager the deployment check closes at once. */
  private static EntityManager notConnected() {
    return (EntityManager)
        Proxy.newProxyInstance(
            PatientPersistenceProvider.class.getClassLoader(),
            new Class<?>[] {EntityManager.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "close" -> null;
                  case "isOpen" -> false;
                  case "toString" -> "EntityManager (database not reached yet)";
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> throw new IllegalStateException("The database was not reached yet.");
                });
  }

  private static Throwable rootOf(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  private static boolean hasSqlCause(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException) {
        return true;
      }
    }
    return false;
  }

  private static Class<?>[] interfacesOf(Class<?> type) {
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      interfaces.addAll(Set.of(c.getInterfaces()));
    }
    return interfaces.toArray(Class<?>[]::new);
  }
}
