package dev.rappel.callback.boundary;

import static dev.rappel.platform.boundary.PageMessages.error;

import dev.rappel.callback.control.CallbackFilter;
import dev.rappel.callback.control.CallbackSearch;
import dev.rappel.callback.control.CallbackSearch.Sort;
import dev.rappel.callback.control.CallbackSearch.SortKey;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.callback.entity.CallbackTime;
import dev.rappel.platform.boundary.PageTimes;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.Violations;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The supervisor finds callbacks: filters them by queue, agent, state, time range and customer
 * number, and pages and sorts them in a table the database pages and sorts.
 */
@Named("supervisorList")
@ViewScoped
public class SupervisorListPage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter SHOWN = PageTimes.LISTED;

  @Inject CallbackLists lists;

  @Inject SupervisorOverviewPage overview;

  @Inject Caller caller;

  @Inject Clock clock;

  // filters as typed, and the filter in force (changed only by a valid "Filter")
  private Long queueId;
  private Long agentId;
  private String state;
  private String phoneNumber;
  private LocalDateTime from;
  private LocalDateTime to;
  private CallbackFilter filter = CallbackFilter.all();
  private boolean totalExact = true;

  /** One row of the table, already formatted for the viewer. */
  public record Row(
      long id,
      String customer,
      String number,
      String customerTime,
      String viewerTime,
      String queue,
      String owner,
      String state,
      int attempts,
      boolean changeable,
      boolean cancellable,
      boolean completable)
      implements Serializable {}

  private final LazyDataModel<Row> model =
      new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filters) {
          CallbackSearch.Count count = lists.count(filter, caller);
          totalExact = count.exact();
          return (int) count.value();
        }

        @Override
        public List<Row> load(
            int first, int pageSize, Map<String, SortMeta> sort, Map<String, FilterMeta> filters) {
          // the table asked count() first: only the page is read here, in the database's order
          return lists.lines(filter, sort(sort), first, pageSize, caller).stream()
              .map(SupervisorListPage.this::row)
              .toList();
        }

        @Override
        public String getRowKey(Row row) {
          return String.valueOf(row.id());
        }
      };

  /** The column a person clicked, mapped to an order the database knows; due time otherwise. */
  static Sort sort(Map<String, SortMeta> sortBy) {
    return sortBy.values().stream()
        .filter(meta -> meta.getOrder() != null && meta.getOrder() != SortOrder.UNSORTED)
        .findFirst()
        .map(
            meta ->
                new Sort(
                    switch (meta.getField()) {
                      case "customer" -> SortKey.CUSTOMER;
                      case "number" -> SortKey.NUMBER;
                      case "queue" -> SortKey.QUEUE;
                      case "owner" -> SortKey.OWNER;
                      case "state" -> SortKey.STATE;
                      case "attempts" -> SortKey.ATTEMPTS;
                      default -> SortKey.DUE;
                    },
                    meta.getOrder() == SortOrder.DESCENDING))
        .orElse(Sort.byDueTime());
  }

  /** Applies the filters as typed; a filter that cannot be read is explained beside it. */
  public void apply() {
    ZoneId zone = clock.getZone();
    try {
      Violations violations = new Violations();
      Optional<String> number =
          violations.checkOptional(() -> CallbackFilter.numberPrefix(phoneNumber));
      CallbackFilter asked =
          violations.check(
              () ->
                  new CallbackFilter(
                      state == null || state.isBlank()
                          ? EnumSet.noneOf(CallbackState.class)
                          : EnumSet.of(CallbackState.valueOf(state)),
                      Optional.ofNullable(queueId),
                      Optional.ofNullable(agentId),
                      Optional.ofNullable(from).map(f -> f.atZone(zone).toInstant()),
                      Optional.ofNullable(to).map(t -> t.atZone(zone).toInstant()),
                      number));
      violations.throwIfAny();
      filter = asked;
    } catch (RuleViolation refused) {
      // the filter's own rules (a number, a range that ends after it starts), beside their fields
      refused
          .errors()
          .forEach(
              e ->
                  error(
                      "phoneNumber".equals(e.field()) ? "list:number" : "list:" + e.field(),
                      e.message()));
      return;
    }
    firstPage();
    overview.refresh();
  }

  private static void firstPage() {
    var table = FacesContext.getCurrentInstance().getViewRoot().findComponent("list:table");
    if (table instanceof DataTable dataTable) {
      dataTable.setFirst(0);
    }
  }

  private Row row(CallbackSearch.Line line) {
    var time = new CallbackTime(line.scheduledAt(), line.timeZone());
    String owner = line.ownerName() == null ? "" : line.ownerName();
    if (line.assignedAgentName() != null && !line.assignedAgentName().equals(line.ownerName())) {
      owner = (owner.isEmpty() ? "" : owner + " · ") + "with " + line.assignedAgentName();
    }
    return new Row(
        line.id(),
        line.customerName() == null ? "" : line.customerName(),
        line.phoneNumber(),
        time.customerLocalTime().format(SHOWN) + " " + time.zone().getId(),
        time.localTimeIn(clock.getZone()).format(SHOWN),
        line.queueName(),
        owner,
        line.state().name(),
        line.attempts(),
        line.state().isWaiting(),
        !line.state().isTerminal(),
        line.state() == CallbackState.CONNECTED);
  }

  /**
   * The export of the list in force (the filters last applied), as a console link: the session that
   * shows this page signs the download in too.
   */
  public String getExportUrl() {
    List<String> query = new ArrayList<>();
    if (!filter.states().isEmpty()) {
      query.add(
          parameter(
              "state",
              filter.states().stream().map(Enum::name).sorted().collect(Collectors.joining(","))));
    }
    filter.queueId().ifPresent(id -> query.add(parameter("queueId", id.toString())));
    filter.agentId().ifPresent(id -> query.add(parameter("agentId", id.toString())));
    filter.from().ifPresent(at -> query.add(parameter("from", at.toString())));
    filter.to().ifPresent(at -> query.add(parameter("to", at.toString())));
    filter.phoneNumber().ifPresent(number -> query.add(parameter("phoneNumber", number)));
    return CallbackExport.PATH + (query.isEmpty() ? "" : "?" + String.join("&", query));
  }

  private static String parameter(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** "+" after a total that stopped at the count limit: there are at least that many. */
  public String getTotalSuffix() {
    return totalExact ? "" : "+";
  }

  public LazyDataModel<Row> getModel() {
    return model;
  }

  public List<String> getStates() {
    return Arrays.stream(CallbackState.values()).map(Enum::name).toList();
  }

  public String getViewerZone() {
    return clock.getZone().getId();
  }

  public Long getQueueId() {
    return queueId;
  }

  public void setQueueId(Long queueId) {
    this.queueId = queueId;
  }

  public Long getAgentId() {
    return agentId;
  }

  public void setAgentId(Long agentId) {
    this.agentId = agentId;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getPhoneNumber() {
    return phoneNumber;
  }

  public void setPhoneNumber(String phoneNumber) {
    this.phoneNumber = phoneNumber;
  }

  public LocalDateTime getFrom() {
    return from;
  }

  public void setFrom(LocalDateTime from) {
    this.from = from;
  }

  public LocalDateTime getTo() {
    return to;
  }

  public void setTo(LocalDateTime to) {
    this.to = to;
  }
}
