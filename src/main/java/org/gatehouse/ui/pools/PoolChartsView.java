package org.gatehouse.ui.pools;

import atlantafx.base.theme.Styles;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.gatehouse.policy.ChartSet;

/**
 * The Pools screen's charts: utilisation per tier of one subnet with the warning and critical
 * lines, lease activity per hour, queue length and time to decision, for 1 h / 24 h / 7 d / 30 d.
 * Hovering a chart shows the values under the pointer; an empty cache shows what will fill it.
 */
public final class PoolChartsView extends VBox {
    private final PoolChartsViewModel model;
    private final ZoneId zone;
    private final HoverChart utilization = new HoverChart("chart-utilization", "Pool use, % of each tier", "%");
    private final HoverChart activity = new HoverChart("chart-activity", "New devices, expiries and releases per hour", "/h");
    private final HoverChart renewals = new HoverChart("chart-renewals", "Renewals per hour", "/h");
    private final HoverChart queue = new HoverChart("chart-queue", "Devices waiting for a decision", "");
    private final HoverChart decisions = new HoverChart("chart-decisions", "Wait before approve or deny, minutes", " min");
    private final ComboBox<Long> subnets = new ComboBox<>();
    private final Label empty = new Label("No history yet: every refresh of this screen and every sync pass adds a sample,"
            + " so the charts fill from here on.");
    private final Label summary = new Label();
    private final VBox charts;

    private final org.gatehouse.ui.dialog.DialogService dialogs;
    private final String site;

    public PoolChartsView(PoolChartsViewModel model, ZoneId zone) {
        this(model, zone, null, "");
    }

    /** {@code dialogs} null: no Export button. {@code site} names the site in exported reports. */
    public PoolChartsView(PoolChartsViewModel model, ZoneId zone, org.gatehouse.ui.dialog.DialogService dialogs, String site) {
        super(8);
        this.model = model;
        this.zone = zone;
        this.dialogs = dialogs;
        this.site = site == null ? "" : site;
        setId("pool-charts");
        setPadding(new Insets(8, 4, 4, 4));
        empty.setId("pool-charts-empty");
        empty.setWrapText(true);
        empty.getStyleClass().addAll(Styles.TITLE_4, Styles.TEXT_MUTED);
        summary.setId("pool-decision-summary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(12);
        grid.add(utilization, 0, 0, 2, 1);
        grid.add(activity, 0, 1);
        grid.add(renewals, 1, 1);
        grid.add(queue, 0, 2);
        grid.add(decisions, 1, 2);
        for (HoverChart c : List.of(utilization, activity, renewals, queue, decisions)) {
            GridPane.setHgrow(c, Priority.ALWAYS);
        }
        charts = new VBox(6, grid, summary);
        charts.setId("pool-charts-body");
        ScrollPane scroll = new ScrollPane(new VBox(8, empty, charts));
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(toolbar(), scroll);
        model.chartsProperty().addListener((o, a, b) -> show(b));
        show(model.chartsProperty().get());
    }

    private Node toolbar() {
        ToggleGroup group = new ToggleGroup();
        HBox ranges = new HBox(0);
        for (ChartSet.Range r : ChartSet.Range.values()) {
            ToggleButton b = new ToggleButton(r.label());
            b.setId("pool-range-" + r.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(group);
            b.setSelected(r == model.rangeProperty().get());
            b.setOnAction(e -> {
                b.setSelected(true);
                model.rangeProperty().set(r);
            });
            ranges.getChildren().add(b);
        }
        // The period may also change from outside (a test, a later keyboard shortcut): the buttons follow it.
        model.rangeProperty().addListener((o, a, r) -> group.getToggles().forEach(t ->
                t.setSelected(((ToggleButton) t).getId().equals("pool-range-" + r.name().toLowerCase(Locale.ROOT)))));
        ranges.getStyleClass().add("segmented");
        subnets.setId("pool-chart-subnet");
        subnets.setPromptText("subnet");
        subnets.setConverter(new StringConverter<>() {
            @Override
            public String toString(Long id) {
                return id == null ? "" : "Subnet " + id;
            }

            @Override
            public Long fromString(String s) {
                return null;
            }
        });
        subnets.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.subnetProperty().set(b);
            }
        });
        Label age = new Label();
        age.setId("pool-charts-age");
        age.getStyleClass().add(Styles.TEXT_MUTED);
        age.textProperty().bind(model.ageProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, ranges, subnets, spacer, age);
        if (dialogs != null) {
            javafx.scene.control.Button export = new javafx.scene.control.Button("Export report…",
                    new org.kordamp.ikonli.javafx.FontIcon(org.kordamp.ikonli.feather.Feather.DOWNLOAD));
            export.setId("pool-export");
            export.setOnAction(e -> export());
            bar.getChildren().add(export);
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** Asks where, then writes the chosen period's report (HTML, JSON or CSV by the name) off the FX thread. */
    private void export() {
        String name = "gatehouse-report-" + java.time.LocalDate.now(zone) + ".html";
        dialogs.chooseFileToSave("Export report", name, List.of(new org.gatehouse.ui.dialog.DialogService.FileKind("HTML", "*.html"),
                new org.gatehouse.ui.dialog.DialogService.FileKind("JSON", "*.json"),
                new org.gatehouse.ui.dialog.DialogService.FileKind("CSV", "*.csv"))).ifPresent(file -> model.export(file, site,
                written -> dialogs.report(org.gatehouse.ui.dialog.DialogService.Level.INFO, "pool-export-result", "Report",
                        "Report written", written.toString()),
                e -> dialogs.report(org.gatehouse.ui.dialog.DialogService.Level.ERROR, "pool-export-result", "Report",
                        "The report could not be written", e.getMessage())));
    }

    /** Puts a computed chart set on screen: a few hundred points per line, no symbols, no animation. */
    void show(ChartSet c) {
        boolean none = c == null || c.empty();
        empty.setVisible(none && c != null);
        empty.setManaged(none && c != null);
        charts.setVisible(!none);
        charts.setManaged(!none);
        if (c == null) {
            return;
        }
        if (!subnets.getItems().equals(c.subnets())) {
            subnets.getItems().setAll(c.subnets());
        }
        subnets.setValue(c.subnetId());
        long span = c.to().toEpochMilli() - c.from().toEpochMilli();
        utilization.show(c.utilization(), c.from(), c.to(), span, 100, new double[] {80, 95});
        // Renewals outnumber everything else by far (a 60 s lease renews every 30 s): they get a chart of their own.
        activity.show(c.activity().stream().filter(a -> !a.name().equals("renewals")).toList(), c.from(), c.to(), span, 0, new double[0]);
        renewals.show(c.activity().stream().filter(a -> a.name().equals("renewals")).toList(), c.from(), c.to(), span, 0, new double[0]);
        queue.show(List.of(c.queue()), c.from(), c.to(), span, 0, new double[0]);
        decisions.show(c.decisions(), c.from(), c.to(), span, 0, new double[0]);
        summary.setText(String.format(Locale.ROOT, "%d decisions in this period; waited %s min (median), %s min (p90)",
                c.summary().count(), num(c.summary().medianMinutes()), num(c.summary().p90Minutes())));
    }

    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A themed line chart with a hover line of values; threshold lines are dashed series of their own. */
    final class HoverChart extends VBox {
        private final NumberAxis x = new NumberAxis();
        private final NumberAxis y = new NumberAxis();
        private final LineChart<Number, Number> chart = new LineChart<>(x, y);
        private final Label hover = new Label(" ");
        private final String unit;
        private List<ChartSet.Series> shown = List.of();
        private String pattern;

        HoverChart(String id, String title, String unit) {
            super(2);
            this.unit = unit;
            setId(id);
            chart.setId(id + "-chart");
            chart.setTitle(title);
            chart.setAnimated(false);
            chart.setCreateSymbols(false);
            chart.setMinHeight(200);
            chart.setPrefHeight(240);
            x.setForceZeroInRange(false);
            x.setAutoRanging(false);
            x.setMinorTickVisible(false);
            hover.setId(id + "-hover");
            hover.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            chart.setOnMouseMoved(e -> hoverAt(x.getValueForDisplay(x.sceneToLocal(e.getSceneX(), e.getSceneY()).getX()).doubleValue()));
            chart.setOnMouseExited(e -> hover.setText(" "));
            getChildren().addAll(chart, hover);
            getStyleClass().add("pool-chart");
        }

        void show(List<ChartSet.Series> series, Instant from, Instant to, long span, double yMax, double[] marks) {
            shown = series;
            x.setLowerBound(from.toEpochMilli());
            x.setUpperBound(to.toEpochMilli());
            x.setTickUnit(Math.max(60_000, span / 6.0));
            String pattern = span > 86_400_000L * 1.5 ? "MM-dd HH:mm" : "HH:mm";
            if (!pattern.equals(this.pattern)) { // a new formatter rebuilds every tick label: only when the period's kind changes
                this.pattern = pattern;
                DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern).withZone(zone);
                x.setTickLabelFormatter(new StringConverter<>() {
                    @Override
                    public String toString(Number n) {
                        return f.format(Instant.ofEpochMilli(n.longValue()));
                    }

                    @Override
                    public Number fromString(String s) {
                        return 0;
                    }
                });
            }
            // A fixed y range (the data's rounded-up maximum) spares the axis a new set of ticks on most updates.
            double top = yMax > 0 ? yMax : niceCeiling(series.stream().mapToDouble(ChartSet.Series::max).max().orElse(0));
            y.setAutoRanging(false);
            y.setLowerBound(0);
            if (y.getUpperBound() != top) {
                y.setUpperBound(top);
                y.setTickUnit(top / 5);
            }
            List<String> names = new java.util.ArrayList<>();
            List<List<XYChart.Data<Number, Number>>> data = new java.util.ArrayList<>();
            for (ChartSet.Series s : series) {
                names.add(s.name());
                List<XYChart.Data<Number, Number>> points = new java.util.ArrayList<>(s.size());
                for (int i = 0; i < s.size(); i++) {
                    points.add(new XYChart.Data<>(s.x()[i], s.y()[i]));
                }
                data.add(points);
            }
            for (double m : marks) {
                names.add(num(m) + " %");
                data.add(List.of(new XYChart.Data<>(from.toEpochMilli(), m), new XYChart.Data<>(to.toEpochMilli(), m)));
            }
            // The same lines as before (the usual minute's update): new points into the existing series, no new nodes.
            boolean same = chart.getData().size() == names.size();
            for (int i = 0; same && i < names.size(); i++) {
                same = names.get(i).equals(chart.getData().get(i).getName());
            }
            if (same) {
                for (int i = 0; i < names.size(); i++) {
                    chart.getData().get(i).getData().setAll(data.get(i));
                }
                return;
            }
            List<XYChart.Series<Number, Number>> all = new java.util.ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                XYChart.Series<Number, Number> fx = new XYChart.Series<>();
                fx.setName(names.get(i));
                fx.getData().setAll(data.get(i));
                all.add(fx);
            }
            chart.getData().setAll(all);
            for (int i = series.size(); i < all.size(); i++) {
                Node line = all.get(i).getNode();
                if (line != null) {
                    line.getStyleClass().add(marks[i - series.size()] >= 95 ? "threshold-critical" : "threshold-warning");
                }
            }
        }

        /** The values of every line at the point nearest to {@code at}. */
        void hoverAt(double at) {
            StringBuilder sb = new StringBuilder();
            for (ChartSet.Series s : shown) {
                int i = nearest(s.x(), at);
                if (i < 0) {
                    continue;
                }
                if (sb.length() == 0) {
                    sb.append(DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(zone).format(Instant.ofEpochMilli((long) s.x()[i])))
                            .append(" · ");
                } else {
                    sb.append(", ");
                }
                sb.append(s.name()).append(' ').append(num(s.y()[i])).append(unit);
            }
            hover.setText(sb.length() == 0 ? " " : sb.toString());
        }

        String hoverText() {
            return hover.getText();
        }

        LineChart<Number, Number> chart() {
            return chart;
        }
    }

    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static int nearest(double[] xs, double at) {
        if (xs.length == 0) {
            return -1;
        }
        int i = java.util.Arrays.binarySearch(xs, at);
        if (i >= 0) {
            return i;
        }
        int ins = -i - 1;
        if (ins == 0) {
            return 0;
        }
        if (ins >= xs.length) {
            return xs.length - 1;
        }
        return at - xs[ins - 1] <= xs[ins] - at ? ins - 1 : ins;
    }
}
