package dev.rappel.testing.server;

import dev.rappel.events.entity.OutboxEvent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only: {@code GET /api/v1/test/outbox?callbackId=1} answers how many webhook outbox rows a
 * callback has, and how many of them were delivered ({@code 3/2}): the outbox has no API.
 */
@Path("test/outbox")
@RequestScoped
public class TestOutboxResource {

  @PersistenceContext EntityManager em;

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String rows(@QueryParam("callbackId") long callbackId) {
    var rows =
        em.createQuery("SELECT o FROM OutboxEvent o WHERE o.callbackId = :id", OutboxEvent.class)
            .setParameter("id", callbackId)
            .getResultList();
    long delivered = rows.stream().filter(o -> o.publishedAt().isPresent()).count();
    return rows.size() + "/" + delivered;
  }
}
