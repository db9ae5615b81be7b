package dev.parley.app.ui;

import dev.parley.app.CallStatistics;
import dev.parley.app.StreamReport;
import dev.parley.app.StreamStatistics;
import dev.parley.engine.CandidatePair;
import dev.parley.engine.CandidateType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The call statistics panel, over the call view: a table with a row per published and played
 * stream (codec, size, fps, bit rate, round-trip time, loss, jitter and how it is connected) and
 * line charts of bit rate, fps and loss of each stream over the last minute, all from
 * {@link CallStatistics}. While in a scene it follows every quality report; out of one (closed),
 * it does nothing. The window puts it over the call view and takes it away.
 *
 * <p>Threading: FX thread only. Lifecycle: one per window, shown as often as the user likes.
 */
final class CallStatisticsPanel extends StackPane {
    private static final String NONE = "\u2014";

    private final CallStatistics statistics;
    private final TableView<StreamStatistics> table = new TableView<>();
    private final List<StreamChart> charts = List.of(
            new StreamChart("chart-bitrate", "Bit rate (kbps)", StreamReport::kbps, 100),
            new StreamChart("chart-fps", "Frames per second", StreamReport::fps, 5),
            new StreamChart("chart-loss", "Packet loss (%)", r -> r.lossRate() * 100, 1));
    private final Button close = new Button("\u2715");

    /** @param onClose closes the panel: its close button */
    CallStatisticsPanel(CallStatistics statistics, Runnable onClose) {
        this.statistics = statistics;
        setId("call-statistics");
        getStyleClass().add("statistics-backdrop");

        Label title = new Label("Call statistics");
        title.getStyleClass().add("statistics-title");
        Label hint = new Label("Updated every 3 s \u00B7 Esc closes");
        hint.getStyleClass().add("form-hint");
        close.setId("close-statistics");
        close.getStyleClass().add("flat");
        close.setOnAction(e -> onClose.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, hint, spacer, close);
        header.setAlignment(Pos.CENTER_LEFT);

        table.setId("statistics-table");
        table.setPlaceholder(new Label("No quality reports yet: they come every 3 s."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("Stream", 150, StreamStatistics::name),
                column("Direction", 70, s -> s.direction() == StreamStatistics.Direction.PUBLISHED ? "sent" : "received"),
                column("Codec", 60, s -> codec(s.latestProperty().get().codec())),
                column("Size", 80, s -> size(latest(s))),
                column("FPS", 45, s -> String.format(Locale.ROOT, "%.0f", latest(s).fps())),
                column("Bit rate", 80, s -> String.format(Locale.ROOT, "%.0f kbps", latest(s).kbps())),
                column("RTT", 60, s -> latest(s).rttMillis() + " ms"),
                column("Loss", 60, s -> String.format(Locale.ROOT, "%.1f %%", latest(s).lossRate() * 100)),
                column("Jitter", 65, s -> latest(s).jitterMillis().isPresent()
                        ? String.format(Locale.ROOT, "%.1f ms", latest(s).jitterMillis().getAsDouble()) : NONE),
                column("Connection", 200, s -> connection(latest(s).candidatePairs()))));
        table.setItems(statistics.streams());
        table.setPrefHeight(150);
        table.setMinHeight(110);

        HBox chartRow = new HBox(8);
        for (StreamChart chart : charts) {
            HBox.setHgrow(chart.chart, Priority.ALWAYS);
            chartRow.getChildren().add(chart.chart);
        }
        VBox.setVgrow(chartRow, Priority.ALWAYS);

        VBox card = new VBox(10, header, table, chartRow);
        card.getStyleClass().add("statistics-card");
        card.setMaxSize(1120, 680);
        getChildren().add(card);

        InvalidationListener reported = o -> refresh();
        statistics.streams().addListener((ListChangeListener<StreamStatistics>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(s -> s.latestProperty().addListener(reported));
                c.getRemoved().forEach(s -> s.latestProperty().removeListener(reported));
            }
            refresh();
        });
        statistics.streams().forEach(s -> s.latestProperty().addListener(reported));
        // shown: the figures as they are now, and Escape and the keys go to the panel
        sceneProperty().addListener((obs, was, now) -> {
            if (now != null) {
                refresh();
                close.requestFocus();
            }
        });
    }

    private void refresh() {
        if (getScene() == null) {
            return;
        }
        table.refresh();
        Instant newest = statistics.streams().stream().map(StreamStatistics::latestProperty).map(p -> p.get().at())
                .max(Instant::compareTo).orElse(Instant.EPOCH);
        for (StreamChart chart : charts) {
            chart.show(statistics.streams(), newest);
        }
    }

    private static StreamReport latest(StreamStatistics s) {
        return s.latestProperty().get();
    }

    private static TableColumn<StreamStatistics, String> column(String title, double width,
                                                              Function<StreamStatistics, String> text) {
        TableColumn<StreamStatistics, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setReorderable(false);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())).getReadOnlyProperty());
        return column;
    }

    /** "VP8" for "video/VP8"; a dash while there is none. */
    static String codec(String mimeType) {
        if (mimeType.isEmpty()) {
            return NONE;
        }
        int slash = mimeType.indexOf('/');
        return slash < 0 ? mimeType : mimeType.substring(slash + 1);
    }

    static String size(StreamReport r) {
        return r.width() > 0 && r.height() > 0 ? r.width() + "x" + r.height() : NONE;
    }

    /**
     * How each connection of a stream goes, for example "direct (host \u2194 host)" or
     * "relayed over udp (relay \u2194 host)", this end first; several connections (one per player
     * of a published stream) separated by commas, each way said once.
     */
    static String connection(List<CandidatePair> pairs) {
        List<String> ways = new ArrayList<>();
        for (CandidatePair pair : pairs) {
            String way;
            if (pair.local() == CandidateType.UNKNOWN) {
                way = "connecting\u2026";
            } else {
                String ends = candidate(pair.local()) + " \u2194 " + candidate(pair.remote());
                String over = pair.relayProtocol().isEmpty() ? "" : " over " + pair.relayProtocol();
                way = pair.relayed() ? "relayed" + over + " (" + ends + ")" : "direct (" + ends + ")";
            }
            if (!ways.contains(way)) {
                ways.add(way);
            }
        }
        return ways.isEmpty() ? NONE : String.join(", ", ways);
    }

    /** ICE's own short names for candidate types, as WebRTC's statistics give them. */
    private static String candidate(CandidateType type) {
        return switch (type) {
            case HOST -> "host";
            case SERVER_REFLEXIVE -> "srflx";
            case PEER_REFLEXIVE -> "prflx";
            case RELAY -> "relay";
            case UNKNOWN -> "?";
        };
    }

    /** One line chart with a series per stream, named after it, over the last minute. */
    private static final class StreamChart {
        private final LineChart<Number, Number> chart;
        private final NumberAxis value = new NumberAxis();
        private final ToDoubleFunction<StreamReport> figure;
        private final double leastTop;
        private final Map<StreamStatistics, XYChart.Series<Number, Number>> series = new IdentityHashMap<>();

        /** @param leastTop the value axis goes at least this high, so that a flat line at 0 (no loss) has a scale */
        StreamChart(String id, String title, ToDoubleFunction<StreamReport> figure, double leastTop) {
            this.figure = figure;
            this.leastTop = leastTop;
            long seconds = CallStatistics.HISTORY.toSeconds();
            NumberAxis time = new NumberAxis("seconds", -seconds, 0, 15);
            time.setAutoRanging(false);
            value.setForceZeroInRange(true);
            chart = new LineChart<>(time, value);
            chart.setId(id);
            chart.setTitle(title);
            chart.setAnimated(false);
            chart.setCreateSymbols(true);
            chart.setMinSize(180, 160);
            chart.setPrefSize(360, 300);
            chart.getStyleClass().add("statistics-chart");
        }

        /** Shows the history of {@code streams}, at seconds before {@code newest}. */
        void show(List<StreamStatistics> streams, Instant newest) {
            series.keySet().retainAll(streams);
            ObservableList<XYChart.Series<Number, Number>> inOrder = FXCollections.observableArrayList();
            double top = 0;
            for (StreamStatistics s : streams) {
                XYChart.Series<Number, Number> line = series.computeIfAbsent(s, k -> {
                    XYChart.Series<Number, Number> made = new XYChart.Series<>();
                    made.setName(k.name());
                    return made;
                });
                List<XYChart.Data<Number, Number>> points = new ArrayList<>();
                for (StreamReport r : s.history()) {
                    double ago = Duration.between(newest, r.at()).toMillis() / 1000.0;
                    if (ago >= -CallStatistics.HISTORY.toSeconds()) {
                        double y = figure.applyAsDouble(r);
                        top = Math.max(top, y);
                        points.add(new XYChart.Data<>(ago, y));
                    }
                }
                line.getData().setAll(points);
                inOrder.add(line);
            }
            if (!chart.getData().equals(inOrder)) {
                chart.getData().setAll(inOrder);
            }
            value.setAutoRanging(top > leastTop);
            if (top <= leastTop) {
                value.setLowerBound(0);
                value.setUpperBound(leastTop);
                value.setTickUnit(leastTop / 4);
            }
        }
    }
}
