package dev.rappel.callback.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.callback.control.CallbackSearch;
import dev.rappel.callback.entity.CallbackState;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallbackCsvTest {

  @Test
  void fields_with_a_comma_a_quote_or_a_line_break_are_quoted_with_quotes_doubled() {
    assertThat(CallbackCsv.line(List.of("plain", "a,b", "say \"hi\"", "two\nlines", "")))
        .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
  }

  @Test
  void a_row_gives_the_time_in_utc_and_the_customers_wall_clock_time_beside_its_zone() {
    var line =
        new CallbackSearch.Line(
            7,
            "Lovelace, Ada",
            "+33142685300",
            ZoneId.of("Europe/Paris"),
            Instant.parse("2026-12-01T09:30:00.123Z"),
            "Sales",
            null,
            null,
            CallbackState.SCHEDULED,
            2);
    assertThat(CallbackCsv.row(line))
        .isEqualTo(
            "7,\"Lovelace, Ada\",+33142685300,2026-12-01T09:30:00Z,2026-12-01T10:30:00,"
                + "Europe/Paris,Sales,,SCHEDULED,2\r\n");
  }
}
