package dev.rappel.testing.server;

import dev.rappel.privacy.boundary.RetentionTick;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only: {@code POST /api/v1/test/retention/run} runs the retention pass now, instead of at the
 * hourly tick, and answers how many callbacks it erased.
 */
@Path("test/retention")
@RequestScoped
public class TestRetentionResource {

  @Inject RetentionTick retention;

  @POST
  @Path("run")
  @Produces(MediaType.TEXT_PLAIN)
  public String run() {
    return String.valueOf(retention.run());
  }
}
