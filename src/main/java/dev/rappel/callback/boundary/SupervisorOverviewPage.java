package dev.rappel.callback.boundary;

import dev.rappel.platform.entity.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.primefaces.model.charts.ChartData;
import org.primefaces.model.charts.bar.BarChartDataSet;
import org.primefaces.model.charts.bar.BarChartModel;
import org.primefaces.model.charts.bar.BarChartOptions;

/**
 * The top of the supervisor's console: the supervisor sees how many callbacks are in each state,
 * how many are due in the next hour, and a chart of those due in each of the next 24 hours.
 */
@Named("supervisorOverview")
@ViewScoped
public class SupervisorOverviewPage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

  @Inject CallbackLists lists;

  @Inject Caller caller;

  @Inject Clock clock;

  private List<StateCount> byState = List.of();
  private long dueNextHour;
  private long dueNext24Hours;
  private long ownershipsEnding;
  private BarChartModel chart;

  public record StateCount(String state, long count) implements Serializable {}

  @PostConstruct
  void init() {
    refresh();
  }

  /**
   * Reads the overview again; the filters and every change call it, so the counts follow what the
   * supervisor just did.
   */
  public void refresh() {
    ZoneId zone = clock.getZone();
    CallbackLists.Summary summary = lists.summary(zone, caller);
    byState =
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
    BarChartModel model = new BarChartModel();
    model.setData(data);
    model.setOptions(options);
    chart = model;
    dueNextHour = summary.dueNextHour();
    dueNext24Hours = total;
    ownershipsEnding = lists.ownershipsEnding(caller);
  }

  /** Owned callbacks whose ownership ends within their queue's alert window. */
  public long getOwnershipsEnding() {
    return ownershipsEnding;
  }

  public List<StateCount> getByState() {
    return byState;
  }

  public long getDueNextHour() {
    return dueNextHour;
  }

  public long getDueNext24Hours() {
    return dueNext24Hours;
  }

  public BarChartModel getChart() {
    return chart;
  }
}
