package dev.rappel.compliance.boundary;

import dev.rappel.audit.control.Audit;
import dev.rappel.compliance.entity.DncEntry;
import dev.rappel.phone.control.PhoneNumbers;
import dev.rappel.phone.entity.PhoneNumber;
import dev.rappel.platform.entity.Caller;
import dev.rappel.platform.entity.Conflict;
import dev.rappel.platform.entity.NotFound;
import dev.rappel.platform.entity.RuleViolation;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The tenant's do-not-call list: add, look up, remove, import; each method one transaction. */
@Stateless
public class DoNotCall {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject PhoneNumbers phoneNumbers;

  @Inject Audit audit;

  /** A page of the list and how many entries it holds in all. */
  public record Page(List<DncEntry> items, long total) {}

  /** One line of an import: what became of it. */
  public record ImportedLine(int line, String phoneNumber, String status, String message)
      implements java.io.Serializable {}

  public record ImportReport(int imported, int duplicates, int invalid, List<ImportedLine> lines)
      implements java.io.Serializable {}

  public static final String IMPORTED = "IMPORTED";
  public static final String DUPLICATE = "DUPLICATE";
  public static final String INVALID = "INVALID";

  public DncEntry add(
      String rawNumber, Optional<String> reason, Optional<Instant> expiresAt, Caller by) {
    PhoneNumber number = phoneNumbers.parse(rawNumber, "phoneNumber");
    if (find(number).isPresent()) {
      throw new Conflict(number.e164() + " is already on the do-not-call list.");
    }
    DncEntry entry = new DncEntry(number, reason, expiresAt, clock.instant(), by.name());
    em.persist(entry);
    em.flush();
    audit.record(by.name(), "DNC_ADDED", "dnc " + entry.id(), entry.reason().orElse(""));
    return entry;
  }

  /** The entries, by number; with a number, only its entry. */
  public Page list(Optional<String> rawNumber, int page, int size) {
    if (rawNumber.isPresent()) {
      List<DncEntry> found =
          find(phoneNumbers.parse(rawNumber.get(), "phoneNumber")).stream().toList();
      return new Page(found, found.size());
    }
    List<DncEntry> items =
        em.createNamedQuery(DncEntry.ALL, DncEntry.class)
            .setFirstResult(page * size)
            .setMaxResults(size)
            .getResultList();
    long total = em.createNamedQuery(DncEntry.COUNT, Long.class).getSingleResult();
    return new Page(items, total);
  }

  public void remove(String rawNumber, Caller by) {
    PhoneNumber number = phoneNumbers.parse(rawNumber, "phoneNumber");
    DncEntry entry =
        find(number).orElseThrow(() -> new NotFound("do-not-call entry", number.e164()));
    em.remove(entry);
    audit.record(by.name(), "DNC_REMOVED", "dnc " + entry.id(), "");
  }

  /**
   * Imports a CSV of {@code phoneNumber[,reason[,expiresAt]]} lines (a header line naming
   * phoneNumber is skipped). Each line is reported: imported, a duplicate (already listed, or
   * earlier in the file) or invalid (with why); nothing is listed twice.
   */
  public ImportReport importCsv(String csv, Caller by) {
    if (csv == null || csv.isBlank()) {
      throw new RuleViolation("body", "is empty: send one number per line.");
    }
    List<ImportedLine> report = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Instant now = clock.instant();
    int imported = 0;
    int duplicates = 0;
    int invalid = 0;
    String[] lines = csv.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int number = i + 1;
      if (line.isEmpty() || (i == 0 && line.toLowerCase().startsWith("phonenumber"))) {
        continue;
      }
      List<String> cells = cells(line);
      String raw = cells.get(0);
      try {
        PhoneNumber phone = phoneNumbers.parse(raw, "phoneNumber");
        if (!seen.add(phone.e164()) || find(phone).isPresent()) {
          duplicates++;
          report.add(new ImportedLine(number, phone.e164(), DUPLICATE, "already on the list"));
          continue;
        }
        Optional<String> reason = cells.size() > 1 ? Optional.of(cells.get(1)) : Optional.empty();
        Optional<Instant> expires =
            cells.size() > 2 && !cells.get(2).isBlank()
                ? Optional.of(expiry(cells.get(2)))
                : Optional.empty();
        em.persist(new DncEntry(phone, reason, expires, now, by.name()));
        imported++;
        report.add(new ImportedLine(number, phone.e164(), IMPORTED, null));
      } catch (RuleViolation e) {
        invalid++;
        report.add(new ImportedLine(number, raw, INVALID, e.errors().get(0).message()));
      }
    }
    em.flush();
    audit.record(
        by.name(),
        "DNC_IMPORTED",
        "dnc",
        imported + " imported, " + duplicates + " duplicates, " + invalid + " invalid");
    return new ImportReport(imported, duplicates, invalid, report);
  }

  private static Instant expiry(String raw) {
    try {
      return java.time.OffsetDateTime.parse(raw.strip()).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new RuleViolation("expiresAt", "'" + raw + "' is not an RFC 3339 instant.");
    }
  }

  /** The cells of a CSV line; a cell may be quoted ("..."), with "" for a quote inside. */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',' || c == ';') {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString().strip());
    return cells;
  }

  private Optional<DncEntry> find(PhoneNumber number) {
    return em.createNamedQuery(DncEntry.OF_NUMBER, DncEntry.class)
        .setParameter("number", number.e164())
        .getResultStream()
        .findFirst();
  }
}
