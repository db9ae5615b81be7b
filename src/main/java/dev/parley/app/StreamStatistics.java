package dev.parley.app;

import java.time.Duration;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The figures of one stream in the call: its last quality report and the reports of the last
 * {@link CallStatistics#HISTORY}, oldest first.
 *
 * <p>Threading: changes on the FX thread only. Lifecycle: made at the stream's first report, dropped
 * from {@link CallStatistics#streams()} when the stream stops or the call ends.
 */
public final class StreamStatistics {
    /** Whether this user sends the stream or receives it. */
    public enum Direction { PUBLISHED, PLAYED }

    private final String streamID;
    private final String name;
    private final Direction direction;
    private final ReadOnlyObjectWrapper<StreamReport> latest = new ReadOnlyObjectWrapper<>(this, "latest");
    private final ObservableList<StreamReport> history = FXCollections.observableArrayList();
    private final ObservableList<StreamReport> historyView = FXCollections.unmodifiableObservableList(history);

    StreamStatistics(String streamID, String name, Direction direction) {
        this.streamID = Objects.requireNonNull(streamID, "streamID");
        this.name = Objects.requireNonNull(name, "name");
        this.direction = Objects.requireNonNull(direction, "direction");
    }

    public String streamID() {
        return streamID;
    }

    /** Who the stream is of, as its tile names it: "Bob", "Bob (screen)", "Alice (you)". */
    public String name() {
        return name;
    }

    public Direction direction() {
        return direction;
    }

    /** The last report; never null once the stream is listed. */
    public ReadOnlyObjectProperty<StreamReport> latestProperty() {
        return latest.getReadOnlyProperty();
    }

    /** The reports that arrived within {@code window} of the last one, oldest first. */
    public ObservableList<StreamReport> history() {
        return historyView;
    }

    /** Adds {@code report} and drops the reports more than {@code window} older than it. */
    void add(StreamReport report, Duration window) {
        var oldest = report.at().minus(window);
        int stale = 0;
        while (stale < history.size() && history.get(stale).at().isBefore(oldest)) {
            stale++;
        }
        if (stale > 0) {
            history.remove(0, stale);
        }
        history.add(report);
        latest.set(report);
    }
}
