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
 * The side-by-side table of bench/compare.sh and its plot: reads the BURST_RESULT lines of the runs
 * (one file, each line prefixed with the database) and each run's CSV of fires, prints one table per
 * database with the ratios Rappel/peer, and writes a PNG of the share of the burst fired by
 * lateness. With every job due at the same instant T, a job's lateness is also the time after T at
 * which it fired, so each curve is how the burst drained over time.
 *
 * <pre>java -cp ... Compare RESULTS_FILE CSV_DIR PNG</pre>
 */
public class Compare {
  record Run(String db, Map<String, String> v) {
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
      int at = line.indexOf("BURST_RESULT ");
      if (at < 0) {
        continue;
      }
      String db = line.substring(0, at).trim();
      Map<String, String> v = new LinkedHashMap<>();
      for (String kv : line.substring(at + 13).trim().split("\\s+")) {
        int eq = kv.indexOf('=');
        v.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
      runs.add(new Run(db, v));
    }
    List<String> dbs = runs.stream().map(Run::db).distinct().toList();
    for (String db : dbs) {
      System.out.printf("%nBurst on %s: jobs due at one instant T; lateness = fire time - T (ms)%n", db);
      String fmt = "%-14s %8s %8s %8s %8s %8s %7s %7s %8s %10s%n";
      System.out.printf(fmt, "system", "fired", "p50", "p99", "max", "min", "early", "missed", "dupl.", "rate/s");
      Run rappel = null;
      for (Run r : runs) {
        if (!r.db().equals(db)) {
          continue;
        }
        if (r.get("system").equals("rappel")) {
          rappel = r;
        }
        long missed = Math.round(r.num("jobs") - r.num("fired"));
        System.out.printf(fmt, r.get("system"), r.get("fired") + "/" + r.get("jobs"), r.get("p50"), r.get("p99"),
            r.get("max"), r.get("min"), r.get("early"), missed, r.get("duplicates"), r.get("rate"));
      }
      if (rappel != null) {
        System.out.println("Ratios Rappel/peer (lateness: below 1 means Rappel is better; rate: above 1 means Rappel drains faster):");
        for (Run r : runs) {
          if (r.db().equals(db) && r != rappel) {
            System.out.printf(Locale.ROOT, "  vs %-12s p50 %.3f  p99 %.3f  max %.3f  rate %.2f   (peer p99 / Rappel p99 = %.1fx)%n",
                r.get("system"), ratio(rappel, r, "p50"), ratio(rappel, r, "p99"), ratio(rappel, r, "max"),
                ratio(rappel, r, "rate"), 1 / ratio(rappel, r, "p99"));
          }
        }
      }
    }
    if (args.length > 2) {
      plot(runs, Path.of(args[1]), args[2]);
    }
  }

  static double ratio(Run a, Run b, String k) {
    double x = Math.max(1, a.num(k));
    double y = Math.max(1, b.num(k));
    return x / y;
  }

  static void plot(List<Run> runs, Path csvDir, String png) throws IOException {
    XYChart chart = new XYChartBuilder().width(1000).height(600)
        .title("Burst of jobs due at one instant: share fired by lateness (= time after T)")
        .xAxisTitle("lateness (ms, log scale)").yAxisTitle("share of the burst fired (%)").build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    for (Run r : runs) {
      Path csv = csvDir.resolve(r.get("system") + "-" + r.db() + ".csv");
      if (!Files.exists(csv)) {
        continue;
      }
      List<Long> late = new ArrayList<>();
      for (String line : Files.readAllLines(csv)) {
        String[] f = line.split(",");
        if (f.length == 2 && !f[1].startsWith("l")) {
          late.add(Long.parseLong(f[1]));
        }
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
