package dev.rappel.testing.server;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Test-only: {@code POST /api/v1/test/log/capture} keeps every record the server logs from then on
 * (messages, parameters, stack traces), forgetting what an earlier call kept, so that a test on the
 * shared server searches its own part of the log only; {@code POST /api/v1/test/log/contains} with
 * {@code {"text": ...}} as the body says whether any of them holds it. The text travels in the
 * body, so asking leaves it in no URL.
 */
@Path("test/log")
@RequestScoped
public class TestLogResource {
  private static final List<String> RECORDS = new CopyOnWriteArrayList<>();
  private static Handler handler;

  @POST
  @Path("capture")
  public void capture() {
    synchronized (RECORDS) {
      RECORDS.clear();
      if (handler != null) {
        return;
      }
      SimpleFormatter formatter = new SimpleFormatter();
      handler =
          new Handler() {
            @Override
            public void publish(LogRecord record) {
              StringWriter text = new StringWriter();
              text.append(record.getLoggerName())
                  .append(' ')
                  .append(formatter.formatMessage(record));
              if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
              }
              RECORDS.add(text.toString());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          };
      handler.setLevel(Level.ALL);
      Logger.getLogger("").addHandler(handler);
    }
  }

  @POST
  @Path("contains")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.TEXT_PLAIN)
  public String contains(jakarta.json.JsonObject body) {
    String text = body.getString("text");
    return Boolean.toString(RECORDS.stream().anyMatch(r -> r.contains(text)));
  }
}
