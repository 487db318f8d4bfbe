package dev.rappel.callback.boundary;

import dev.rappel.callback.control.CallbackSearch;
import dev.rappel.callback.entity.CallbackTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One exported callback as a CSV line (RFC 4180): a field with a comma, a quote or a line break is
 * quoted and its quotes doubled; lines end with CRLF. Times are machine-readable: the scheduled
 * time in UTC, the customer's wall-clock time beside its zone.
 */
final class CallbackCsv {
  private CallbackCsv() {}

  static final String HEADER =
      line(
          List.of(
              "id",
              "customer",
              "number",
              "scheduled (UTC)",
              "customer local time",
              "zone",
              "queue",
              "owner",
              "state",
              "attempts"));

  static String row(CallbackSearch.Line line) {
    var time = new CallbackTime(line.scheduledAt(), line.timeZone());
    return line(
        List.of(
            String.valueOf(line.id()),
            text(line.customerName()),
            text(line.phoneNumber()),
            line.scheduledAt().truncatedTo(ChronoUnit.SECONDS).toString(),
            time.customerLocalTime()
                .truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME),
            time.zone().getId(),
            text(line.queueName()),
            text(line.ownerName()),
            line.state().name(),
            String.valueOf(line.attempts())));
  }

  static String line(List<String> fields) {
    return fields.stream().map(CallbackCsv::field).collect(Collectors.joining(",")) + "\r\n";
  }

  static String field(String value) {
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\r")
        || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
