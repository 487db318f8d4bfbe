package dev.rappel.callback.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rappel.callback.control.CallbackSearch.Sort;
import dev.rappel.callback.control.CallbackSearch.SortKey;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/** The table's column sorts become orders the database knows; anything else is due time. */
class SupervisorSortTest {

  private static Map<String, SortMeta> clicked(String field, SortOrder order) {
    return Map.of(field, SortMeta.builder().field(field).order(order).build());
  }

  @ParameterizedTest
  @CsvSource({
    "customer, CUSTOMER",
    "number, NUMBER",
    "customerTime, DUE",
    "viewerTime, DUE",
    "queue, QUEUE",
    "owner, OWNER",
    "state, STATE",
    "attempts, ATTEMPTS"
  })
  void each_sortable_column_maps_to_its_database_order(String field, SortKey key) {
    assertThat(SupervisorListPage.sort(clicked(field, SortOrder.DESCENDING)))
        .isEqualTo(new Sort(key, true));
    assertThat(SupervisorListPage.sort(clicked(field, SortOrder.ASCENDING)))
        .isEqualTo(new Sort(key, false));
  }

  @Test
  void no_sort_or_an_unknown_field_is_due_time_first() {
    assertThat(SupervisorListPage.sort(Map.of())).isEqualTo(Sort.byDueTime());
    assertThat(SupervisorListPage.sort(clicked("notes; DROP TABLE", SortOrder.ASCENDING)))
        .isEqualTo(Sort.byDueTime());
    assertThat(SupervisorListPage.sort(clicked("customer", SortOrder.UNSORTED)))
        .isEqualTo(Sort.byDueTime());
  }
}
