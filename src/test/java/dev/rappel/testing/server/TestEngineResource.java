package dev.rappel.testing.server;

import dev.rappel.delivery.boundary.Engine;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;

/**
 * Test-only: runs the due-delivery step from several threads at once, as several dispatchers would,
 * and answers how many callbacks they claimed in total.
 */
@Path("test/engine")
@RequestScoped
public class TestEngineResource {

  @Inject Engine engine;

  @Inject TestEngineSteps steps;

  @POST
  @Path("reserve-then-off-queue")
  @Produces(MediaType.TEXT_PLAIN)
  public String reserveThenOffQueue(@QueryParam("agentId") long agentId) {
    return String.valueOf(steps.reserveThenGoOffQueue(agentId));
  }

  /**
   * Rehearses the delivery of the callbacks due by {@code by} if at least {@code size} come due in
   * the second before it, as a pass does before a burst: "none", or the burst's first due instant
   * and how many rows the rolled-back batch read.
   */
  @POST
  @Path("rehearse")
  @Produces(MediaType.TEXT_PLAIN)
  public String rehearse(@QueryParam("by") String by, @QueryParam("size") int size) {
    Instant at = Instant.parse(by);
    return engine
        .burstComing(at.minusSeconds(1), at, size)
        .map(first -> first + " " + engine.rehearseDelivery(at))
        .orElse("none");
  }

  @Resource ManagedExecutorService executor;

  @POST
  @Path("race")
  @Produces(MediaType.TEXT_PLAIN)
  public String race(@QueryParam("threads") int threads) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> runs = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      runs.add(
          executor.submit(
              () -> {
                start.await();
                int claimed = 0;
                for (int pass = 0; pass < 20; pass++) {
                  try {
                    claimed += engine.deliverDue();
                  } catch (RuntimeException lostRace) {
                    // another dispatcher won these rows; try the next batch
                  }
                }
                return claimed;
              }));
    }
    start.countDown();
    int total = 0;
    for (Future<Integer> run : runs) {
      total += run.get();
    }
    return String.valueOf(total);
  }
}
