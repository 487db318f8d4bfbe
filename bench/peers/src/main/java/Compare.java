import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The side-by-side tables of bench/compare.sh and their plots: reads the BURST_RESULT and
 * STEADY_RESULT lines of the runs (one file, each line prefixed with the database) and each run's CSV
 * of fires, prints one table per scenario and database with the ratios Rappel/peer, and writes a PNG
 * of the share of the burst fired by lateness. With every job due at the same instant T, a job's
 * lateness is also the time after T at which it fired, so each curve is how the burst drained over
 * time. With a steady load, a second PNG (beside the first, "-steady" added to its name) shows each
 * job's lateness by its due time.
 *
 * <pre>java -cp ... Compare RESULTS_FILE CSV_DIR PNG</pre>
 */
public class Compare {
  record Run(String scenario, String db, Map<String, String> v) {
    String get(String k) {
      return v.getOrDefault(k, "?");
    }

    double num(String k) {
      try {
        return Double.parseDouble(get(k));
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
  }

  public static void main(String[] args) throws IOException {
    List<Run> runs = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      for (String scenario : List.of("burst", "steady")) {
        String tag = scenario.toUpperCase(Locale.ROOT) + "_RESULT ";
        int at = line.indexOf(tag);
        if (at < 0) {
          continue;
        }
        String db = line.substring(0, at).trim();
        Map<String, String> v = new LinkedHashMap<>();
        for (String kv : line.substring(at + tag.length()).trim().split("\\s+")) {
          int eq = kv.indexOf('=');
          v.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        runs.add(new Run(scenario, db, v));
      }
    }
    for (String scenario : List.of("burst", "steady")) {
      for (String db : runs.stream().map(Run::db).distinct().toList()) {
        table(runs.stream().filter(r -> r.scenario().equals(scenario) && r.db().equals(db)).toList());
      }
    }
    if (args.length > 2) {
      plot(runs.stream().filter(r -> r.scenario().equals("burst")).toList(), Path.of(args[1]), args[2]);
      List<Run> steady = runs.stream().filter(r -> r.scenario().equals("steady")).toList();
      if (!steady.isEmpty()) {
        plotSteady(steady, Path.of(args[1]), args[2].replaceFirst("(\\.png)?$", "-steady.png"));
      }
    }
  }

  /** One scenario on one database: a row per system, then the ratios Rappel/peer. */
  static void table(List<Run> runs) {
    if (runs.isEmpty()) {
      return;
    }
    boolean burst = runs.get(0).scenario().equals("burst");
    String db = runs.get(0).db();
    if (burst) {
      System.out.printf("%nBurst on %s: jobs due at one instant T; lateness = fire time - T (ms)%n", db);
    } else {
      System.out.printf("%nSteady load on %s: jobs due one after the other at a constant rate, after the burst;"
          + " lateness = fire time - due time (ms)%n", db);
    }
    String fmt = "%-14s %13s %8s %8s %8s %8s %7s %7s %8s %10s%n";
    System.out.printf(fmt, "system", "fired", "p50", "p99", "max", "min", "early", "missed", "dupl.",
        burst ? "rate/s" : "");
    Run rappel = null;
    for (Run r : runs) {
      if (r.get("system").equals("rappel")) {
        rappel = r;
      }
      long missed = Math.round(r.num("jobs") - r.num("fired"));
      System.out.printf(fmt, r.get("system"), r.get("fired") + "/" + r.get("jobs"), r.get("p50"), r.get("p99"),
          r.get("max"), r.get("min"), r.get("early"), missed, r.get("duplicates"), burst ? r.get("rate") : "");
    }
    if (rappel != null) {
      System.out.println("Ratios Rappel/peer (lateness: below 1 means Rappel is better"
          + (burst ? "; rate: above 1 means Rappel drains faster):" : "):"));
      for (Run r : runs) {
        if (r != rappel) {
          System.out.printf(Locale.ROOT, "  vs %-12s p50 %.3f  p99 %.3f  max %.3f%s   (peer p99 / Rappel p99 = %.1fx)%n",
              r.get("system"), ratio(rappel, r, "p50"), ratio(rappel, r, "p99"), ratio(rappel, r, "max"),
              burst ? String.format(Locale.ROOT, "  rate %.2f", ratio(rappel, r, "rate")) : "",
              1 / ratio(rappel, r, "p99"));
        }
      }
    }
  }

  static double ratio(Run a, Run b, String k) {
    double x = Math.max(1, a.num(k));
    double y = Math.max(1, b.num(k));
    return x / y;
  }

  /** A run's CSV of fires: (ms after the first due time, lateness ms) per fire; empty if none. */
  static List<long[]> fires(Run r, Path csvDir) throws IOException {
    String suffix = r.scenario().equals("burst") ? "" : "-steady";
    Path csv = csvDir.resolve(r.get("system") + "-" + r.db() + suffix + ".csv");
    List<long[]> fires = new ArrayList<>();
    if (!Files.exists(csv)) {
      return fires;
    }
    for (String line : Files.readAllLines(csv)) {
      String[] f = line.split(",");
      if (f.length == 2 && !f[1].startsWith("l")) {
        fires.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
      }
    }
    return fires;
  }

  /** Each job of the steady load: its lateness by its due time (seconds after the first due). */
  static void plotSteady(List<Run> runs, Path csvDir, String png) throws IOException {
    XYChart chart = new XYChartBuilder().width(1000).height(600)
        .title("Steady load after the burst: lateness of each job by its due time")
        .xAxisTitle("due time (s after the first due)")
        .yAxisTitle("lateness (ms, log scale; on time or early drawn at 1)").build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(3);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    for (Run r : runs) {
      List<long[]> fires = fires(r, csvDir);
      if (fires.isEmpty()) {
        continue;
      }
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (long[] fire : fires) {
        x.add((fire[0] - fire[1]) / 1000.0); // fired after the first due time, minus lateness
        y.add((double) Math.max(1, fire[1]));
      }
      chart.addSeries(r.get("system") + " on " + r.db() + " (p99 " + r.get("p99") + " ms)", x, y);
    }
    BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
    System.out.println("Plot written to " + png);
  }

  static void plot(List<Run> runs, Path csvDir, String png) throws IOException {
    XYChart chart = new XYChartBuilder().width(1000).height(600)
        .title("Burst of jobs due at one instant: share fired by lateness (= time after T)")
        .xAxisTitle("lateness (ms, log scale)").yAxisTitle("share of the burst fired (%)").build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    for (Run r : runs) {
      List<Long> late = new ArrayList<>();
      for (long[] fire : fires(r, csvDir)) {
        late.add(fire[1]);
      }
      if (late.isEmpty()) {
        continue;
      }
      late.sort(null);
      double jobs = r.num("jobs");
      int step = Math.max(1, late.size() / 400);
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int i = 0; i < late.size(); i += step) {
        x.add((double) Math.max(1, late.get(i)));
        y.add(100.0 * (i + 1) / jobs);
      }
      x.add((double) Math.max(1, late.get(late.size() - 1)));
      y.add(100.0 * late.size() / jobs);
      XYSeries s = chart.addSeries(r.get("system") + " on " + r.db() + " (p99 " + r.get("p99") + " ms)", x, y);
      s.setMarker(SeriesMarkers.NONE);
    }
    BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
    System.out.println("Plot written to " + png);
  }
}
