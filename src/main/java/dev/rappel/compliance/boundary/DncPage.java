package dev.rappel.compliance.boundary;

import static dev.rappel.platform.boundary.PageMessages.error;
import static dev.rappel.platform.boundary.PageMessages.info;

import dev.rappel.compliance.entity.DncEntry;
import dev.rappel.platform.boundary.Inputs;
import dev.rappel.platform.boundary.PageTimes;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.FieldError;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RuleViolation;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.primefaces.event.FileUploadEvent;

/**
 * The admin's "Do not call" page: the list by number, a page at a time or one number's entry; add
 * or remove a number; import a CSV file with the same per-line report as the API's import.
 */
@Named("dncPage")
@ViewScoped
public class DncPage implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int PAGE_SIZE = 20;
  private static final DateTimeFormatter SHOWN = PageTimes.LISTED;

  @Inject DoNotCall dnc;

  @Inject Caller caller;

  @Inject Clock clock;

  /** One row of the list, formatted for reading. */
  public record Row(
      String phoneNumber, String reason, String expiresAt, String createdAt, String by)
      implements Serializable {}

  private List<Row> rows = List.of();
  private long total;
  private int page;
  private String search;
  private String phoneNumber;
  private String reason;
  private String expiresAt;
  private DoNotCall.ImportReport report;

  @PostConstruct
  void init() {
    refresh();
  }

  /**
   * Shows the entry of the number searched for, or the whole list again when the search is empty.
   */
  public void find() {
    page = 0;
    refresh();
  }

  public void next() {
    if ((page + 1L) * PAGE_SIZE < total) {
      page++;
    }
    refresh();
  }

  public void previous() {
    page = Math.max(0, page - 1);
    refresh();
  }

  public void add() {
    try {
      Optional<Instant> expires = Inputs.instant(expiresAt, "expiresAt");
      DncEntry entry =
          dnc.add(
              phoneNumber, Optional.ofNullable(reason).filter(r -> !r.isBlank()), expires, caller);
      info(entry.phoneNumber() + " is on the do-not-call list.");
      phoneNumber = null;
      reason = null;
      expiresAt = null;
      refresh();
    } catch (RuleViolation violation) {
      for (FieldError e : violation.errors()) {
        error(fieldId(e.field()), e.message());
      }
    } catch (Conflict e) {
      error("entry:phoneNumber", e.getMessage());
    }
  }

  public void remove(String number) {
    try {
      dnc.remove(number, caller);
      info(number + " is off the do-not-call list.");
    } catch (NotFound | RuleViolation e) {
      error(null, e.getMessage());
    }
    refresh();
  }

  /** Imports the uploaded CSV and keeps its report to show. */
  public void upload(FileUploadEvent event) {
    String csv = new String(event.getFile().getContent(), StandardCharsets.UTF_8);
    try {
      report = dnc.importCsv(csv.startsWith("\uFEFF") ? csv.substring(1) : csv, caller);
      info(
          "%s: %d imported, %d duplicates, %d invalid."
              .formatted(
                  event.getFile().getFileName(),
                  report.imported(),
                  report.duplicates(),
                  report.invalid()));
      refresh();
    } catch (RuleViolation violation) {
      report = null;
      error(null, event.getFile().getFileName() + " " + violation.errors().get(0).message());
    }
  }

  private static String fieldId(String field) {
    return switch (field) {
      case "phoneNumber", "reason", "expiresAt" -> "entry:" + field;
      default -> null;
    };
  }

  private void refresh() {
    Optional<String> number = Optional.ofNullable(search).filter(s -> !s.isBlank());
    try {
      DoNotCall.Page found = dnc.list(number, page, PAGE_SIZE);
      total = found.total();
      rows = found.items().stream().map(this::row).toList();
    } catch (RuleViolation violation) {
      total = 0;
      rows = List.of();
      error("list:search", violation.errors().get(0).message());
    }
  }

  private Row row(DncEntry entry) {
    return new Row(
        entry.phoneNumber(),
        entry.reason().orElse(""),
        entry.expiresAt().map(this::shown).orElse(""),
        shown(entry.createdAt()),
        entry.createdBy());
  }

  private String shown(Instant at) {
    return at.atZone(clock.getZone()).format(SHOWN);
  }

  public List<Row> getRows() {
    return rows;
  }

  public long getTotal() {
    return total;
  }

  /** "Entries 21–40 of 45", or what the search found. */
  public String getPageText() {
    if (total == 0) {
      return "";
    }
    long first = (long) page * PAGE_SIZE + 1;
    return "Entries %d–%d of %d".formatted(first, first + rows.size() - 1, total);
  }

  public boolean isFirstPage() {
    return page == 0;
  }

  public boolean isLastPage() {
    return (page + 1L) * PAGE_SIZE >= total;
  }

  public String getViewerZone() {
    return clock.getZone().getId();
  }

  public DoNotCall.ImportReport getReport() {
    return report;
  }

  public String getSearch() {
    return search;
  }

  public void setSearch(String search) {
    this.search = search;
  }

  public String getPhoneNumber() {
    return phoneNumber;
  }

  public void setPhoneNumber(String phoneNumber) {
    this.phoneNumber = phoneNumber;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(String expiresAt) {
    this.expiresAt = expiresAt;
  }
}
