package dev.rappel.platform.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

  private static ApiRequest request(String method, String type, long length, boolean browser) {
    return new ApiRequest(method, Optional.ofNullable(type), length, false, browser);
  }

  @Test
  void a_write_with_a_json_body_is_accepted_whatever_the_parameters() {
    assertThat(request("POST", "application/json", 2, true).unsupportedType()).isEmpty();
    assertThat(request("PUT", "Application/JSON; charset=UTF-8", 20, false).unsupportedType())
        .isEmpty();
    assertThat(request("PATCH", "application/merge-patch+json", 20, false).unsupportedType())
        .isEmpty();
  }

  @Test
  void what_a_cross_site_form_can_send_is_refused() {
    assertThat(request("POST", "text/plain", 0, true).unsupportedType()).isPresent();
    assertThat(request("POST", "text/plain;charset=UTF-8", 10, false).unsupportedType())
        .isPresent();
    assertThat(request("POST", "application/x-www-form-urlencoded", 5, true).unsupportedType())
        .isPresent();
    assertThat(request("POST", "multipart/form-data; boundary=x", 50, true).unsupportedType())
        .isPresent();
    assertThat(request("POST", "application/merge-patch+json", 2, false).unsupportedType())
        .as("merge patch is for PATCH only")
        .isPresent();
  }

  @Test
  void a_body_without_a_type_is_refused_and_an_empty_post_only_from_a_browser() {
    assertThat(request("POST", null, 2, false).unsupportedType()).isPresent();
    assertThat(new ApiRequest("PUT", Optional.empty(), -1, true, false).unsupportedType())
        .isPresent();
    assertThat(request("POST", null, 0, false).unsupportedType()).as("curl -XPOST").isEmpty();
    assertThat(request("POST", null, -1, true).unsupportedType())
        .as("fetch no-cors or sendBeacon")
        .isPresent();
    assertThat(request("DELETE", null, 0, true).unsupportedType()).isEmpty();
  }

  @Test
  void reads_need_no_type() {
    assertThat(request("GET", "text/plain", 0, true).unsupportedType()).isEmpty();
  }

  @Test
  void a_declared_body_above_64_kib_is_too_large() {
    assertThat(request("POST", "application/json", 64 * 1024, false).declaredTooLarge()).isFalse();
    assertThat(request("POST", "application/json", 64 * 1024 + 1, false).declaredTooLarge())
        .isTrue();
  }

  @Test
  void browsers_are_told_apart_from_scripts_by_what_only_browsers_send() {
    assertThat(ApiRequest.sentByBrowser(null, null, "*/*", "curl/8.5.0")).isFalse();
    assertThat(ApiRequest.sentByBrowser(null, null, null, "Java-http-client/17")).isFalse();
    assertThat(ApiRequest.sentByBrowser("cors", null, "*/*", null)).isTrue();
    assertThat(ApiRequest.sentByBrowser(null, "https://evil.example", null, null)).isTrue();
    assertThat(ApiRequest.sentByBrowser(null, null, "text/html,application/xhtml+xml", null))
        .isTrue();
    assertThat(ApiRequest.sentByBrowser(null, null, "*/*", "Mozilla/5.0 (X11; Linux x86_64)"))
        .isTrue();
  }
}
