package dev.rappel.security.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/callbacks",
        "//api/v1/callbacks",
        "///api//v1/callbacks",
        "/./api/v1/callbacks",
        "/api/../api/v1/callbacks",
        "/agent/../api/v1/callbacks",
        "/%61pi/v1/callbacks",
        "/api;jsessionid=ABC/v1/callbacks",
        "/api;/v1/callbacks",
        "/x%2F..%2Fapi/v1/callbacks",
        "/api",
        "/api/"
      })
  void paths_that_reach_the_api_count_as_api_calls(String raw) {
    assertThat(RequestPaths.isApiPath(RequestPaths.normalised(raw))).as(raw).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/login.xhtml",
        "/agent/desk.xhtml",
        "/apix/v1",
        "/api.xhtml",
        "/",
        "",
        "/admin/%zz/users.xhtml"
      })
  void console_paths_do_not(String raw) {
    assertThat(RequestPaths.isApiPath(RequestPaths.normalised(raw))).as(raw).isFalse();
  }
}
