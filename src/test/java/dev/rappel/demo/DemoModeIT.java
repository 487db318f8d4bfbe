package dev.rappel.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rappel.testing.Api;
import dev.rappel.testing.TestRuns;
import java.io.File;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The documented switch turns an empty server into a small living contact center: the built WAR,
 * deployed by Arquillian to a Payara Micro whose options turn demo mode on ({@code arquillian.xml},
 * container {@code demo}). Derby's run only: demo mode is a first look on the embedded database,
 * never production.
 */
@Tag(TestRuns.DERBY_ONLY)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoModeIT {

  @Deployment(testable = false)
  @TargetsContainer("demo")
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("rappel.war", "target/rappel.war")));
  }

  @ArquillianResource URL base;

  @Test
  void demo_mode_seeds_an_empty_database_and_the_engine_moves_it_along() throws Exception {
    Api admin = new Api(base.toURI().resolve("/"));
    assertThat(admin.get("/api/v1/queues").body()).contains("\"Support\"", "\"Sales\"");
    Api sam = admin.as("sam", "demo-password");
    assertThat(sam.get("/api/v1/callbacks").json().getInt("total")).isGreaterThanOrEqualTo(18);
    Api alice = admin.as("alice", "demo-password");
    assertThat(alice.get("/api/v1/callbacks").status()).isEqualTo(200);
    // the first callbacks are due 5 s after start here (a minute by default): the engine offers
    // or dials them
    await()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () ->
                assertThat(
                        sam.get("/api/v1/callbacks?state=OFFERED,RESERVED,DIALING,CONNECTED")
                            .json()
                            .getInt("total"))
                    .isPositive());
  }
}
