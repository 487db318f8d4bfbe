package dev.rappel.events.control;

import dev.rappel.events.entity.WebhookAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Looks a subscription's host up (every address) and applies {@link WebhookAddress}: at creation,
 * and again before each pass of sends, since a name can be pointed elsewhere after it was checked
 * (DNS rebinding).
 */
@ApplicationScoped
public class WebhookTargets {

  @Inject
  @ConfigProperty(name = "rappel.webhooks.allow-private", defaultValue = "false")
  boolean allowPrivate;

  /** Why events must not be sent to {@code url} now, if they must not. */
  public Optional<String> refusal(String url) {
    Optional<String> problem = WebhookAddress.urlProblem(url);
    if (problem.isPresent()) {
      return problem;
    }
    String host = WebhookAddress.host(url);
    List<InetAddress> addresses;
    try {
      addresses = List.of(InetAddress.getAllByName(host));
    } catch (UnknownHostException e) {
      return Optional.of("host " + host + " does not resolve.");
    }
    return WebhookAddress.addressProblem(host, addresses, ownAddresses(), allowPrivate);
  }

  /** The addresses of this server's network interfaces: its own network is not a target. */
  private static Set<InetAddress> ownAddresses() {
    Set<InetAddress> own = new HashSet<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        own.addAll(Collections.list(nic.getInetAddresses()));
      }
    } catch (SocketException e) {
      // no list: the address classes alone decide
    }
    return own;
  }
}
