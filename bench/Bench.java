/*
 * Rappel benchmark: create throughput, dispatch burst lateness and steady-load lateness, measured
 * over the REST API of a running server. Single file, JDK 17 only:
 *
 *   java bench/Bench.java --url http://localhost:8080 [options]      (--help lists the options)
 *
 * Lateness of a callback = the "at" of its QUEUED history entry (the delivery instant the engine
 * records) minus its scheduledAt, in milliseconds. It must never be negative (never early).
 *
 * Every loop here is bounded in count and in time, and the tool only talks to the given URL.
 */
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Bench {

  // ---------------------------------------------------------------- options

  static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("url", "http://localhost:8080");
    DEFAULTS.put("scenarios", "burst,steady,create");
    DEFAULTS.put("create-requests", "20000");
    DEFAULTS.put("create-clients", "16");
    DEFAULTS.put("create-warmup", "60000");
    DEFAULTS.put("create-warmup-round", "5000");
    DEFAULTS.put("future", "100000");
    DEFAULTS.put("burst", "10000");
    DEFAULTS.put("burst-spread-ms", "1000");
    DEFAULTS.put("warmup-burst", "0");
    DEFAULTS.put("setup-clients", "16");
    DEFAULTS.put("read-clients", "8");
    DEFAULTS.put("steady-rate", "100");
    DEFAULTS.put("steady-seconds", "60");
    DEFAULTS.put("margin-s", "10");
    DEFAULTS.put("max-wait-s", "180");
    DEFAULTS.put("poll-ms", "5000");
    DEFAULTS.put("time-limit-s", "1800");
    DEFAULTS.put("user", "");
    DEFAULTS.put("password", "");
    DEFAULTS.put("token", "");
    DEFAULTS.put("lateness-csv", "");
    DEFAULTS.put("steady-csv", "");
  }

  static final String HELP =
      """
      Usage: java bench/Bench.java [--option value ...]

        --url URL              server base URL (default http://localhost:8080)
        --scenarios LIST       any of burst,steady,create (default: all three, run in that order)
        --create-requests N    (a) measured POST /api/v1/callbacks requests (default 20000)
        --create-clients C     (a) concurrent clients (default 16)
        --create-warmup N      (a) at most N unmeasured requests first, to warm the JIT, in rounds
                                   until a round is less than 5 % faster than the one before
                                   (default 60000)
        --create-warmup-round N  (a) requests per warm-up round (default 5000)
        --future N             (b) callbacks created 7+ days ahead before the burst (default 100000)
        --burst N              (b) callbacks due in the same second T (default 10000)
        --burst-spread-ms MS   (b) spread of the due times inside that second, 0 = all at T.000
                                   exactly (default 1000: T.000 to T.999)
        --warmup-burst N       (b) first a burst of N due at one instant, delivered before the measured
                             one (0 = none: the measured burst is the server's first delivery)
        --setup-clients C      (b, c) concurrent clients creating the scenario's callbacks (default 16)
        --read-clients C       (b, c) concurrent clients reading histories afterwards (default 8)
        --steady-rate R        (c) callbacks due per second (default 100)
        --steady-seconds S     (c) for how many seconds (default 60)
        --margin-s S           (b, c) margin between the end of the creations and the first due time
                                   (default 10)
        --max-wait-s S         (b, c) how long to wait for deliveries after the last due time
                                   (default 180)
        --poll-ms MS           (b, c) interval of the list-count polls while waiting (default 5000)
        --time-limit-s S       hard limit of the whole run (default 1800)
        --user U --password P  HTTP Basic credentials for /api (servers with access control)
        --token T              or an API token, sent as "Authorization: Bearer T"
        --lateness-csv FILE    (b) also write each burst delivery (ms after T, lateness ms) to FILE
                                   and print a BURST_RESULT line, for bench/compare.sh
        --steady-csv FILE      (c) the same for the steady load (ms after its first due time,
                                   lateness ms) and a STEADY_RESULT line
      """;

  static Map<String, String> opts;

  static String opt(String k) {
    return opts.get(k);
  }

  static int intOpt(String k) {
    return Integer.parseInt(opts.get(k));
  }

  // ---------------------------------------------------------------- HTTP

  static HttpClient http;
  static String base;
  static long deadlineNanos;

  record Reply(int status, String body, long nanos) {}

  static String authorization;

  static Reply send(HttpRequest.Builder b) {
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    long t0 = System.nanoTime();
    try {
      HttpResponse<String> r =
          http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body(), System.nanoTime() - t0);
    } catch (IOException e) {
      return new Reply(-1, String.valueOf(e), System.nanoTime() - t0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(-2, "interrupted", System.nanoTime() - t0);
    }
  }

  static Reply post(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  static Reply get(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").GET());
  }

  // ---------------------------------------------------------------- small JSON helpers

  static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
  static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
  static final Pattern SCHEDULED_AT = Pattern.compile("\"scheduledAt\"\\s*:\\s*\"([^\"]+)\"");
  static final Pattern OBJECT = Pattern.compile("\\{[^{}]*\\}");
  static final Pattern AT = Pattern.compile("\"at\"\\s*:\\s*\"([^\"]+)\"");
  static final Pattern EVENT = Pattern.compile("\"event\"\\s*:\\s*\"([^\"]+)\"");
  static final Pattern DELIVERED = Pattern.compile("delivered (-?\\d+) ms later");

  static String first(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? m.group(1) : null;
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  // ---------------------------------------------------------------- statistics

  record Stats(int n, double p50, double p99, double max, double min, double mean) {
    static Stats of(long[] values) {
      if (values.length == 0) {
        return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
      long[] v = values.clone();
      Arrays.sort(v);
      double sum = 0;
      for (long x : v) {
        sum += x;
      }
      return new Stats(v.length, rank(v, 50), rank(v, 99), v[v.length - 1], v[0], sum / v.length);
    }

    /** Nearest-rank percentile. */
    static double rank(long[] sorted, double p) {
      int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
  }

  // ---------------------------------------------------------------- parallel runner

  record Batch(long[] latencyNanos, int ok, int failed, Map<String, Integer> failures, long wallNanos, int done) {
    double perSecond() {
      return done / (wallNanos / 1e9);
    }
  }

  /** Runs task(0..n-1) on c threads; a task returns a Reply; 2xx counts as success. */
  static Batch parallel(int n, int c, IntFunction<Reply> task) {
    long[] lat = new long[n];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(c);
    long t0 = System.nanoTime();
    for (int w = 0; w < c; w++) {
      pool.execute(
          () -> {
            int i;
            while ((i = next.getAndIncrement()) < n) {
              if (System.nanoTime() > deadlineNanos) {
                failures.add("time limit reached");
                failed.incrementAndGet();
                continue;
              }
              Reply r = task.apply(i);
              lat[i] = r.nanos();
              if (r.status() >= 200 && r.status() < 300) {
                ok.incrementAndGet();
              } else {
                failed.incrementAndGet();
                if (failures.size() < 1000) {
                  String b = r.body() == null ? "" : r.body();
                  failures.add(r.status() + " " + b.substring(0, Math.min(200, b.length())));
                }
              }
            }
          });
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(Math.max(1, deadlineNanos - System.nanoTime()) + 120_000_000_000L,
          TimeUnit.NANOSECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    long wall = System.nanoTime() - t0;
    Map<String, Integer> byKind = new LinkedHashMap<>();
    for (String f : failures) {
      byKind.merge(f, 1, Integer::sum);
    }
    return new Batch(lat, ok.get(), failed.get(), byKind, wall, Math.min(n, next.get()));
  }

  // ---------------------------------------------------------------- API steps

  static long createQueue(String name) {
    Reply r = post("/api/v1/queues", "{\"name\":" + quote(name) + "}");
    if (r.status() != 201 && r.status() != 200) {
      throw new IllegalStateException("POST /queues answered " + r.status() + ": " + r.body());
    }
    return Long.parseLong(first(ID, r.body()));
  }

  static Reply createCallback(long queueId, Instant at, String name) {
    return post(
        "/api/v1/callbacks",
        "{\"queueId\":"
            + queueId
            + ",\"phoneNumber\":\"+33142685300\",\"customerName\":"
            + quote(name)
            + ",\"scheduledAt\":\""
            + at
            + "\"}");
  }

  /** Far-future due instants, spread over a day starting 7 days from now. */
  static Instant farFuture(Instant now, int i) {
    return now.plus(7, ChronoUnit.DAYS).plusSeconds(i % 86_400);
  }

  static int countQueued(long queueId) {
    Reply r = get("/api/v1/callbacks?queueId=" + queueId + "&state=QUEUED&page=0&size=1");
    if (r.status() != 200) {
      return -1;
    }
    return Integer.parseInt(first(TOTAL, r.body()));
  }

  static List<Long> queuedIds(long queueId, int expected) {
    List<Long> ids = new ArrayList<>();
    int pages = expected / 500 + 2;
    for (int page = 0; page < pages; page++) {
      Reply r =
          get("/api/v1/callbacks?queueId=" + queueId + "&state=QUEUED&page=" + page + "&size=500");
      if (r.status() != 200) {
        throw new IllegalStateException("list answered " + r.status() + ": " + r.body());
      }
      int itemsAt = r.body().indexOf("\"items\"");
      String items = r.body().substring(itemsAt);
      // each item is an object whose nested objects ({"data":{}}) hold no "id"
      Matcher m = ID.matcher(items);
      int before = ids.size();
      while (m.find()) {
        ids.add(Long.parseLong(m.group(1)));
      }
      if (ids.size() == before) {
        break;
      }
    }
    return ids;
  }

  record Delivery(long id, Instant scheduledAt, Instant queuedAt, long reportedMs) {
    long latenessMs() {
      return Duration.between(scheduledAt, queuedAt).toMillis();
    }
  }

  /** Callbacks whose history holds more than one delivery (a duplicate fire). */
  static final AtomicInteger duplicates = new AtomicInteger();

  static Delivery parseDelivery(long id, String body) {
    Instant scheduled = Instant.parse(first(SCHEDULED_AT, body));
    int h = body.indexOf("\"history\"");
    if (h < 0) {
      return new Delivery(id, scheduled, null, Long.MIN_VALUE);
    }
    if (body.split("\"event\"\\s*:\\s*\"QUEUED\"", -1).length > 2) {
      duplicates.incrementAndGet();
    }
    Matcher m = OBJECT.matcher(body.substring(h));
    while (m.find()) {
      String entry = m.group();
      if ("QUEUED".equals(first(EVENT, entry))) {
        String detail = first(DELIVERED, entry);
        return new Delivery(
            id,
            scheduled,
            Instant.parse(first(AT, entry)),
            detail == null ? Long.MIN_VALUE : Long.parseLong(detail));
      }
    }
    return new Delivery(id, scheduled, null, Long.MIN_VALUE);
  }

  static List<Delivery> readDeliveries(List<Long> ids, int clients) {
    Delivery[] out = new Delivery[ids.size()];
    Batch b =
        parallel(
            ids.size(),
            clients,
            i -> {
              Reply r = get("/api/v1/callbacks/" + ids.get(i));
              if (r.status() == 200) {
                out[i] = parseDelivery(ids.get(i), r.body());
              }
              return r;
            });
    if (b.failed() > 0) {
      System.out.println("  history reads failed: " + b.failed() + " " + b.failures());
    }
    List<Delivery> list = new ArrayList<>();
    for (Delivery d : out) {
      if (d != null) {
        list.add(d);
      }
    }
    return list;
  }

  /**
   * The callbacks delivered last: the last created (latest due) and the highest id (last among
   * equal due times).
   */
  static long[] sentinels(long[] ids) {
    long maxId = Arrays.stream(ids).max().orElse(0);
    long last = 0;
    for (int i = ids.length - 1; i >= 0 && last == 0; i--) {
      last = ids[i];
    }
    return new long[] {last, maxId};
  }

  static boolean isQueued(long id) {
    Reply r = get("/api/v1/callbacks/" + id);
    return r.status() == 200 && r.body().contains("\"state\":\"QUEUED\"");
  }

  /**
   * Waits until the queue's QUEUED count reaches the expected number or time is up. Cheap polls
   * (GET of the callbacks due last) every 250 ms; the list count (a heavier query) every poll-ms
   * and once the callbacks due last are delivered, so the harness loads the server little.
   */
  static long waitForQueued(long queueId, int expected, Instant waitUntil, long[] sentinels) {
    int pollMs = intOpt("poll-ms");
    int last = -1;
    long nextCount = 0;
    List<Long> countNanos = new ArrayList<>();
    while (Instant.now().isBefore(waitUntil) && System.nanoTime() < deadlineNanos) {
      boolean lastOnesDone = true;
      for (long id : sentinels) {
        lastOnesDone &= id == 0 || isQueued(id);
      }
      if (lastOnesDone || System.currentTimeMillis() >= nextCount) {
        long t0 = System.nanoTime();
        int n = countQueued(queueId);
        countNanos.add(System.nanoTime() - t0);
        if (n != last) {
          System.out.printf("  %s QUEUED %d/%d%n", Instant.now(), n, expected);
        }
        last = n;
        nextCount = System.currentTimeMillis() + pollMs;
        if (n >= expected) {
          break;
        }
      }
      sleep(250);
    }
    Stats s = Stats.of(countNanos.stream().mapToLong(Long::longValue).toArray());
    System.out.printf(
        "  list count polls: %d, p50 %.0f ms, max %.0f ms%n", s.n(), s.p50() / 1e6, s.max() / 1e6);
    return last;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void sleepUntil(Instant t) {
    long ms = Duration.between(Instant.now(), t).toMillis();
    if (ms > 0) {
      sleep(ms);
    }
  }

  // ---------------------------------------------------------------- results

  record Row(String scenario, String metric, String value, String target, String verdict) {}

  static final List<Row> rows = new ArrayList<>();

  static void row(String scenario, String metric, String value) {
    rows.add(new Row(scenario, metric, value, "", ""));
  }

  static void row(String scenario, String metric, String value, String target, boolean met) {
    rows.add(new Row(scenario, metric, value, target, met ? "met" : "NOT MET"));
  }

  static String ms(double nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  // ---------------------------------------------------------------- (a) create throughput

  static void create() {
    int n = intOpt("create-requests");
    int c = intOpt("create-clients");
    int warm = intOpt("create-warmup");
    String s = "(a) create";
    System.out.printf("%n== (a) create throughput: %d requests, %d clients (after up to %d warm-up)%n", n, c, warm);
    long queue = createQueue("bench-create-" + System.currentTimeMillis());
    Instant now = Instant.now();
    // Payara's request path is long: the JIT needs tens of thousands of requests before the rate
    // settles (about 170 req/s cold, twice that warm on a 2-core machine). Warm up in rounds until
    // a round is no more than 5 % faster than the one before, or the budget is spent.
    int round = Math.min(intOpt("create-warmup-round"), Math.max(warm, 1));
    int warmed = 0;
    double previous = 0;
    int warmFailed = 0;
    while (warmed < warm) {
      int size = Math.min(round, warm - warmed);
      int offset = warmed;
      Batch w = parallel(size, c, i -> createCallback(queue, farFuture(now, offset + i), "warm " + i));
      warmed += size;
      warmFailed += w.failed();
      System.out.printf(
          "  warm-up round: %d ok, %d failed, %.0f req/s (%d so far)%n",
          w.ok(), w.failed(), w.perSecond(), warmed);
      if (previous == 0) {
        row(s, "first warm-up round", String.format(Locale.ROOT, "%.0f req/s", w.perSecond()));
      }
      if (previous > 0 && w.perSecond() < previous * 1.05) {
        break;
      }
      previous = w.perSecond();
    }
    if (warmed > 0) {
      row(s, "warm-up requests (failed)", warmed + " (" + warmFailed + ")", "0 failed", warmFailed == 0);
    }
    final int measuredFrom = warmed;
    Batch b =
        parallel(n, c, i -> createCallback(queue, farFuture(now, measuredFrom + i), "create " + i));
    Stats st = Stats.of(Arrays.copyOf(b.latencyNanos(), b.done()));
    lastCreateRate = b.perSecond();
    System.out.printf(
        "  %d ok, %d failed in %.1f s: %.0f req/s; latency p50 %s, p99 %s, max %s%n",
        b.ok(), b.failed(), b.wallNanos() / 1e9, b.perSecond(), ms(st.p50()), ms(st.p99()), ms(st.max()));
    if (!b.failures().isEmpty()) {
      System.out.println("  failures: " + b.failures());
    }
    row(s, "requests (ok / failed)", b.ok() + " / " + b.failed(), "0 failed", b.failed() == 0);
    row(s, "throughput", String.format(Locale.ROOT, "%.0f req/s", b.perSecond()), ">= 1000 req/s",
        b.perSecond() >= 1000);
    row(s, "latency p50", ms(st.p50()));
    row(s, "latency p99", ms(st.p99()), "<= 50 ms", st.p99() <= 50e6);
    row(s, "latency max", ms(st.max()));
  }

  // ---------------------------------------------------------------- (b) burst

  static double lastCreateRate = 0;

  /** Creates n callbacks due at dueAt(i) on queue; returns the batch. */
  static Batch createMany(long queue, int n, IntFunction<Instant> dueAt, String label) {
    return createMany(queue, n, dueAt, label, null);
  }

  /** As above; ids[i] receives the id of callback i (0 when its creation failed). */
  static Batch createMany(long queue, int n, IntFunction<Instant> dueAt, String label, long[] ids) {
    return parallel(
        n,
        intOpt("setup-clients"),
        i -> {
          Reply r = createCallback(queue, dueAt.apply(i), label + " " + i);
          if (ids != null && r.status() == 201) {
            ids[i] = Long.parseLong(first(ID, r.body()));
          }
          return r;
        });
  }

  static void burst() {
    int future = intOpt("future");
    int burst = intOpt("burst");
    int spread = intOpt("burst-spread-ms");
    String s = "(b) burst";
    System.out.printf(
        "%n== (b) dispatch burst: %d due in one second, %d pending 7+ days ahead%n", burst, future);
    long futureQueue = createQueue("bench-future-" + System.currentTimeMillis());
    Instant now = Instant.now();
    double rate;
    if (future > 0) {
      Batch f = createMany(futureQueue, future, i -> farFuture(now, i), "future");
      rate = f.perSecond();
      lastCreateRate = rate;
      System.out.printf(
          "  future: %d ok, %d failed in %.1f s (%.0f req/s)%n", f.ok(), f.failed(), f.wallNanos() / 1e9, rate);
      if (!f.failures().isEmpty()) {
        System.out.println("  failures: " + f.failures());
      }
      row(s, "pending future callbacks created", f.ok() + " (" + Math.round(rate) + " req/s)");
    } else {
      Batch f = createMany(futureQueue, 500, i -> farFuture(now, i), "calibration");
      rate = f.perSecond();
      lastCreateRate = rate;
    }
    int warmup = intOpt("warmup-burst");
    if (warmup > 0) {
      warmUp(warmup, rate);
    }
    long queue = createQueue("bench-burst-" + System.currentTimeMillis());
    // time to create the burst at the measured rate, with 50% slack, plus the margin
    long needMs = (long) (burst / Math.max(1, rate) * 1500) + intOpt("margin-s") * 1000L;
    Instant t = Instant.now().plusMillis(needMs).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    System.out.printf("  burst due at T = %s (spread %d ms), creating now%n", t, spread);
    long[] ids = new long[burst];
    Batch b =
        createMany(queue, burst, i -> t.plusMillis(spread == 0 ? 0 : (long) i * spread / burst), "burst", ids);
    Instant created = Instant.now();
    lastCreateRate = Math.min(lastCreateRate, b.perSecond());
    System.out.printf(
        "  burst: %d ok, %d failed, done %d ms before T%n",
        b.ok(), b.failed(), Duration.between(created, t).toMillis());
    if (!b.failures().isEmpty()) {
      System.out.println("  failures: " + b.failures());
    }
    if (created.isAfter(t)) {
      row(s, "INVALID RUN", "creations ended after T; raise --margin-s", "", false);
    }
    measureDeliveries(s, queue, b.ok(), t, t.plusMillis(spread), sentinels(ids), true);
    listTimings(s, futureQueue);
  }

  /**
   * A burst of n due at one instant, delivered and left alone, so that the measured burst runs on
   * code the JIT compiler has compiled, as on a server that has delivered before.
   */
  static void warmUp(int n, double rate) {
    long queue = createQueue("bench-warmup-" + System.currentTimeMillis());
    long needMs = (long) (n / Math.max(1, rate) * 1500) + intOpt("margin-s") * 1000L;
    Instant t = Instant.now().plusMillis(needMs).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    long[] ids = new long[n];
    Batch b = createMany(queue, n, i -> t, "warmup", ids);
    sleepUntil(t.minusMillis(200));
    long reached = waitForQueued(queue, b.ok(), t.plusSeconds(intOpt("max-wait-s")), sentinels(ids));
    System.out.printf(
        "  warm-up burst: %d due at %s, %d delivered by T%+d ms%n",
        b.ok(), t, reached, Duration.between(t, Instant.now()).toMillis());
  }

  /**
   * What the supervisor list asks with every pending callback in the table: the first page of all
   * callbacks, and a page filtered by state and queue (20 reads each, after the burst).
   */
  static void listTimings(String s, long futureQueue) {
    String[][] pages = {
      {"list first page", "/api/v1/callbacks?page=0&size=50"},
      {"list filtered page", "/api/v1/callbacks?state=SCHEDULED&queueId=" + futureQueue + "&page=0&size=50"}
    };
    for (String[] page : pages) {
      long[] nanos = new long[20];
      int failed = 0;
      for (int i = 0; i < nanos.length; i++) {
        Reply r = get(page[1]);
        nanos[i] = r.nanos();
        failed += r.status() == 200 ? 0 : 1;
      }
      Stats st = Stats.of(nanos);
      System.out.printf("  %s: p50 %s, max %s (%d failed)%n", page[0], ms(st.p50()), ms(st.max()), failed);
      row(s, page[0] + " (p50 of 20)", ms(st.p50()) + ", max " + ms(st.max()), "<= 50 ms", st.p50() <= 50e6 && failed == 0);
    }
  }

  /**
   * Waits for all callbacks of the queue to be QUEUED, reads their histories and reports the
   * lateness. firstDue/lastDue bound the due times.
   */
  static void measureDeliveries(
      String s, long queue, int expected, Instant firstDue, Instant lastDue, long[] sentinels, boolean burstTargets) {
    sleepUntil(firstDue.minusMillis(200));
    int reached = (int) waitForQueued(queue, expected, lastDue.plusSeconds(intOpt("max-wait-s")), sentinels);
    Instant observed = Instant.now();
    System.out.printf(
        "  QUEUED count %d/%d observed at T%+d ms%n", reached, expected, Duration.between(firstDue, observed).toMillis());
    List<Long> ids = queuedIds(queue, expected);
    long t0 = System.nanoTime();
    int duplicatesBefore = duplicates.get();
    List<Delivery> ds = readDeliveries(ids, intOpt("read-clients"));
    int duplicated = duplicates.get() - duplicatesBefore;
    System.out.printf("  read %d histories in %.1f s%n", ds.size(), (System.nanoTime() - t0) / 1e9);
    long[] late = ds.stream().filter(d -> d.queuedAt() != null).mapToLong(Delivery::latenessMs).toArray();
    long[] reported =
        ds.stream().filter(d -> d.reportedMs() != Long.MIN_VALUE).mapToLong(Delivery::reportedMs).toArray();
    Stats st = Stats.of(late);
    Stats rep = Stats.of(reported);
    long early = Arrays.stream(late).filter(x -> x < 0).count();
    long earlyReported = Arrays.stream(reported).filter(x -> x < 0).count();
    Instant firstAt = ds.stream().map(Delivery::queuedAt).filter(x -> x != null).min(Instant::compareTo).orElse(null);
    Instant lastAt = ds.stream().map(Delivery::queuedAt).filter(x -> x != null).max(Instant::compareTo).orElse(null);
    System.out.printf(
        "  lateness (QUEUED.at - scheduledAt) over %d: p50 %.0f ms, p99 %.0f ms, max %.0f ms, min %.0f ms, mean %.0f ms, early %d%n",
        st.n(), st.p50(), st.p99(), st.max(), st.min(), st.mean(), early);
    System.out.printf(
        "  engine-reported lateness (history detail): p50 %.0f ms, p99 %.0f ms, max %.0f ms, min %.0f ms%n",
        rep.p50(), rep.p99(), rep.max(), rep.min());
    boolean all = st.n() == expected && expected > 0;
    String csv = opt(burstTargets ? "lateness-csv" : "steady-csv");
    if (!csv.isEmpty()) {
      writeLateness(
          burstTargets ? "BURST_RESULT" : "STEADY_RESULT", csv, ds, firstDue, expected, st, early, duplicated);
    }
    row(s, "delivered (QUEUED)", st.n() + " / " + expected, "all", all);
    row(s, "lateness p50", String.format(Locale.ROOT, "%.0f ms", st.p50()));
    if (burstTargets) {
      row(s, "lateness p99", String.format(Locale.ROOT, "%.0f ms", st.p99()), "<= 1000 ms", st.p99() <= 1000);
    } else {
      row(s, "lateness p99", String.format(Locale.ROOT, "%.0f ms", st.p99()), "<= 250 ms", st.p99() <= 250);
    }
    row(s, "lateness max", String.format(Locale.ROOT, "%.0f ms", st.max()));
    row(s, "lateness min", String.format(Locale.ROOT, "%.0f ms", st.min()), ">= 0 ms", st.n() > 0 && st.min() >= 0);
    row(s, "early deliveries", early + " (engine detail: " + earlyReported + ")", "0", early == 0 && earlyReported == 0);
    if (firstAt != null) {
      row(s, "first delivery", "T" + fmtOffset(Duration.between(firstDue, firstAt).toMillis()));
      row(s, "last delivery", "T" + fmtOffset(Duration.between(firstDue, lastAt).toMillis())
          + " (last due T" + fmtOffset(Duration.between(firstDue, lastDue).toMillis()) + ")");
      double spanS = Math.max(0.001, Duration.between(firstAt, lastAt).toMillis() / 1000.0);
      if (burstTargets) {
        row(s, "dispatch rate", String.format(Locale.ROOT, "%.0f callbacks/s", st.n() / spanS));
      }
    }
  }

  /**
   * Each delivery as "ms after T,lateness ms" (T: the first due time), and one summary line tagged
   * BURST_RESULT or STEADY_RESULT, for bench/compare.sh.
   */
  static void writeLateness(
      String tag,
      String file,
      List<Delivery> ds,
      Instant t,
      int expected,
      Stats st,
      long early,
      int duplicated) {
    StringBuilder csv = new StringBuilder("fired_after_t_ms,lateness_ms\n");
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Delivery d : ds) {
      if (d.queuedAt() != null) {
        long at = Duration.between(t, d.queuedAt()).toMillis();
        first = Math.min(first, at);
        last = Math.max(last, at);
        csv.append(at).append(',').append(d.latenessMs()).append('\n');
      }
    }
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of(file), csv);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    double spanS = Math.max(0.001, (last - first) / 1000.0);
    System.out.printf(
        Locale.ROOT,
        "%s system=rappel jobs=%d fired=%d p50=%.0f p99=%.0f max=%.0f min=%.0f early=%d"
            + " duplicates=%d rate=%.0f%n",
        tag,
        expected,
        st.n(),
        st.p50(),
        st.p99(),
        st.max(),
        st.min(),
        early,
        duplicated,
        st.n() / spanS);
  }

  static String fmtOffset(long ms) {
    return String.format(Locale.ROOT, "%+.3f s", ms / 1000.0);
  }

  // ---------------------------------------------------------------- (c) steady

  static void steady() {
    int rate = intOpt("steady-rate");
    int seconds = intOpt("steady-seconds");
    int n = rate * seconds;
    String s = "(c) steady";
    System.out.printf("%n== (c) steady load: %d due per second for %d s (%d callbacks)%n", rate, seconds, n);
    long queue = createQueue("bench-steady-" + System.currentTimeMillis());
    double createRate = lastCreateRate > 0 ? lastCreateRate : 200;
    // twice the time at the slowest creation rate seen so far, plus the margin
    long needMs = (long) (n / createRate * 2000) + intOpt("margin-s") * 1000L;
    Instant start = Instant.now().plusMillis(needMs).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    System.out.printf("  first due at S = %s, creating now%n", start);
    long[] ids = new long[n];
    Batch b = createMany(queue, n, i -> start.plusMillis((long) i * 1000 / rate), "steady", ids);
    Instant created = Instant.now();
    System.out.printf(
        "  created: %d ok, %d failed, done %d ms before S%n", b.ok(), b.failed(), Duration.between(created, start).toMillis());
    if (!b.failures().isEmpty()) {
      System.out.println("  failures: " + b.failures());
    }
    if (created.isAfter(start)) {
      row(s, "INVALID RUN", "creations ended after S; raise --margin-s", "", false);
    }
    Instant last = start.plusMillis((long) (n - 1) * 1000 / rate);
    measureDeliveries(s, queue, b.ok(), start, last, sentinels(ids), false);
  }

  // ---------------------------------------------------------------- main

  public static void main(String[] args) throws Exception {
    opts = new LinkedHashMap<>(DEFAULTS);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        System.out.print(HELP);
        return;
      }
      if (!a.startsWith("--") || !DEFAULTS.containsKey(a.substring(2)) || i + 1 >= args.length) {
        System.err.println("Unknown or incomplete option: " + a + "\n" + HELP);
        System.exit(64);
      }
      opts.put(a.substring(2), args[++i]);
    }
    base = opt("url").replaceAll("/+$", "");
    if (!opt("token").isEmpty()) {
      authorization = "Bearer " + opt("token");
    } else if (!opt("user").isEmpty()) {
      authorization =
          "Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString((opt("user") + ":" + opt("password")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    deadlineNanos = System.nanoTime() + intOpt("time-limit-s") * 1_000_000_000L;
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    Reply ready = get("/health/ready");
    if (ready.status() != 200) {
      System.err.println(base + "/health/ready answered " + ready.status() + ": " + ready.body());
      System.exit(2);
    }
    System.out.println("Rappel benchmark against " + base + " at " + Instant.now());
    Map<String, String> shown = new LinkedHashMap<>(opts);
    shown.replaceAll((k, v) -> (k.equals("password") || k.equals("token")) && !v.isEmpty() ? "***" : v);
    System.out.println("options: " + shown);
    List<String> scenarios = Arrays.asList(opt("scenarios").split(","));
    long t0 = System.nanoTime();
    Map<String, Runnable> all = new LinkedHashMap<>();
    // the burst first, so that exactly its 100,000 future callbacks are pending (their creation
    // also warms the server up); create last, on the database the others filled
    all.put("burst", Bench::burst);
    all.put("steady", Bench::steady);
    all.put("create", Bench::create);
    for (var e : all.entrySet()) {
      if (!scenarios.contains(e.getKey())) {
        continue;
      }
      if (System.nanoTime() > deadlineNanos) {
        row(e.getKey(), "SKIPPED", "time limit reached", "", false);
        continue;
      }
      try {
        e.getValue().run();
      } catch (RuntimeException ex) {
        ex.printStackTrace();
        row(e.getKey(), "FAILED", String.valueOf(ex), "", false);
      }
    }
    printSummary((System.nanoTime() - t0) / 1e9);
  }

  static void printSummary(double seconds) {
    int w1 = 12, w2 = 32, w3 = 34, w4 = 14;
    for (Row r : rows) {
      w1 = Math.max(w1, r.scenario().length());
      w2 = Math.max(w2, r.metric().length());
      w3 = Math.max(w3, r.value().length());
      w4 = Math.max(w4, r.target().length());
    }
    String fmt = "%-" + w1 + "s | %-" + w2 + "s | %-" + w3 + "s | %-" + w4 + "s | %s%n";
    System.out.printf("%n==== Summary (%.0f s, %s) ====%n", seconds, base);
    System.out.printf(fmt, "scenario", "metric", "measured", "target", "verdict");
    System.out.println("-".repeat(w1 + w2 + w3 + w4 + 22));
    for (Row r : rows) {
      System.out.printf(fmt, r.scenario(), r.metric(), r.value(), r.target(), r.verdict());
    }
  }
}
