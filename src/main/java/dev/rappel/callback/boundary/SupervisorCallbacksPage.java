package dev.rappel.callback.boundary;

import dev.rappel.callback.control.CallbackFilter;
import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RuleViolation;
import dev.rappel.queue.entity.Queue;
import dev.rappel.security.entity.Caller;
import dev.rappel.security.entity.Forbidden;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The supervisor's "Scheduled callbacks" view: every callback, filtered by queue, state and
 * customer number, paged lazily from the database in due-time order, with cancel.
 */
@Named("supervision")
@ViewScoped
public class SupervisorCallbacksPage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  @Inject Callbacks callbacks;

  @Inject Caller caller;

  @Inject Clock clock;

  private Long queueId;
  private String state;
  private String phoneNumber;

  /** One row of the table, already formatted for the viewer. */
  public record Row(
      long id,
      String customer,
      String number,
      String customerTime,
      String viewerTime,
      String queue,
      Long owner,
      String state,
      int attempts,
      boolean cancellable)
      implements Serializable {}

  private final LazyDataModel<Row> model =
      new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filters) {
          return (int) callbacks.count(filter(), caller);
        }

        @Override
        public List<Row> load(
            int first, int pageSize, Map<String, SortMeta> sort, Map<String, FilterMeta> filters) {
          // the table asked count() first: only the page is read here
          return callbacks.page(filter(), first / pageSize, pageSize, caller).stream()
              .map(SupervisorCallbacksPage.this::row)
              .toList();
        }

        @Override
        public String getRowKey(Row row) {
          return String.valueOf(row.id());
        }
      };

  private CallbackFilter filter() {
    Set<CallbackState> states =
        state == null || state.isBlank() ? Set.of() : EnumSet.of(CallbackState.valueOf(state));
    Optional<String> number;
    try {
      number = CallbackFilter.numberPrefix(phoneNumber);
    } catch (RuleViolation notANumber) {
      message(FacesMessage.SEVERITY_ERROR, notANumber.errors().get(0).message());
      number = Optional.empty();
    }
    return new CallbackFilter(
        states,
        Optional.ofNullable(queueId),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        number);
  }

  private Row row(Callback c) {
    var time = c.time();
    return new Row(
        c.id(),
        c.customerName().orElse(""),
        c.phoneNumber().e164(),
        time.customerLocalTime().format(SHOWN) + " " + time.zone().getId(),
        time.localTimeIn(clock.getZone()).format(SHOWN),
        c.queue().name(),
        c.ownership().map(o -> o.owner().id()).orElse(null),
        c.state().name(),
        c.attempts().size(),
        !c.state().isTerminal());
  }

  public void cancel(long id) {
    try {
      Callback canceled = callbacks.cancel(id, caller);
      message(FacesMessage.SEVERITY_INFO, "Callback " + canceled.id() + " canceled.");
    } catch (Conflict | NotFound | Forbidden e) {
      message(FacesMessage.SEVERITY_ERROR, e.getMessage());
    }
  }

  private static void message(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }

  public LazyDataModel<Row> getModel() {
    return model;
  }

  public List<Queue> getQueues() {
    return callbacks.queues();
  }

  public List<String> getStates() {
    return java.util.Arrays.stream(CallbackState.values()).map(Enum::name).toList();
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
}
