package dev.rappel.delivery.control;

import dev.rappel.callback.entity.Callback;
import dev.rappel.callback.entity.CallbackChanged;
import dev.rappel.callback.entity.CallbackState;
import dev.rappel.callback.entity.HistoryEntry;
import dev.rappel.platform.control.SqlDialect;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.persistence.sessions.Session;

/**
 * Delivers due callbacks to their queue in bulk: the path a burst takes. It writes the effect of
 * {@link Callback#markDue} (a callback {@link CallbackState#WAITING_FOR_TIME} whose instant has
 * come goes {@link CallbackState#ON_DELIVERY}, with its {@link Callback#DELIVERED_EVENT} history
 * row) in two batched JDBC statements per batch instead of loading, tracking and writing an entity
 * per callback, which is what bounded a burst of 10,000 to about 2,200 deliveries per second on
 * Derby.
 *
 * <p>Each UPDATE names the row's id, state and version: a callback that another engine thread or
 * instance changed since it was read updates nothing, gets no history row and is not reported, so
 * no callback is delivered twice. On PostgreSQL the rows are also claimed with {@code FOR UPDATE
 * SKIP LOCKED}, so instances split a burst instead of waiting on each other, and each write is one
 * statement over arrays ({@code unnest}) instead of a batch of 500 that the server plans and runs
 * one by one.
 */
@Dependent
public class DueDelivery {

  /** The delivery of one row, if it is still as it was read. */
  private static final String MARK_QUEUED =
      "UPDATE callback SET state = '"
          + CallbackState.ON_DELIVERY.name()
          + "', history_count = history_count + 1, version = version + 1"
          + " WHERE id = ? AND version = ? AND state IN ("
          + CallbackState.sqlLiterals(CallbackState.WAITING_FOR_TIME)
          + ")";

  /** The same for a whole batch, on PostgreSQL: the ids of the rows it delivered. */
  private static final String MARK_QUEUED_ALL =
      "UPDATE callback c SET state = '"
          + CallbackState.ON_DELIVERY.name()
          + "', history_count = c.history_count + 1, version = c.version + 1"
          + " FROM unnest(?::bigint[], ?::bigint[]) AS v(id, version)"
          + " WHERE c.id = v.id AND c.version = v.version AND c.state IN ("
          + CallbackState.sqlLiterals(CallbackState.WAITING_FOR_TIME)
          + ") RETURNING c.id";

  private static final String COLUMNS =
      "callback_event (id, callback_id, seq, occurred_at, event, actor, detail, state_after)";

  private static final String INSERT_HISTORY =
      "INSERT INTO " + COLUMNS + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  /** The history rows of a batch in one statement, on PostgreSQL. */
  private static final String INSERT_HISTORY_ALL =
      "INSERT INTO "
          + COLUMNS
          + " SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::integer[], ?::bigint[],"
          + " ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])";

  @PersistenceContext EntityManager em;

  @Inject SqlDialect dialect;

  /** A callback this batch delivered: what its event and the lateness metric need. */
  public record Delivered(
      long id,
      int sequence,
      Instant dueAt,
      long queueId,
      Long ownerAgentId,
      Long preferred,
      Set<Long> involved,
      String createdBy) {

    public Duration lateness(Instant at) {
      return Duration.between(dueAt, at);
    }

    /** The event the history row stands for. */
    public CallbackChanged event(Instant at) {
      return CallbackChanged.delivered(
          id, sequence, dueAt, at, queueId, ownerAgentId, preferred, involved, createdBy);
    }
  }

  /** How many due rows the batch read, and those it delivered (fewer when it lost a race). */
  public record Batch(int claimed, List<Delivered> delivered) {}

  private record Due(
      long id,
      long dueAt,
      long version,
      int historyCount,
      long queueId,
      Long owner,
      Long preferred,
      Long scheduledBy,
      String createdBy,
      int attempts) {

    /**
     * The agents {@link dev.rappel.callback.entity.Involvement} finds in this row: nobody holds a
     * callback waiting for its time, so the row's scheduler, owner and preferred agent, and the
     * agents of its earlier calls.
     */
    Set<Long> involved(Map<Long, Set<Long>> callers) {
      Set<Long> agents = new HashSet<>(callers.getOrDefault(id, Set.of()));
      Stream.of(owner, preferred, scheduledBy).filter(Objects::nonNull).forEach(agents::add);
      return Set.copyOf(agents);
    }
  }

  /**
   * Has the database compile this path's writes before the first burst needs them: Derby compiles a
   * statement when it is first prepared (then caches it for every connection), which made the first
   * batch of a burst three times as slow as the next ones.
   */
  public void prepare() {
    Connection connection = em.unwrap(Connection.class);
    try {
      boolean arrays = dialect.writesOverArrays();
      for (String sql :
          arrays
              ? List.of(MARK_QUEUED_ALL, INSERT_HISTORY_ALL)
              : List.of(MARK_QUEUED, INSERT_HISTORY)) {
        connection.prepareStatement(sql).close();
      }
    } catch (SQLException e) {
      throw new PersistenceException("Could not prepare bulk delivery: " + e.getMessage(), e);
    }
  }

  /**
   * The first due instant of a group of at least {@code size} callbacks waiting for a time after
   * {@code from} and by {@code to}, if there is one: a burst the engine can see coming. Reads at
   * most {@code size} entries of the (state, due_at) index per waiting state.
   */
  public Optional<Instant> burstComing(Instant from, Instant to, int size) {
    List<Instant> dues = new ArrayList<>();
    for (CallbackState waiting : CallbackState.WAITING_FOR_TIME) {
      dues.addAll(
          em.createQuery(
                  "SELECT c.dueAt FROM Callback c WHERE c.state = :state AND c.dueAt > :from"
                      + " AND c.dueAt <= :to ORDER BY c.dueAt",
                  Instant.class)
              .setParameter("state", waiting)
              .setParameter("from", from)
              .setParameter("to", to)
              .setMaxResults(size)
              .getResultList());
    }
    if (dues.size() < size) {
      return Optional.empty();
    }
    return dues.stream().min(Instant::compareTo);
  }

  /** Delivers up to {@code limit} callbacks due at {@code now}, oldest due first. */
  public Batch deliver(Instant now, int limit) {
    // the connection of this transaction's persistence context: the writes commit or roll back
    // with the rest of the step (it belongs to the context, so it is not closed here)
    Connection connection = em.unwrap(Connection.class);
    try {
      // one state at a time: each query walks the (state, due_at) index in order
      List<Due> due = new ArrayList<>();
      for (CallbackState waiting : CallbackState.WAITING_FOR_TIME) {
        if (due.size() < limit) {
          due.addAll(select(connection, waiting, now, limit - due.size()));
        }
      }
      if (due.isEmpty()) {
        return new Batch(0, List.of());
      }
      boolean arrays = dialect.writesOverArrays();
      List<Due> won = arrays ? markQueuedAll(connection, due) : markQueued(connection, due);
      List<Delivered> delivered =
          record(connection, won, callers(connection, won), now, historyIds(won.size()), arrays);
      return new Batch(due.size(), delivered);
    } catch (SQLException e) {
      throw new PersistenceException("Bulk delivery failed: " + e.getMessage(), e);
    }
  }

  /**
   * {@code count} history ids from the pool EclipseLink draws from when a step is recorded through
   * JPA (one per sequence in the JVM, handed out in the order asked for), not from a block of their
   * own: so a history row's id follows the order in which steps were recorded, whichever path wrote
   * it, and on Derby an event stream replays by id ({@link SqlDialect#historyIdsFollowRecording}).
   */
  private long[] historyIds(int count) {
    // EclipseLink's session stays a local variable: with one of its types in a signature of this
    // WAR, Payara's OpenAPI scan lost the value types of every map in the served document
    Session session = em.unwrap(Session.class);
    long[] ids = new long[count];
    for (int i = 0; i < count; i++) {
      ids[i] = session.getNextSequenceNumberValue(HistoryEntry.class).longValue();
    }
    return ids;
  }

  private List<Due> select(Connection connection, CallbackState state, Instant now, int limit)
      throws SQLException {
    String sql =
        "SELECT id, due_at, version, history_count, queue_id, owner_agent_id, preferred_agent_id,"
            + " scheduled_by_agent_id, created_by, attempt_count"
            // due_at alone: the (state, due_at) index gives that order, so the database stops
            // after the batch instead of sorting every due row (ties go out in the same batch)
            + " FROM callback WHERE state = ? AND due_at <= ? ORDER BY due_at"
            + " FETCH FIRST "
            + limit
            + " ROWS ONLY"
            + dialect.skipLocked();
    List<Due> due = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, state.name());
      select.setLong(2, now.toEpochMilli());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          due.add(
              new Due(
                  rows.getLong(1),
                  rows.getLong(2),
                  rows.getLong(3),
                  rows.getInt(4),
                  rows.getLong(5),
                  nullable(rows, 6),
                  nullable(rows, 7),
                  nullable(rows, 8),
                  rows.getString(9),
                  rows.getInt(10)));
        }
      }
    }
    return due;
  }

  /** The rows still as they were read; the others changed meanwhile and are left alone. */
  private static List<Due> markQueued(Connection connection, List<Due> due) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(MARK_QUEUED)) {
      for (Due row : due) {
        update.setLong(1, row.id());
        update.setLong(2, row.version());
        update.addBatch();
      }
      int[] counts = update.executeBatch();
      List<Due> won = new ArrayList<>();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 1) {
          won.add(due.get(i));
        }
      }
      return won;
    }
  }

  /** {@link #markQueued} as one statement over arrays (PostgreSQL). */
  private static List<Due> markQueuedAll(Connection connection, List<Due> due) throws SQLException {
    Set<Long> updated = new HashSet<>();
    try (PreparedStatement update = connection.prepareStatement(MARK_QUEUED_ALL)) {
      update.setArray(1, connection.createArrayOf("bigint", due.stream().map(Due::id).toArray()));
      update.setArray(
          2, connection.createArrayOf("bigint", due.stream().map(Due::version).toArray()));
      try (ResultSet rows = update.executeQuery()) {
        while (rows.next()) {
          updated.add(rows.getLong(1));
        }
      }
    }
    return due.stream().filter(row -> updated.contains(row.id())).toList();
  }

  /**
   * The agents of earlier calls of the delivered rows that had any (retries): one query for the
   * batch, none for first deliveries.
   */
  private static Map<Long, Set<Long>> callers(Connection connection, List<Due> won)
      throws SQLException {
    List<Long> retried = won.stream().filter(row -> row.attempts() > 0).map(Due::id).toList();
    Map<Long, Set<Long>> callers = new HashMap<>();
    if (retried.isEmpty()) {
      return callers;
    }
    String ids = retried.stream().map(String::valueOf).collect(Collectors.joining(","));
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT callback_id, agent_id FROM callback_attempt WHERE agent_id IS NOT NULL"
                    + " AND callback_id IN ("
                    + ids
                    + ")");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        callers.computeIfAbsent(rows.getLong(1), id -> new HashSet<>()).add(rows.getLong(2));
      }
    }
    return callers;
  }

  private static List<Delivered> record(
      Connection connection,
      List<Due> won,
      Map<Long, Set<Long>> callers,
      Instant now,
      long[] historyIds,
      boolean arrays)
      throws SQLException {
    List<Delivered> delivered = new ArrayList<>();
    if (won.isEmpty()) {
      return delivered;
    }
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < won.size(); i++) {
      Due row = won.get(i);
      Instant dueAt = Instant.ofEpochMilli(row.dueAt());
      int sequence = row.historyCount() + 1;
      rows.add(
          new Object[] {
            historyIds[i],
            row.id(),
            sequence,
            now.toEpochMilli(),
            Callback.DELIVERED_EVENT,
            Callback.SYSTEM,
            Callback.deliveryNote(dueAt, now),
            CallbackState.ON_DELIVERY.name()
          });
      delivered.add(
          new Delivered(
              row.id(),
              sequence,
              dueAt,
              row.queueId(),
              row.owner(),
              row.preferred(),
              row.involved(callers),
              row.createdBy()));
    }
    if (arrays) {
      insertAll(connection, rows);
    } else {
      try (PreparedStatement insert = connection.prepareStatement(INSERT_HISTORY)) {
        for (Object[] row : rows) {
          for (int column = 0; column < row.length; column++) {
            insert.setObject(column + 1, row[column]);
          }
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    return delivered;
  }

  /** The history rows as one INSERT over one array per column (PostgreSQL). */
  private static void insertAll(Connection connection, List<Object[]> rows) throws SQLException {
    String[] types = {
      "bigint", "bigint", "integer", "bigint", "varchar", "varchar", "varchar", "varchar"
    };
    try (PreparedStatement insert = connection.prepareStatement(INSERT_HISTORY_ALL)) {
      for (int column = 0; column < types.length; column++) {
        int c = column;
        insert.setArray(
            column + 1,
            connection.createArrayOf(types[column], rows.stream().map(row -> row[c]).toArray()));
      }
      insert.executeUpdate();
    }
  }

  private static Long nullable(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }
}
