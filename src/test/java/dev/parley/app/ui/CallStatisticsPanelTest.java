package dev.parley.app.ui;

import static dev.parley.app.ui.WindowFixture.awaitFx;
import static dev.parley.app.ui.WindowFixture.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.app.CallPhase;
import dev.parley.app.JoinRequest;
import dev.parley.engine.Canvas;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayerState;
import dev.parley.engine.User;
import dev.parley.engine.VideoConfig;
import dev.parley.testing.EventRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The call statistics panel of the real window, in a call with another engine that publishes the
 * test pattern and plays this user's stream: what its table and charts show, read from the window.
 */
class CallStatisticsPanelTest {
    private static final Duration MEDIA = Duration.ofSeconds(30);
    @RegisterExtension
    final WindowRoom room = WindowRoom.startedBeforeEachTest();
    private ParleyEngine bob;

    @Test
    void theShortcutOpensARowPerStreamAndChartsThatGrowWithTheReports() {
        bobPublishes();
        WindowFixture.fxRun(() -> room.app().session.join(new JoinRequest(room.server().url(), "standup", "alice", "Alice")));
        awaitFx("in the call", MEDIA, () -> room.app().session.phaseProperty().get() == CallPhase.IN_CALL);
        awaitFx("playing Bob", MEDIA, () -> !room.app().session.playing().isEmpty()
                && room.app().session.playing().get(0).stateProperty().get() == PlayerState.PLAYING);
        FrameCounterSink aliceAtBob = new FrameCounterSink();
        bob.startPlayingStream(JoinRequest.streamIdFor("alice"), new Canvas(aliceAtBob));
        assertFalse(room.app().showing("call-statistics"));

        room.app().robot.press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
        assertTrue(room.app().showing("call-statistics"));

        awaitFx("Bob's row with his figures", MEDIA, () -> rowOf("Bob").filter(row ->
                row.get(1).equals("received")
                        && row.get(2).matches("VP8|VP9|H264|AV1")
                        && row.get(3).equals("640x360")
                        && row.get(4).matches("[1-9]\\d*")
                        && row.get(5).matches("[1-9]\\d* kbps")
                        && row.get(6).matches("\\d+ ms")
                        && row.get(7).matches("\\d+\\.\\d %")
                        && row.get(8).matches("\\d+\\.\\d ms")
                        && row.get(9).equals("direct (host \u2194 host)")).isPresent());
        awaitFx("Alice's own stream as sent, with figures once Bob plays it", MEDIA, () -> rowOf("Alice (you)").filter(row ->
                row.get(1).equals("sent")
                        && row.get(2).matches("VP8|VP9|H264|AV1")
                        && row.get(4).matches("[1-9]\\d*")
                        && row.get(5).matches("[1-9]\\d* kbps")
                        && row.get(8).equals("\u2014")
                        && row.get(9).startsWith("direct (")).isPresent());

        for (String chart : List.of("chart-bitrate", "chart-fps", "chart-loss")) {
            awaitFx(chart + " has Bob's points", MEDIA, () -> pointsShown(chart, "Bob") > 0);
            assertTrue(fx(() -> legend(chart).containsAll(List.of("Alice (you)", "Bob"))), () -> chart + ": " + fx(() -> legend(chart)));
        }
        int before = fx(() -> pointsShown("chart-fps", "Bob"));
        awaitFx("a point more at the next report", MEDIA, () -> pointsShown("chart-fps", "Bob") > before);
        assertTrue(fx(() -> lastValueShown("chart-fps", "Bob") > 0));
        assertTrue(fx(() -> lastValueShown("chart-bitrate", "Bob") > 0));

        room.app().robot.type(KeyCode.ESCAPE);
        assertFalse(room.app().showing("call-statistics"));
    }

    @Test
    void theViewMenuOpensThePanelAndItsButtonClosesIt() {
        WindowFixture.fxRun(() -> room.app().session.join(new JoinRequest(room.server().url(), "standup", "alice", "Alice")));
        awaitFx("in the call", MEDIA, () -> room.app().session.phaseProperty().get() == CallPhase.IN_CALL);
        room.app().robot.clickOn("#view-menu-button");
        // the entry says its shortcut
        room.app().robot.clickOn("Call statistics (Ctrl+I)");
        assertTrue(room.app().showing("call-statistics"));
        assertEquals("Call statistics", fx(() -> ((Label) room.app().node("call-statistics").lookup(".statistics-title")).getText()));
        room.app().robot.clickOn("#close-statistics");
        assertFalse(room.app().showing("call-statistics"));

        // the panel belongs to the call: End call closes it, and outside a call the shortcut does nothing
        room.app().robot.press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
        assertTrue(room.app().showing("call-statistics"));
        // the panel covers the call view; End call's shortcut still works
        room.app().robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.H).release(KeyCode.H, KeyCode.SHIFT, KeyCode.CONTROL);
        awaitFx("back at the join view", MEDIA, () -> room.app().session.phaseProperty().get() == CallPhase.IDLE);
        assertFalse(room.app().showing("call-statistics"));
        room.app().robot.press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
        assertFalse(room.app().showing("call-statistics"));
    }

    private void bobPublishes() {
        bob = room.publisher(new EventRecorder(), new User("bob", "Bob"),
                engine -> engine.setVideoConfig(new VideoConfig(640, 360, 15, 800)));
    }

    /** The cells the statistics table shows in the row whose first cell is {@code name}. FX thread. */
    private Optional<List<String>> rowOf(String name) {
        TableView<?> table = (TableView<?>) room.app().node("statistics-table");
        for (Node n : table.lookupAll(".table-row-cell")) {
            TableRow<?> row = (TableRow<?>) n;
            if (row.isEmpty() || row.getItem() == null) {
                continue;
            }
            List<TableCell<?, ?>> cells = new ArrayList<>();
            for (Node c : row.getChildrenUnmodifiable()) {
                if (c instanceof TableCell<?, ?> cell && cell.isVisible()) {
                    cells.add(cell);
                }
            }
            cells.sort(Comparator.comparingInt(c -> table.getColumns().indexOf(c.getTableColumn())));
            List<String> texts = cells.stream().map(c -> c.getText() == null ? "" : c.getText()).toList();
            if (texts.size() == table.getColumns().size() && texts.get(0).equals(name)) {
                return Optional.of(texts);
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private LineChart<Number, Number> chart(String id) {
        return (LineChart<Number, Number>) room.app().node(id);
    }

    /** The points of {@code series} the chart draws now, within its last minute. FX thread. */
    private int pointsShown(String chartID, String series) {
        return (int) seriesShown(chartID, series).map(s -> s.getData().stream()
                .filter(d -> d.getNode() != null && d.getNode().getScene() != null)
                .filter(d -> d.getXValue().doubleValue() >= -60 && d.getXValue().doubleValue() <= 0).count()).orElse(0L).longValue();
    }

    private double lastValueShown(String chartID, String series) {
        List<XYChart.Data<Number, Number>> data = seriesShown(chartID, series).orElseThrow().getData();
        return data.get(data.size() - 1).getYValue().doubleValue();
    }

    private Optional<XYChart.Series<Number, Number>> seriesShown(String chartID, String series) {
        return chart(chartID).getData().stream().filter(s -> series.equals(s.getName())).findFirst();
    }

    /** The names in the chart's legend. FX thread. */
    private List<String> legend(String chartID) {
        return chart(chartID).lookupAll(".chart-legend-item").stream().map(n -> ((Label) n).getText()).toList();
    }
}
