package dev.rappel.platform.boundary;

import dev.rappel.platform.entity.PublicUrl;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Marks the session cookie {@code Secure} when the server is reached over HTTPS ({@link
 * PublicUrl}): behind a TLS proxy the container sees plain HTTP and would not do it by itself. The
 * cookie's settings can only change while the application starts, hence a listener.
 */
@WebListener
public class SessionCookieSecurity implements ServletContextListener {
  private static final Logger LOG = Logger.getLogger(SessionCookieSecurity.class.getName());

  /** Where the server is reached; empty means as it sees requests. */
  public static final String PUBLIC_URL = "rappel.public-url";

  static PublicUrl publicUrl() {
    return PublicUrl.of(ConfigProvider.getConfig().getOptionalValue(PUBLIC_URL, String.class));
  }

  @Override
  public void contextInitialized(ServletContextEvent event) {
    if (publicUrl().secureCookies()) {
      event.getServletContext().getSessionCookieConfig().setSecure(true);
      LOG.info("Public URL is HTTPS: session cookies are Secure and responses carry HSTS");
    }
  }
}
