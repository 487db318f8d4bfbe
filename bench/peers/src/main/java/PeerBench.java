import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * The burst of Rappel's benchmark on a peer: N jobs due at one instant T (all at T.000), with P
 * more pending a week ahead, on db-scheduler or Quartz (JDBC job store), on Derby (embedded, fresh
 * folder) or PostgreSQL. A job only records when it fired: far less work than Rappel's delivery
 * (which writes the callback's state and a history row), so the comparison favours the peers.
 *
 * <p>The pending and burst rows are written by copying a row the library itself wrote (one JDBC
 * batch per 5,000 rows), because scheduling 110,000 jobs one transaction each takes many minutes
 * on Derby; the library then runs on them unchanged.
 *
 * <pre>java -Xmx1g -cp ... PeerBench SYSTEM DB [options]</pre>
 *
 * SYSTEM: db-scheduler or quartz; DB: derby or postgresql. Options: --jobs N (10000), --pending N
 * (100000), --limit-s S (120, misses are jobs not fired by T + S), --csv FILE (each fire: ms after
 * T, lateness ms), --derby-dir DIR, --pg-server host:port, --pg-database, --pg-user, --pg-password,
 * --threads N (20), --lead-s S (10: T is that long after the scheduler starts), --plan-s S (20:
 * time allowed to write the burst's rows), --warmup N (0: jobs of a warm-up burst first, due
 * warmup-lead-s before T), --warmup-lead-s S (60).
 *
 * <p>Steady load, after the burst (as Rappel's benchmark runs its steady scenario after its burst):
 * --steady-rate R (0: none) jobs due per second for --steady-seconds S (60), one every 1000/R ms,
 * the first --steady-lead-s (40) after their rows are written, on the same running scheduler with
 * the same pending jobs; --steady-csv FILE (each fire: ms after the first due time, lateness ms).
 * The lead is longer than Quartz's idle wait (30 s): rows written behind its back are seen at its
 * next acquisition, so a shorter lead would count its sleep as lateness.
 */
public class PeerBench {
  static final Map<String, String> OPTS =
      new java.util.LinkedHashMap<>(
          Map.of(
              "jobs", "10000",
              "pending", "100000",
              "limit-s", "120",
              "csv", "",
              "derby-dir", "",
              "pg-server", "localhost:5432",
              "pg-database", "rappel_bench",
              "pg-user", "rappel",
              "pg-password", "rappel",
              "threads", "20"));

  static {
    OPTS.put("lead-s", "10");
    OPTS.put("plan-s", "20");
    OPTS.put("warmup", "0");
    OPTS.put("warmup-lead-s", "60");
    OPTS.put("steady-rate", "0");
    OPTS.put("steady-seconds", "60");
    OPTS.put("steady-lead-s", "40");
    OPTS.put("steady-csv", "");
  }

  static AtomicLongArray fired;
  static final AtomicInteger duplicates = new AtomicInteger();
  static final AtomicInteger count = new AtomicInteger();
  static final AtomicInteger warmed = new AtomicInteger();
  static AtomicLongArray steadyFired = new AtomicLongArray(0);
  static final AtomicInteger steadyDuplicates = new AtomicInteger();
  static final AtomicInteger steadyCount = new AtomicInteger();

  /** Writes the steady load's rows (names s0, s1, ...), the first due at the given instant. */
  interface SteadyRows {
    void write(Instant start, int n, int rate) throws SQLException;
  }

  /** The due instant of the i-th job of a steady load of {@code rate} per second. */
  static Instant steadyDue(Instant start, int i, int rate) {
    return start.plusMillis((long) i * 1000 / rate);
  }

  /** What every job does: note the instant it fired, once (a second fire is a duplicate). */
  static void record(String name) {
    if (name.startsWith("p")) {
      duplicates.incrementAndGet(); // a pending job fired: counted apart, never expected
      return;
    }
    if (name.startsWith("w")) {
      warmed.incrementAndGet(); // the warm-up burst, before T
      return;
    }
    if (name.startsWith("s")) {
      int i = Integer.parseInt(name.substring(1));
      if (!steadyFired.compareAndSet(i, 0, System.currentTimeMillis())) {
        steadyDuplicates.incrementAndGet();
      } else {
        steadyCount.incrementAndGet();
      }
      return;
    }
    int i = Integer.parseInt(name.substring(1));
    if (!fired.compareAndSet(i, 0, System.currentTimeMillis())) {
      duplicates.incrementAndGet();
    } else {
      count.incrementAndGet();
    }
  }

  public static class RecordJob implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      record(context.getTrigger().getKey().getName());
    }
  }

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable e) {
      // the schedulers' threads would keep the JVM alive
      e.printStackTrace();
      System.exit(1);
    }
  }

  static void run(String[] args) throws Exception {
    String system = args[0];
    String db = args[1];
    for (int i = 2; i + 1 < args.length; i += 2) {
      OPTS.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int jobs = Integer.parseInt(OPTS.get("jobs"));
    int pending = Integer.parseInt(OPTS.get("pending"));
    int threads = Integer.parseInt(OPTS.get("threads"));
    int warmup = Integer.parseInt(OPTS.get("warmup"));
    int steadyRate = Integer.parseInt(OPTS.get("steady-rate"));
    boolean steady = steadyRate > 0;
    fired = new AtomicLongArray(jobs);
    String url;
    if (db.equals("derby")) {
      String dir = OPTS.get("derby-dir");
      if (dir.isEmpty()) {
        dir = Files.createTempDirectory("peer-derby").resolve("db").toString();
      }
      url = "jdbc:derby:" + dir + ";create=true";
    } else {
      url = "jdbc:postgresql://" + OPTS.get("pg-server") + "/" + OPTS.get("pg-database");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (!db.equals("derby")) {
      config.setUsername(OPTS.get("pg-user"));
      config.setPassword(OPTS.get("pg-password"));
    }
    config.setMaximumPoolSize(threads + 2);
    HikariDataSource ds = new HikariDataSource(config);
    if (db.equals("postgresql")) {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute("SET client_min_messages = warning");
        s.execute("DROP SCHEMA IF EXISTS public CASCADE");
        s.execute("CREATE SCHEMA public");
      }
    }
    String label = system + " on " + db;
    System.out.printf("== %s: %d jobs due at one instant, %d pending a week ahead%n", label, jobs, pending);
    long setup0 = System.nanoTime();
    Instant t;
    Runnable stop;
    SteadyRows steadyRows;
    if (system.equals("db-scheduler")) {
      runScript(ds, dbSchedulerTables(db));
      OneTimeTask<Void> task = Tasks.oneTime("burst").execute((inst, ctx) -> record(inst.getId()));
      var builder =
          Scheduler.create(ds, task)
              .threads(threads)
              .pollingInterval(Duration.ofMillis(100))
              .registerShutdownHook();
      if (db.equals("derby")) {
        // the library's advice for columns without a zone (its start-up warning)
        builder = builder.alwaysPersistTimestampInUTC();
      }
      if (db.equals("postgresql")) {
        // documented as the fastest polling strategy, on databases with SELECT ... SKIP LOCKED
        builder = builder.pollUsingLockAndFetch(0.5, 1.0);
      }
      Scheduler scheduler = builder.build();
      Instant farAhead = Instant.now().plus(Duration.ofDays(7));
      scheduler.schedule(task.instance("proto"), farAhead);
      copyRows(ds, "scheduled_tasks", "task_instance", "proto", pending,
          i -> Map.of("task_instance", "p" + i, "execution_time", Timestamp.from(farAhead.plusSeconds(i % 86_400))));
      t = placeT();
      Instant due = t;
      copyRows(ds, "scheduled_tasks", "task_instance", "proto", jobs,
          i -> Map.of("task_instance", "b" + i, "execution_time", Timestamp.from(due)));
      Instant warm = warmUpAt(t);
      copyRows(ds, "scheduled_tasks", "task_instance", "proto", warmup,
          i -> Map.of("task_instance", "w" + i, "execution_time", Timestamp.from(warm)));
      if (!steady) {
        deleteProto(ds, "DELETE FROM scheduled_tasks WHERE task_instance = 'proto'");
      } // else the steady rows are copied from it later; it stays pending a week ahead
      steadyRows = (start, n, rate) -> copyRows(ds, "scheduled_tasks", "task_instance", "proto", n,
          i -> Map.of("task_instance", "s" + i, "execution_time", Timestamp.from(steadyDue(start, i, rate))));
      t = startAndPlaceT(t, setup0);
      Instant tt = t;
      scheduler.start();
      stop = scheduler::stop;
      t = tt;
    } else {
      runScript(ds, quartzTables(db));
      Properties p = new Properties();
      p.setProperty("org.quartz.scheduler.instanceName", "bench");
      p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
      p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
      // documented for throughput when many triggers fire at once; needs acquireTriggersWithinLock
      p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(threads));
      p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
      p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
      p.setProperty(
          "org.quartz.jobStore.driverDelegateClass",
          db.equals("postgresql")
              ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
              : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
      p.setProperty("org.quartz.jobStore.dataSource", "ds");
      p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
      // a trigger fired later than this counts as misfired; its fire-now instruction still fires it
      p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
      p.setProperty("org.quartz.dataSource.ds.provider", "hikaricp");
      p.setProperty("org.quartz.dataSource.ds.driver",
          db.equals("derby") ? "org.apache.derby.iapi.jdbc.AutoloadedDriver" : "org.postgresql.Driver");
      p.setProperty("org.quartz.dataSource.ds.URL", url);
      p.setProperty("org.quartz.dataSource.ds.maxConnections", Integer.toString(threads + 2));
      if (!db.equals("derby")) {
        p.setProperty("org.quartz.dataSource.ds.user", OPTS.get("pg-user"));
        p.setProperty("org.quartz.dataSource.ds.password", OPTS.get("pg-password"));
      }
      org.quartz.Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
      JobDetail job = JobBuilder.newJob(RecordJob.class).withIdentity("record").storeDurably().build();
      scheduler.addJob(job, true);
      Instant farAhead = Instant.now().plus(Duration.ofDays(7));
      Trigger proto =
          TriggerBuilder.newTrigger()
              .withIdentity("proto")
              .forJob("record")
              .startAt(Date.from(farAhead))
              .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
              .build();
      scheduler.scheduleJob(proto);
      for (String table : List.of("QRTZ_TRIGGERS", "QRTZ_SIMPLE_TRIGGERS")) {
        boolean parent = table.equals("QRTZ_TRIGGERS");
        copyRows(ds, table, "TRIGGER_NAME", "proto", pending,
            i -> parent
                ? Map.of("TRIGGER_NAME", "p" + i, "NEXT_FIRE_TIME", farAhead.toEpochMilli() + (i % 86_400) * 1000L,
                    "START_TIME", farAhead.toEpochMilli() + (i % 86_400) * 1000L)
                : Map.of("TRIGGER_NAME", "p" + i));
      }
      t = placeT();
      long due = t.toEpochMilli();
      for (String table : List.of("QRTZ_TRIGGERS", "QRTZ_SIMPLE_TRIGGERS")) {
        boolean parent = table.equals("QRTZ_TRIGGERS");
        copyRows(ds, table, "TRIGGER_NAME", "proto", jobs,
            i -> parent ? Map.of("TRIGGER_NAME", "b" + i, "NEXT_FIRE_TIME", due, "START_TIME", due)
                : Map.of("TRIGGER_NAME", "b" + i));
        long warm = warmUpAt(t).toEpochMilli();
        copyRows(ds, table, "TRIGGER_NAME", "proto", warmup,
            i -> parent ? Map.of("TRIGGER_NAME", "w" + i, "NEXT_FIRE_TIME", warm, "START_TIME", warm)
                : Map.of("TRIGGER_NAME", "w" + i));
      }
      if (!steady) {
        scheduler.unscheduleJob(proto.getKey());
      } // else the steady rows are copied from it later; it stays pending a week ahead
      steadyRows = (start, n, rate) -> {
        for (String table : List.of("QRTZ_TRIGGERS", "QRTZ_SIMPLE_TRIGGERS")) {
          boolean parent = table.equals("QRTZ_TRIGGERS");
          copyRows(ds, table, "TRIGGER_NAME", "proto", n, i -> {
            long at = steadyDue(start, i, rate).toEpochMilli();
            return parent ? Map.of("TRIGGER_NAME", "s" + i, "NEXT_FIRE_TIME", at, "START_TIME", at)
                : Map.of("TRIGGER_NAME", "s" + i);
          });
        }
      };
      t = startAndPlaceT(t, setup0);
      scheduler.start();
      stop = () -> {
        try {
          scheduler.shutdown(false);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      };
    }
    if (warmup > 0) {
      Thread.sleep(Math.max(0, t.toEpochMilli() - 50 - System.currentTimeMillis()));
      System.out.printf("  warm-up burst: %d/%d fired before T%n", warmed.get(), warmup);
    }
    long limitMs = Long.parseLong(OPTS.get("limit-s")) * 1000;
    Instant end = t.plusMillis(limitMs);
    int last = -1;
    while (Instant.now().isBefore(end) && count.get() < jobs) {
      Thread.sleep(100);
      int n = count.get();
      if (n != last && (n == jobs || System.currentTimeMillis() % 5000 < 100)) {
        System.out.printf("  T%+.1f s: %d/%d fired%n", (System.currentTimeMillis() - t.toEpochMilli()) / 1000.0, n, jobs);
        last = n;
      }
    }
    Thread.sleep(2000); // late duplicates
    Instant steadyStart = null;
    int steadyJobs = 0;
    if (steady) {
      steadyJobs = steadyRate * Integer.parseInt(OPTS.get("steady-seconds"));
      steadyFired = new AtomicLongArray(steadyJobs);
      steadyStart = Instant.now().plusSeconds(Long.parseLong(OPTS.get("steady-lead-s")))
          .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      System.out.printf("== %s, steady load: %d jobs due %d per second from S = %s%n", label, steadyJobs,
          steadyRate, steadyStart);
      steadyRows.write(steadyStart, steadyJobs, steadyRate);
      System.out.printf("  rows written %d ms before S%n", steadyStart.toEpochMilli() - System.currentTimeMillis());
      Instant steadyEnd = steadyDue(steadyStart, steadyJobs - 1, steadyRate).plusMillis(limitMs);
      while (Instant.now().isBefore(steadyEnd) && steadyCount.get() < steadyJobs) {
        Thread.sleep(100);
      }
      System.out.printf("  S%+.1f s: %d/%d fired%n", (System.currentTimeMillis() - steadyStart.toEpochMilli()) / 1000.0,
          steadyCount.get(), steadyJobs);
      Thread.sleep(2000); // late duplicates
    }
    stop.run();
    Instant burstT = t;
    report("BURST_RESULT", system, burstT, i -> burstT, fired, jobs, duplicates.get(), OPTS.get("csv"));
    if (steady) {
      Instant start = steadyStart;
      report("STEADY_RESULT", system, start, i -> steadyDue(start, i, steadyRate), steadyFired, steadyJobs,
          steadyDuplicates.get(), OPTS.get("steady-csv"));
    }
    ds.close();
    System.exit(0);
  }

  /**
   * The warm-up burst (--warmup N jobs, 0 by default) comes due warmup-lead-s before T, so the
   * measured burst runs on code the JIT compiler has compiled, as in Rappel's --warmup-burst.
   */
  static Instant warmUpAt(Instant t) {
    return t.minusSeconds(warmUpLead());
  }

  static long warmUpLead() {
    return Integer.parseInt(OPTS.get("warmup")) > 0 ? Long.parseLong(OPTS.get("warmup-lead-s")) : 0;
  }

  /** T: time to write the burst's rows (plan-s) plus the scheduler's lead, in whole seconds. */
  static Instant placeT() {
    long s = Long.parseLong(OPTS.get("plan-s")) + Long.parseLong(OPTS.get("lead-s")) + warmUpLead();
    return Instant.now().plusSeconds(s + 1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /** The scheduler starts 10 s (lead-s) before T; T was placed when the rows were copied. */
  static Instant startAndPlaceT(Instant t, long setup0) throws InterruptedException {
    long lead = (Long.parseLong(OPTS.get("lead-s")) + warmUpLead()) * 1000;
    long wait = t.toEpochMilli() - lead - System.currentTimeMillis();
    System.out.printf("  rows written in %.1f s; T = %s, scheduler starts %d ms before%n",
        (System.nanoTime() - setup0) / 1e9, t, lead);
    if (wait < 0) {
      System.out.println("  INVALID RUN: the rows took longer than the planned lead; raise it");
    }
    Thread.sleep(Math.max(0, wait));
    return t;
  }

  /**
   * One result line (tag BURST_RESULT or STEADY_RESULT) and the CSV of the fires: a job's lateness
   * is its fire time minus its due instant; a job fired more than limit-s after it was due is a
   * miss. t is the first due instant, the origin of the CSV's first column.
   */
  static void report(String tag, String system, Instant t, IntFunction<Instant> dueOf, AtomicLongArray fired,
      int jobs, int duplicates, String csvFile) throws IOException {
    long[] late = new long[jobs];
    int n = 0;
    long first = Long.MAX_VALUE;
    long lastFire = Long.MIN_VALUE;
    StringBuilder csv = new StringBuilder("fired_after_t_ms,lateness_ms\n");
    long limit = Long.parseLong(OPTS.get("limit-s")) * 1000;
    for (int i = 0; i < jobs; i++) {
      long at = fired.get(i);
      long l = at - dueOf.apply(i).toEpochMilli();
      if (at != 0 && l <= limit) {
        late[n++] = l;
        first = Math.min(first, at);
        lastFire = Math.max(lastFire, at);
        csv.append(at - t.toEpochMilli()).append(',').append(l).append('\n');
      }
    }
    if (!csvFile.isEmpty()) {
      Files.writeString(Path.of(csvFile), csv);
    }
    long[] v = Arrays.copyOf(late, n);
    Arrays.sort(v);
    long early = Arrays.stream(v).filter(x -> x < 0).count();
    double span = n > 1 ? Math.max(0.001, (lastFire - first) / 1000.0) : 0.001;
    System.out.printf(Locale.ROOT,
        "%s system=%s jobs=%d fired=%d p50=%d p99=%d max=%d min=%d early=%d duplicates=%d rate=%.0f%n",
        tag, system, jobs, n, rank(v, 50), rank(v, 99), n == 0 ? -1 : v[n - 1], n == 0 ? -1 : v[0], early,
        duplicates, n / span);
  }

  static long rank(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** Copies the row whose key column holds proto n times, with the given columns replaced. */
  static void copyRows(HikariDataSource ds, String table, String key, String proto, int n,
      IntFunction<Map<String, Object>> overrides) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      List<String> columns = new ArrayList<>();
      List<Object> values = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement("SELECT * FROM " + table + " WHERE " + key + " = ?")) {
        select.setString(1, proto);
        try (ResultSet row = select.executeQuery()) {
          if (!row.next()) {
            throw new IllegalStateException("no row " + proto + " in " + table);
          }
          ResultSetMetaData md = row.getMetaData();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(md.getColumnName(i));
            Object value = row.getObject(i);
            if (value instanceof java.sql.Blob blob) {
              // a Blob is only valid in its transaction; the copies span several
              value = blob.getBytes(1, (int) blob.length());
            }
            values.add(value);
          }
        }
      }
      String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
          + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
      try (PreparedStatement insert = c.prepareStatement(sql)) {
        for (int i = 0; i < n; i++) {
          Map<String, Object> o = overrides.apply(i);
          for (int j = 0; j < columns.size(); j++) {
            Object value = values.get(j);
            for (var e : o.entrySet()) {
              if (e.getKey().equalsIgnoreCase(columns.get(j))) {
                value = e.getValue();
              }
            }
            insert.setObject(j + 1, value);
          }
          insert.addBatch();
          if (i % 5000 == 4999) {
            insert.executeBatch();
            c.commit();
          }
        }
        insert.executeBatch();
        c.commit();
      }
    }
  }

  static void deleteProto(HikariDataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  static void runScript(HikariDataSource ds, String script) throws SQLException {
    StringBuilder clean = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.trim().startsWith("--")) {
        clean.append(line).append('\n');
      }
    }
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String statement : clean.toString().split(";")) {
        String sql = statement.trim();
        if (sql.isEmpty() || sql.equalsIgnoreCase("commit") || sql.toLowerCase(Locale.ROOT).startsWith("drop")) {
          continue;
        }
        s.execute(sql);
      }
    }
  }

  static String quartzTables(String db) throws IOException {
    String name = db.equals("derby") ? "tables_derby.sql" : "tables_postgres.sql";
    try (InputStream in = org.quartz.Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The table of db-scheduler's README (PostgreSQL) and its Derby equivalent. */
  static String dbSchedulerTables(String db) {
    boolean pg = db.equals("postgresql");
    String ts = pg ? "timestamp with time zone" : "timestamp";
    return "create table scheduled_tasks ("
        + " task_name varchar(100) not null, task_instance varchar(100) not null,"
        + " task_data " + (pg ? "bytea" : "blob") + ", execution_time " + ts + " not null,"
        + " picked boolean not null, picked_by varchar(50), last_success " + ts + ","
        + " last_failure " + ts + ", consecutive_failures int, last_heartbeat " + ts + ","
        + " version bigint not null, priority smallint, primary key (task_name, task_instance));"
        + "create index execution_time_idx on scheduled_tasks (execution_time);"
        + "create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);"
        + "create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)";
  }
}
