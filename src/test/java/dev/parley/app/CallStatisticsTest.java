package dev.parley.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.CandidatePair;
import dev.parley.engine.CandidateType;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.PublishStreamQuality;
import dev.parley.engine.QualityLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The statistics view model, without the FX toolkit: rows per stream and the rolling history of the last 60 s. */
class CallStatisticsTest {
    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    private static final CandidatePair HOST = new CandidatePair(CandidateType.HOST, CandidateType.HOST, "");
    private static final CandidatePair RELAY = new CandidatePair(CandidateType.RELAY, CandidateType.HOST, "udp");
    private Instant now = START;
    private final CallStatistics statistics = new CallStatistics(() -> now);

    private static PlayStreamQuality played(double fps, double videoKbps, double loss) {
        return new PlayStreamQuality(fps, fps, fps, videoKbps, 12, loss, 4.5, 640, 360, "video/VP8", 50, 32,
                QualityLevel.EXCELLENT, HOST);
    }

    private static PublishStreamQuality published(double fps) {
        return new PublishStreamQuality(fps, fps, fps, 700, 9, 0.01, 1280, 720, "video/H264", 2, 30,
                QualityLevel.GOOD, List.of(HOST, RELAY));
    }

    @Test
    void keepsOnlyTheReportsOfTheLastMinute() {
        // a report every 3 s for 90 s: 0, 3, ..., 90
        for (int second = 0; second <= 90; second += 3) {
            now = START.plusSeconds(second);
            statistics.played("bob-main", "Bob", played(second, 800, 0));
        }
        StreamStatistics bob = statistics.streams().get(0);
        List<StreamReport> history = bob.history();
        // 30 s to 90 s, both ends in
        assertEquals(21, history.size());
        assertEquals(START.plusSeconds(30), history.get(0).at());
        assertEquals(START.plusSeconds(90), history.get(history.size() - 1).at());
        assertEquals(30.0, history.get(0).fps());
        assertTrue(history.stream().allMatch(r -> !r.at().isBefore(START.plusSeconds(30))));
        assertEquals(history.get(history.size() - 1), bob.latestProperty().get());
    }

    @Test
    void aStreamThatWasSilentForAMinuteStartsItsHistoryAgain() {
        statistics.played("bob-main", "Bob", played(15, 800, 0));
        now = START.plusSeconds(3);
        statistics.played("bob-main", "Bob", played(15, 800, 0));
        now = START.plus(Duration.ofSeconds(64));
        statistics.played("bob-main", "Bob", played(12, 600, 0.02));
        List<StreamReport> history = statistics.streams().get(0).history();
        assertEquals(1, history.size());
        assertEquals(12.0, history.get(0).fps());
    }

    @Test
    void aRowPerStreamWithTheFiguresOfItsLastReport() {
        List<StreamReport> seenWhenListed = new java.util.ArrayList<>();
        statistics.streams().addListener((javafx.collections.ListChangeListener<StreamStatistics>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(s -> seenWhenListed.add(s.latestProperty().get()));
            }
        });
        statistics.played("bob-main", "Bob", played(15, 800, 0.05));
        statistics.published("alice_main", "Alice (you)", published(30));
        statistics.played("bob-screen", "Bob (screen)", played(10, 300, 0));

        assertEquals(List.of("Alice (you)", "Bob", "Bob (screen)"),
                statistics.streams().stream().map(StreamStatistics::name).toList());
        // a stream is listed with its first report already in
        assertEquals(3, seenWhenListed.size());
        assertTrue(seenWhenListed.stream().allMatch(java.util.Objects::nonNull));
        StreamStatistics alice = statistics.streams().get(0);
        assertEquals(StreamStatistics.Direction.PUBLISHED, alice.direction());
        StreamReport sent = alice.latestProperty().get();
        assertEquals("video/H264", sent.codec());
        assertEquals(1280, sent.width());
        assertEquals(30.0, sent.fps());
        assertEquals(730.0, sent.kbps());
        assertEquals(OptionalDouble.empty(), sent.jitterMillis());
        assertEquals(List.of(HOST, RELAY), sent.candidatePairs());

        StreamReport received = statistics.streams().get(1).latestProperty().get();
        assertEquals(StreamStatistics.Direction.PLAYED, statistics.streams().get(1).direction());
        assertEquals(832.0, received.kbps());
        assertEquals(0.05, received.lossRate());
        assertEquals(12, received.rttMillis());
        assertEquals(OptionalDouble.of(4.5), received.jitterMillis());
        assertEquals(List.of(HOST), received.candidatePairs());

        statistics.remove("bob-main");
        assertEquals(List.of("Alice (you)", "Bob (screen)"), statistics.streams().stream().map(StreamStatistics::name).toList());
        statistics.clear();
        assertTrue(statistics.streams().isEmpty());
    }
}
