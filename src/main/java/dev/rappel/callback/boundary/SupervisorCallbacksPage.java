package dev.rappel.callback.boundary;

import static dev.rappel.platform.boundary.PageMessages.error;
import static dev.rappel.platform.boundary.PageMessages.info;

import dev.rappel.agent.boundary.Agents;
import dev.rappel.callback.control.CallbackFilter;
import dev.rappel.callback.control.CallbackSearch;
import dev.rappel.callback.control.CallbackSearch.Sort;
import dev.rappel.callback.control.CallbackSearch.SortKey;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.callback.entity.CallbackTime;
import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.boundary.PageTimes;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.FieldError;
import dev.rappel.platform.entity.Forbidden;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.platform.entity.TimeZones;
import dev.rappel.platform.entity.Violations;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.primefaces.PrimeFaces;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.primefaces.model.charts.ChartData;
import org.primefaces.model.charts.bar.BarChartDataSet;
import org.primefaces.model.charts.bar.BarChartModel;
import org.primefaces.model.charts.bar.BarChartOptions;

/**
 * The supervisor's "Scheduled callbacks" view: an overview by state and due hour, every callback
 * filtered by queue, agent, state, time range and customer number, paged and sorted by the
 * database, with reschedule, reassign and cancel (each confirmed) and a detail of one callback.
 */
@Named("supervision")
@ViewScoped
public class SupervisorCallbacksPage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter SHOWN = PageTimes.LISTED;
  private static final DateTimeFormatter SHOWN_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");
  private static final List<String> ZONES = TimeZones.ids();

  @Inject Callbacks callbacks;

  @Inject CallbackLists lists;

  @Inject ScheduleForms forms;

  @Inject Agents agents;

  @Inject Caller caller;

  @Inject java.time.Clock clock;

  // filters as typed, and the filter in force (changed only by a valid "Filter")
  private Long queueId;
  private Long agentId;
  private String state;
  private String phoneNumber;
  private LocalDateTime from;
  private LocalDateTime to;
  private CallbackFilter filter = CallbackFilter.all();

  private List<Option> queues = List.of();
  private List<Option> agentOptions = List.of();
  private Overview overview;

  private Edit edit;
  private LocalDate rescheduleDate;
  private String rescheduleTime;
  private String rescheduleZone;
  private String shownZone;
  private boolean customerZoneFromNow;
  private Long targetQueueId;
  private Long targetOwnerId;

  private Detail detail;

  /** A queue or agent to choose. */
  public record Option(long id, String name) implements Serializable {}

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
      boolean cancellable)
      implements Serializable {}

  /** The counts on top of the page and the chart of the next 24 hours. */
  public record Overview(
      List<StateCount> byState, long dueNextHour, long dueNext24Hours, BarChartModel chart)
      implements Serializable {}

  public record StateCount(String state, long count) implements Serializable {}

  /** The callback a dialog works on, as it was when the dialog opened. */
  public record Edit(
      long id,
      String title,
      String customerZone,
      String scheduled,
      long queueId,
      Long ownerId,
      String ownerName)
      implements Serializable {}

  /** One callback with its attempts and full history. */
  public record Detail(
      long id,
      String title,
      List<String[]> facts,
      List<AttemptLine> attempts,
      List<HistoryLine> history)
      implements Serializable {}

  public record AttemptLine(int number, String agent, String started, String outcome)
      implements Serializable {}

  public record HistoryLine(String at, String event, String state, String actor, String detail)
      implements Serializable {}

  private final LazyDataModel<Row> model =
      new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filters) {
          return (int) lists.count(filter, caller);
        }

        @Override
        public List<Row> load(
            int first, int pageSize, Map<String, SortMeta> sort, Map<String, FilterMeta> filters) {
          // the table asked count() first: only the page is read here, in the database's order
          return lists.lines(filter, sort(sort), first, pageSize, caller).stream()
              .map(SupervisorCallbacksPage.this::row)
              .toList();
        }

        @Override
        public String getRowKey(Row row) {
          return String.valueOf(row.id());
        }
      };

  @PostConstruct
  void init() {
    queues = forms.queues().stream().map(q -> new Option(q.id(), q.name())).toList();
    agentOptions = agents.all().stream().map(a -> new Option(a.id(), a.name())).toList();
    refreshOverview();
  }

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
    boolean valid = true;
    Optional<String> number = Optional.empty();
    try {
      number = CallbackFilter.numberPrefix(phoneNumber);
    } catch (RuleViolation notANumber) {
      error("list:number", notANumber.errors().get(0).message());
      valid = false;
    }
    if (from != null && to != null && !to.isAfter(from)) {
      error("list:to", "The end of the time range must come after its start.");
      valid = false;
    }
    if (!valid) {
      return;
    }
    ZoneId zone = clock.getZone();
    filter =
        new CallbackFilter(
            state == null || state.isBlank()
                ? EnumSet.noneOf(CallbackState.class)
                : EnumSet.of(CallbackState.valueOf(state)),
            Optional.ofNullable(queueId),
            Optional.ofNullable(agentId),
            Optional.ofNullable(from).map(f -> f.atZone(zone).toInstant()),
            Optional.ofNullable(to).map(t -> t.atZone(zone).toInstant()),
            number);
    firstPage();
    refreshOverview();
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
        !line.state().isTerminal());
  }

  private void refreshOverview() {
    ZoneId zone = clock.getZone();
    CallbackLists.Summary summary = lists.summary(zone, caller);
    List<StateCount> byState =
        summary.byState().entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .map(e -> new StateCount(e.getKey().name(), e.getValue()))
            .toList();
    List<Object> counts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    long total = 0;
    for (int hour = 0; hour < summary.perHour().length; hour++) {
      Instant start = summary.firstHour().plusSeconds(3600L * hour);
      labels.add(start.atZone(zone).format(HOUR));
      counts.add(summary.perHour()[hour]);
      total += summary.perHour()[hour];
    }
    BarChartDataSet set = new BarChartDataSet();
    set.setLabel("Callbacks due per hour (" + zone.getId() + ")");
    set.setData(counts);
    set.setBackgroundColor("rgba(31, 58, 95, 0.75)");
    ChartData data = new ChartData();
    data.addChartDataSet(set);
    data.setLabels(labels);
    BarChartOptions options = new BarChartOptions();
    options.setMaintainAspectRatio(false);
    BarChartModel chart = new BarChartModel();
    chart.setData(data);
    chart.setOptions(options);
    overview = new Overview(byState, summary.dueNextHour(), total, chart);
  }

  // ------------------------------------------------------------------ cancel

  public void cancel(long id) {
    try {
      Callback canceled = callbacks.cancel(id, caller);
      info("Callback " + canceled.id() + " canceled.");
      refreshOverview();
    } catch (Conflict | NotFound | Forbidden e) {
      error(null, e.getMessage());
    }
  }

  // ------------------------------------------------------------------ reschedule and reassign

  /** Opens a dialog on one callback: its time in the customer's zone, its queue and owner. */
  public void open(long id) {
    try {
      Callback c = callbacks.find(id, caller);
      var time = c.time();
      edit =
          new Edit(
              c.id(),
              "Callback " + c.id() + " · " + c.customerName().orElse(c.phoneNumber().e164()),
              time.zone().getId(),
              time.describe(),
              c.queue().id(),
              c.ownership().map(o -> o.owner().id()).orElse(null),
              c.ownership().map(o -> o.owner().name()).orElse(null));
      rescheduleZone = time.zone().getId();
      shownZone = rescheduleZone;
      rescheduleDate = time.customerLocalTime().toLocalDate();
      rescheduleTime = time.customerLocalTime().toLocalTime().format(HOUR);
      customerZoneFromNow = false;
      targetQueueId = edit.queueId();
      targetOwnerId = edit.ownerId();
    } catch (NotFound | Forbidden e) {
      edit = null;
      error(null, e.getMessage());
    }
  }

  /**
   * Another zone to type the time in: the date and time shown follow, so they still mean the same
   * instant.
   */
  public void zoneChanged() {
    try {
      ZoneId before = ZoneId.of(shownZone);
      ZoneId after = TimeZones.parseOptional(rescheduleZone, "timeZone").orElseThrow();
      LocalTime time = Inputs.time(rescheduleTime, "time").orElseThrow();
      var moved = rescheduleDate.atTime(time).atZone(before).withZoneSameInstant(after);
      rescheduleDate = moved.toLocalDate();
      rescheduleTime = moved.toLocalTime().format(HOUR);
      shownZone = after.getId();
    } catch (RuntimeException unreadable) {
      // what was typed cannot be read yet: leave it as it is, the save explains why
    }
  }

  public void reschedule() {
    if (edit == null) {
      return;
    }
    Violations violations = new Violations();
    ZoneId zone =
        violations.check(
            () ->
                TimeZones.parseOptional(rescheduleZone, "timeZone")
                    .orElseThrow(
                        () ->
                            new RuleViolation(
                                "timeZone", "Choose the time zone of the time you typed.")));
    LocalTime time =
        violations.check(
            () ->
                Inputs.time(rescheduleTime, "time")
                    .orElseThrow(() -> new RuleViolation("time", "Enter a time as HH:mm.")));
    if (rescheduleDate == null) {
      violations.add("date", "Enter a date as YYYY-MM-DD.");
    }
    try {
      violations.throwIfAny();
      CallbackTime at = CallbackTime.atLocal(rescheduleDate.atTime(time), zone, "time");
      var command =
          new Callbacks.ChangeCommand(
              Optional.of(at.instant()),
              customerZoneFromNow ? Optional.of(zone) : Optional.empty(),
              Optional.empty(),
              false,
              Optional.empty());
      Callback changed = callbacks.change(edit.id(), command, caller);
      done("Callback " + changed.id() + " rescheduled to " + changed.time().describe() + ".");
    } catch (RuleViolation violation) {
      showRescheduleErrors(violation.errors());
    } catch (Conflict | NotFound | Forbidden e) {
      error("reschedule", e.getMessage());
    }
  }

  private static void showRescheduleErrors(List<FieldError> errors) {
    for (FieldError e : errors) {
      String field =
          switch (e.field()) {
            case "date", "scheduledAt" -> "reschedule:date";
            case "time" -> "reschedule:time";
            case "timeZone" -> "reschedule:zone";
            default -> "reschedule";
          };
      error(field, e.message());
    }
  }

  /** Sends the callback to another queue and/or agent (or releases its owner), in one step. */
  public void reassign() {
    if (edit == null) {
      return;
    }
    boolean queueChanged = targetQueueId != null && targetQueueId != edit.queueId();
    boolean ownerChanged = !java.util.Objects.equals(targetOwnerId, edit.ownerId());
    if (!queueChanged && !ownerChanged) {
      error("reassign", "Choose another queue or another agent first.");
      return;
    }
    try {
      var command =
          new Callbacks.ChangeCommand(
              Optional.empty(),
              Optional.empty(),
              queueChanged ? Optional.of(targetQueueId) : Optional.empty(),
              ownerChanged,
              ownerChanged ? Optional.ofNullable(targetOwnerId) : Optional.empty());
      Callback changed = callbacks.change(edit.id(), command, caller);
      done(
          "Callback "
              + changed.id()
              + " is now on queue '"
              + changed.queue().name()
              + "'"
              + changed.ownership().map(o -> ", owned by " + o.owner().name()).orElse("")
              + ".");
    } catch (RuleViolation violation) {
      for (FieldError e : violation.errors()) {
        String field =
            switch (e.field()) {
              case "queueId" -> "reassign:queue";
              case "ownerAgentId" -> "reassign:owner";
              default -> "reassign";
            };
        error(field, e.message());
      }
    } catch (Conflict | NotFound | Forbidden e) {
      error("reassign", e.getMessage());
    }
  }

  private void done(String message) {
    info(message);
    refreshOverview();
    // the dialog closes only when the change went through
    PrimeFaces.current().ajax().addCallbackParam("saved", true);
  }

  // ------------------------------------------------------------------ detail

  /** Reads one callback with its attempts and history, when the supervisor opens it. */
  public void showDetail(long id) {
    try {
      Callback c = callbacks.find(id, caller);
      ZoneId zone = clock.getZone();
      var time = c.time();
      List<String[]> facts = new ArrayList<>();
      facts.add(new String[] {"State", c.state().name()});
      facts.add(new String[] {"Number", c.phoneNumber().e164()});
      facts.add(new String[] {"Customer's time", time.describe()});
      facts.add(
          new String[] {"Your time", time.localTimeIn(zone).format(SHOWN) + " " + zone.getId()});
      facts.add(new String[] {"Queue", c.queue().name()});
      facts.add(
          new String[] {
            "Owner",
            c.ownership()
                .map(
                    o ->
                        o.owner().name()
                            + " until "
                            + o.expiresAt().atZone(zone).format(SHOWN)
                            + " "
                            + zone.getId())
                .orElse("nobody")
          });
      c.preferredAgent().ifPresent(a -> facts.add(new String[] {"Preferred agent", a.name()}));
      c.assignedAgent().ifPresent(a -> facts.add(new String[] {"With agent", a.name()}));
      c.notes().ifPresent(n -> facts.add(new String[] {"Notes", n}));
      facts.add(new String[] {"Created by", c.createdBy()});
      detail =
          new Detail(
              c.id(),
              "Callback " + c.id() + " · " + c.customerName().orElse(c.phoneNumber().e164()),
              facts,
              c.attempts().stream()
                  .map(
                      a ->
                          new AttemptLine(
                              a.number(),
                              a.agent() == null ? "" : a.agent().name(),
                              a.startedAt().atZone(zone).format(SHOWN_SECONDS),
                              a.outcome()
                                  .map(Enum::name)
                                  .orElse(a.endedAt().isPresent() ? "abandoned" : "in progress")))
                  .toList(),
              c.history().stream()
                  .map(
                      h ->
                          new HistoryLine(
                              h.at().atZone(zone).format(SHOWN_SECONDS),
                              h.event(),
                              h.stateAfter(),
                              h.actor(),
                              h.detail() == null ? "" : h.detail()))
                  .toList());
    } catch (NotFound | Forbidden e) {
      detail = null;
      error(null, e.getMessage());
    }
  }

  // ------------------------------------------------------------------ messages

  // ------------------------------------------------------------------ properties

  public LazyDataModel<Row> getModel() {
    return model;
  }

  public Overview getOverview() {
    return overview;
  }

  public List<Option> getQueues() {
    return queues;
  }

  public List<Option> getAgents() {
    return agentOptions;
  }

  public List<String> getStates() {
    return Arrays.stream(CallbackState.values()).map(Enum::name).toList();
  }

  public List<String> getZones() {
    return ZONES;
  }

  public String getViewerZone() {
    return clock.getZone().getId();
  }

  public Edit getEdit() {
    return edit;
  }

  public Detail getDetail() {
    return detail;
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

  public LocalDate getRescheduleDate() {
    return rescheduleDate;
  }

  public void setRescheduleDate(LocalDate rescheduleDate) {
    this.rescheduleDate = rescheduleDate;
  }

  public String getRescheduleTime() {
    return rescheduleTime;
  }

  public void setRescheduleTime(String rescheduleTime) {
    this.rescheduleTime = rescheduleTime;
  }

  public String getRescheduleZone() {
    return rescheduleZone;
  }

  public void setRescheduleZone(String rescheduleZone) {
    this.rescheduleZone = rescheduleZone;
  }

  public boolean isCustomerZoneFromNow() {
    return customerZoneFromNow;
  }

  public void setCustomerZoneFromNow(boolean customerZoneFromNow) {
    this.customerZoneFromNow = customerZoneFromNow;
  }

  public Long getTargetQueueId() {
    return targetQueueId;
  }

  public void setTargetQueueId(Long targetQueueId) {
    this.targetQueueId = targetQueueId;
  }

  public Long getTargetOwnerId() {
    return targetOwnerId;
  }

  public void setTargetOwnerId(Long targetOwnerId) {
    this.targetOwnerId = targetOwnerId;
  }
}
