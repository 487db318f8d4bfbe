package dev.rappel.events.entity;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a webhook subscription may send: an {@code http} or {@code https} URL whose host resolves
 * only to addresses on the public internet. A subscription is made by an admin of this server, but
 * its requests leave from the server, inside its network: a URL naming the server itself, a
 * database next to it or a cloud metadata service would turn webhooks into a way to reach them
 * (server-side request forgery). So loopback, link-local, private (site-local, unique local, shared
 * carrier-grade NAT) addresses and the server's own addresses are refused unless {@code
 * rappel.webhooks.allow-private=true}; unspecified, multicast and broadcast addresses and the cloud
 * metadata address are refused always, since no receiver lives there.
 */
public final class WebhookAddress {
  /** The longest URL a subscription keeps. */
  public static final int MAX_URL_LENGTH = 2000;

  static final String ALLOW_PRIVATE = "rappel.webhooks.allow-private";

  /** The metadata services of the main clouds (AWS, GCP, Azure; AWS also over IPv6). */
  private static final Set<String> METADATA = Set.of("169.254.169.254", "fd00:ec2:0:0:0:0:0:254");

  private WebhookAddress() {}

  /**
   * The URL as a subscription keeps it, or why it cannot be one (before any address is looked up):
   * http or https, a host, no user name or password in it.
   */
  public static Optional<String> urlProblem(String url) {
    if (url == null || url.isBlank()) {
      return Optional.of("is required: the receiver's http or https URL.");
    }
    if (url.length() > MAX_URL_LENGTH) {
      return Optional.of("is longer than " + MAX_URL_LENGTH + " characters.");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return Optional.of("is not a URL: " + e.getReason() + ".");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("must be an http or https URL.");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      return Optional.of("has no host name a request could go to.");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not carry a user name or password; the signature says who sends.");
    }
    return Optional.empty();
  }

  /** The host to look up: an IPv6 literal without its brackets. */
  public static String host(String url) {
    String host = URI.create(url.strip()).getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /**
   * Why a request to {@code host} must not go to {@code addresses} (all its addresses, as looked up
   * now), if it must not: one forbidden address is enough, since the HTTP client may pick any.
   * {@code own} are the addresses of this server's network interfaces.
   */
  public static Optional<String> addressProblem(
      String host, Collection<InetAddress> addresses, Set<InetAddress> own, boolean allowPrivate) {
    if (addresses.isEmpty()) {
      return Optional.of("host " + host + " has no address.");
    }
    for (InetAddress address : addresses) {
      Optional<String> kind = alwaysRefused(address);
      if (kind.isPresent()) {
        return Optional.of(resolvesTo(host, address) + kind.get() + ", which is never a receiver.");
      }
      if (!allowPrivate) {
        Optional<String> inside = inside(address, own);
        if (inside.isPresent()) {
          return Optional.of(
              resolvesTo(host, address)
                  + inside.get()
                  + ": the server's own network is not a webhook target (set "
                  + ALLOW_PRIVATE
                  + "=true to allow it).");
        }
      }
    }
    return Optional.empty();
  }

  private static String resolvesTo(String host, InetAddress address) {
    String literal = address.getHostAddress();
    return host.equalsIgnoreCase(literal) || host.equalsIgnoreCase("[" + literal + "]")
        ? literal + " is "
        : host + " resolves to " + literal + ", ";
  }

  private static Optional<String> alwaysRefused(InetAddress address) {
    Optional<InetAddress> embedded = embeddedIpv4(address);
    if (embedded.isPresent()) {
      return alwaysRefused(embedded.get());
    }
    byte[] raw = address.getAddress();
    if (address.isAnyLocalAddress() || (address instanceof Inet4Address && raw[0] == 0)) {
      return Optional.of("an unspecified address");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("a multicast address");
    }
    if (address instanceof Inet4Address && Arrays.equals(raw, new byte[] {-1, -1, -1, -1})) {
      return Optional.of("the broadcast address");
    }
    if (METADATA.contains(address.getHostAddress())) {
      return Optional.of("a cloud metadata service");
    }
    return Optional.empty();
  }

  private static Optional<String> inside(InetAddress address, Set<InetAddress> own) {
    Optional<InetAddress> embedded = embeddedIpv4(address);
    if (embedded.isPresent()) {
      return inside(embedded.get(), own);
    }
    byte[] raw = address.getAddress();
    if (address.isLoopbackAddress()) {
      return Optional.of("a loopback address");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("a link-local address");
    }
    if (address.isSiteLocalAddress()) {
      return Optional.of("a private address");
    }
    if (address instanceof Inet6Address && (raw[0] & 0xfe) == 0xfc) {
      return Optional.of("a unique local (private) address");
    }
    if (address instanceof Inet4Address && raw[0] == 100 && (raw[1] & 0xc0) == 64) {
      return Optional.of("a shared (carrier-grade NAT) address");
    }
    if (own.contains(address)) {
      return Optional.of("an address of this server");
    }
    return Optional.empty();
  }

  /**
   * The IPv4 address an IPv6 one carries, where it is routed to that IPv4 address: IPv4-compatible
   * ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::a.b.c.d}) and 6to4 ({@code 2002:aabb:ccdd::}).
   * (IPv4-mapped ones, {@code ::ffff:a.b.c.d}, Java reads as IPv4 already.)
   */
  static Optional<InetAddress> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address v6) || address.isAnyLocalAddress()) {
      return Optional.empty();
    }
    byte[] raw = address.getAddress();
    try {
      if (v6.isIPv4CompatibleAddress() && !address.isLoopbackAddress()) {
        return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(raw, 12, 16)));
      }
      if (raw[0] == 0 && raw[1] == 0x64 && raw[2] == (byte) 0xff && raw[3] == (byte) 0x9b) {
        boolean zeros = true;
        for (int i = 4; i < 12; i++) {
          zeros &= raw[i] == 0;
        }
        if (zeros) {
          return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(raw, 12, 16)));
        }
      }
      if (raw[0] == 0x20 && raw[1] == 0x02) {
        return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(raw, 2, 6)));
      }
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
    return Optional.empty();
  }
}
