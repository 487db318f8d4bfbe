package dev.rappel.events.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookAddressTest {

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static Optional<String> problem(String literal, boolean allowPrivate) {
    return WebhookAddress.addressProblem(literal, List.of(ip(literal)), Set.of(), allowPrivate);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "10.0.0.1",
        "172.16.0.1",
        "172.31.255.254",
        "192.168.1.20",
        "169.254.10.10",
        "fe80::1",
        "fc00::1",
        "fd12:3456:789a::1",
        "100.64.0.1",
        "::ffff:10.1.2.3",
        "64:ff9b::a01:203",
        "2002:c0a8:0101::1"
      })
  void loopback_link_local_and_private_addresses_are_refused_unless_allowed(String literal) {
    assertThat(problem(literal, false))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("server's own network")
                    .contains("rappel.webhooks.allow-private"));
    assertThat(problem(literal, true)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0.0",
        "0.1.2.3",
        "::",
        "224.0.0.1",
        "239.255.255.250",
        "ff02::1",
        "255.255.255.255",
        "169.254.169.254"
      })
  void unspecified_multicast_broadcast_and_metadata_addresses_are_refused_even_when_allowed(
      String literal) {
    assertThat(problem(literal, true)).hasValueSatisfying(why -> assertThat(why).contains("never"));
    assertThat(problem(literal, false)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1"})
  void public_addresses_are_accepted(String literal) {
    assertThat(problem(literal, false)).isEmpty();
  }

  @Test
  void one_private_address_among_public_ones_is_enough_to_refuse_a_host() {
    Optional<String> why =
        WebhookAddress.addressProblem(
            "hooks.example.com", List.of(ip("8.8.8.8"), ip("10.0.0.7")), Set.of(), false);

    assertThat(why)
        .hasValueSatisfying(
            text -> assertThat(text).startsWith("hooks.example.com resolves to 10.0.0.7"));
  }

  @Test
  void an_address_of_the_server_itself_is_refused_unless_allowed() {
    InetAddress own = ip("93.184.215.14");

    assertThat(WebhookAddress.addressProblem("me", List.of(own), Set.of(own), false)).isPresent();
    assertThat(WebhookAddress.addressProblem("me", List.of(own), Set.of(own), true)).isEmpty();
  }

  @Test
  void a_host_without_address_is_refused() {
    assertThat(WebhookAddress.addressProblem("nowhere", List.of(), Set.of(), true)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://example.com/hook",
        "file:///etc/passwd",
        "gopher://example.com",
        "example.com/hook",
        "http://",
        "http://user:password@example.com/hook",
        "https://exa mple.com/"
      })
  void only_http_and_https_urls_with_a_host_and_no_credentials_are_urls_of_receivers(String url) {
    assertThat(WebhookAddress.urlProblem(url)).isPresent();
  }

  @Test
  void a_missing_or_too_long_url_is_refused() {
    assertThat(WebhookAddress.urlProblem(null)).isPresent();
    assertThat(WebhookAddress.urlProblem(" ")).isPresent();
    assertThat(WebhookAddress.urlProblem("https://example.com/" + "a".repeat(2000))).isPresent();
  }

  @Test
  void http_and_https_urls_are_accepted_and_ipv6_hosts_are_looked_up_without_brackets() {
    assertThat(WebhookAddress.urlProblem("https://hooks.example.com:8443/in?x=1")).isEmpty();
    assertThat(WebhookAddress.urlProblem("HTTP://example.com")).isEmpty();
    assertThat(WebhookAddress.host("http://[::1]:8080/hook")).isEqualTo("::1");
    assertThat(WebhookAddress.host("https://hooks.example.com/in")).isEqualTo("hooks.example.com");
  }
}
