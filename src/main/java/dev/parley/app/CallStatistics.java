package dev.parley.app;

import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.PublishStreamQuality;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The call's statistics as the statistics panel shows them: one {@link StreamStatistics} per
 * stream this user publishes or plays, fed by the engine's quality reports (every 3 s), each with
 * the reports of the last {@link #HISTORY}. Published streams come first, then played ones, each
 * in the order their first reports came.
 *
 * <p>Threading: FX thread only, where the session receives the engine's callbacks; nothing here
 * blocks or needs the FX toolkit. Lifecycle: lives as long as the session; emptied when a call ends.
 */
public final class CallStatistics {
    /** How far back the history of each stream goes, counted from its last report. */
    public static final Duration HISTORY = Duration.ofSeconds(60);

    private final InstantSource clock;
    private final ObservableList<StreamStatistics> streams = FXCollections.observableArrayList();
    private final ObservableList<StreamStatistics> streamsView = FXCollections.unmodifiableObservableList(streams);
    private final Map<String, StreamStatistics> byID = new HashMap<>();

    /** @param clock stamps each report as it arrives */
    public CallStatistics(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A report of a stream this user plays; {@code name} is the stream's name as its tile shows it. */
    void played(String streamID, String name, PlayStreamQuality quality) {
        record(streamID, name, StreamStatistics.Direction.PLAYED, StreamReport.of(quality, clock.instant()));
    }

    /** A report of a stream this user publishes. */
    void published(String streamID, String name, PublishStreamQuality quality) {
        record(streamID, name, StreamStatistics.Direction.PUBLISHED, StreamReport.of(quality, clock.instant()));
    }

    /** The stream stopped: its row and history go. */
    void remove(String streamID) {
        StreamStatistics gone = byID.remove(streamID);
        if (gone != null) {
            streams.remove(gone);
        }
    }

    /** The call ended. */
    void clear() {
        byID.clear();
        streams.clear();
    }

    /** Every stream with a report, published ones first. */
    public ObservableList<StreamStatistics> streams() {
        return streamsView;
    }

    private void record(String streamID, String name, StreamStatistics.Direction direction, StreamReport report) {
        StreamStatistics known = byID.get(streamID);
        if (known != null && known.direction() == direction) {
            known.add(report, HISTORY);
            return;
        }
        remove(streamID);
        StreamStatistics made = new StreamStatistics(streamID, name, direction);
        // listed with its first report, so that a listed stream always has one
        made.add(report, HISTORY);
        byID.put(streamID, made);
        int at = streams.size();
        if (direction == StreamStatistics.Direction.PUBLISHED) {
            at = (int) streams.stream().filter(s -> s.direction() == StreamStatistics.Direction.PUBLISHED).count();
        }
        streams.add(at, made);
    }
}
