package dev.rappel.platform.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublicUrlTest {

  @Test
  void behind_an_https_address_cookies_are_secure_and_browsers_are_told_to_keep_to_https() {
    PublicUrl url = PublicUrl.of(Optional.of("https://callbacks.example.com"));
    assertThat(url.secureCookies()).isTrue();
    assertThat(url.strictTransportSecurity()).contains("max-age=31536000");
    assertThat(PublicUrl.of(Optional.of(" HTTPS://x.example/rappel ")).isHttps()).isTrue();
  }

  @Test
  void over_plain_http_or_with_no_address_nothing_is_forced() {
    for (Optional<String> configured :
        java.util.List.of(
            Optional.<String>empty(), Optional.of(""), Optional.of("http://localhost:8080"))) {
      PublicUrl url = PublicUrl.of(configured);
      assertThat(url.secureCookies()).as(configured.toString()).isFalse();
      assertThat(url.strictTransportSecurity()).isEmpty();
    }
  }
}
