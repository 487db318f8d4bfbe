package dev.rappel.testing.server;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;

/** Test-only: {@code POST /api/v1/test/clock/advance?seconds=3600} moves the server's time. */
@Path("test/clock")
@RequestScoped
public class TestClockResource {

  @Inject TestClockProducer clocks;

  @Inject Clock clock;

  @POST
  @Path("advance")
  @Produces(MediaType.TEXT_PLAIN)
  public String advance(@QueryParam("seconds") long seconds) {
    if (seconds < 0) {
      // a clock that goes back would let the server do again what it has done
      throw new jakarta.ws.rs.BadRequestException("the test clock only moves forward");
    }
    clocks.advance(Duration.ofSeconds(seconds));
    return clock.instant().toString();
  }
}
