package dev.rappel.security.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Reading the token request as RFC 6749 writes it. */
class OAuthTokenParsingTest {

  @Test
  void form_fields_are_decoded_and_a_repeated_field_is_refused() {
    assertThat(OAuthTokenResource.form("grant_type=client_credentials&scope=a%3Ab+c"))
        .hasValueSatisfying(
            f ->
                assertThat(f)
                    .containsEntry("grant_type", "client_credentials")
                    .containsEntry("scope", "a:b c"));
    assertThat(OAuthTokenResource.form("a=1&a=2")).isEmpty();
    assertThat(OAuthTokenResource.form("a=%zz")).isEmpty();
  }

  @Test
  void basic_client_credentials_are_form_decoded_after_base64() {
    String header =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("my%3Aclient:s%2Bcret".getBytes(StandardCharsets.UTF_8));
    assertThat(OAuthTokenResource.basic(header))
        .hasValueSatisfying(c -> assertThat(c).containsExactly("my:client", "s+cret"));
    assertThat(OAuthTokenResource.basic("Bearer x")).isEmpty();
    assertThat(OAuthTokenResource.basic("Basic !!!")).isEmpty();
  }
}
