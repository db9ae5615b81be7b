package dev.parley.engine.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.EventHandler;
import dev.parley.engine.CandidatePair;
import dev.parley.engine.CandidateType;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.PlayerMediaEvent;
import dev.parley.engine.PublishStreamQuality;
import dev.parley.engine.QualityLevel;
import dev.parley.engine.internal.core.CallbackDispatcher;
import dev.parley.engine.internal.core.FakeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The quality timer and stall detection in fake time, from counters the test sets: reports every
 * 3 s with rates from the difference of two looks, network quality every 2 s, VIDEO_BREAK_OCCUR
 * after more than 500 ms without a frame and VIDEO_BREAK_RESUME when frames return, and the same
 * for audio packets between two looks 500 ms apart.
 */
class MediaQualityTest {
    private final FakeScheduler loop = new FakeScheduler();
    private final List<Timed<Object>> events = new ArrayList<>();
    private final AtomicLong captured = new AtomicLong();
    private final FakeLink toPlayer = new FakeLink("player");
    private final FakeLink fromPublisher = new FakeLink("publisher");
    private final MediaQuality.PlayMeter meter = new MediaQuality.PlayMeter("theirs", fromPublisher, loop);
    private final MediaQuality quality = new MediaQuality(loop, new CallbackDispatcher(Runnable::run, new Recorder()),
            captured::get, new MediaQuality.Streams() {
                @Override
                public List<String> publishedStreamIds() {
                    return List.of("mine");
                }

                @Override
                public List<? extends StatsSource> sendLinks(String streamId) {
                    return List.of(toPlayer);
                }

                @Override
                public List<MediaQuality.PlayMeter> playing() {
                    return List.of(meter);
                }
            });
    private boolean framesFlow = true;
    private boolean audioFlows = true;
    private long audioPackets;

    @Test
    void aVideoStallIsReportedAfterHalfASecondWithoutFramesAndItsEndAtTheNextFrame() {
        quality.start();
        run(Duration.ofSeconds(1));
        framesFlow = false;
        long lastFrame = lastFrameMillis();
        run(Duration.ofMillis(lastFrame + 500 - loop.elapsedMillis()));
        assertEquals(List.of(), events(PlayerMediaEvent.class), "500 ms without a frame is not a stall yet");
        run(Duration.ofMillis(100));
        Timed<PlayerMediaEvent> occur = only(PlayerMediaEvent.class);
        assertEquals(PlayerMediaEvent.VIDEO_BREAK_OCCUR, occur.event());
        assertTrue(occur.at() > lastFrame + 500 && occur.at() <= lastFrame + 600, "at the first look after 500 ms: " + occur);

        run(Duration.ofSeconds(2));
        assertEquals(1, events(PlayerMediaEvent.class).size(), "one event for one stall");
        framesFlow = true;
        long back = loop.elapsedMillis();
        run(Duration.ofMillis(100));
        Timed<PlayerMediaEvent> resume = events(PlayerMediaEvent.class).get(1);
        assertEquals(PlayerMediaEvent.VIDEO_BREAK_RESUME, resume.event());
        assertTrue(resume.at() <= back + 100, "at the next look: " + resume);
    }

    @Test
    void anAudioStallIsReportedWhenNoPacketArrivedBetweenTwoLooks() {
        quality.start();
        run(Duration.ofSeconds(2));
        assertEquals(List.of(), events(PlayerMediaEvent.class));
        audioFlows = false;
        long stopped = loop.elapsedMillis();
        run(Duration.ofSeconds(1));
        List<Timed<PlayerMediaEvent>> stall = events(PlayerMediaEvent.class);
        assertEquals(1, stall.size(), "one event: " + stall);
        assertEquals(PlayerMediaEvent.AUDIO_BREAK_OCCUR, stall.get(0).event());
        assertTrue(stall.get(0).at() > stopped && stall.get(0).at() <= stopped + 1000, "within a second: " + stall);
        audioFlows = true;
        long back = loop.elapsedMillis();
        run(Duration.ofSeconds(1));
        Timed<PlayerMediaEvent> resume = events(PlayerMediaEvent.class).get(1);
        assertEquals(PlayerMediaEvent.AUDIO_BREAK_RESUME, resume.event());
        assertTrue(resume.at() <= back + 1000, "within a second: " + resume);
    }

    @Test
    void qualityIsReportedEveryThreeSecondsWithRatesFromTwoLooks() {
        quality.start();
        run(Duration.ofMillis(2999));
        assertEquals(List.of(), events(PublishStreamQuality.class));
        assertEquals(List.of(), events(PlayStreamQuality.class));
        run(Duration.ofMillis(1));
        assertEquals(1, events(PublishStreamQuality.class).size());
        assertEquals(3000, events(PublishStreamQuality.class).get(0).at());
        PublishStreamQuality first = events(PublishStreamQuality.class).get(0).event();
        assertEquals(15.0, first.videoCaptureFPS(), 0.01, "45 frames captured in 3 s");
        assertEquals(0.0, first.videoKBPS(), "no earlier look to take a rate from");
        assertEquals(1, first.players());

        run(Duration.ofSeconds(3));
        List<Timed<PublishStreamQuality>> published = events(PublishStreamQuality.class);
        assertEquals(List.of(3000L, 6000L), published.stream().map(Timed::at).toList());
        PublishStreamQuality second = published.get(1).event();
        assertEquals(1000.0, second.videoKBPS(), 0.01, "125,000 bytes a second");
        assertEquals(15.0, second.videoEncodeFPS(), 0.01);
        assertEquals(640, second.width());
        assertEquals("video/VP8", second.videoCodec());
        assertEquals(20, second.rtt());
        assertEquals(QualityLevel.EXCELLENT, second.level());
        assertEquals(List.of(new CandidatePair(CandidateType.RELAY, CandidateType.HOST, "tcp")), second.candidatePairs(),
                "the pair of each send connection");

        List<Timed<PlayStreamQuality>> played = events(PlayStreamQuality.class);
        assertEquals(List.of(3000L, 6000L), played.stream().map(Timed::at).toList());
        assertEquals(15.0, played.get(1).event().videoRenderFPS(), 0.01, "45 frames to the canvas in 3 s");
        assertEquals(50.0, played.get(1).event().audioRecvFPS(), 0.01);
        assertEquals(new CandidatePair(CandidateType.HOST, CandidateType.RELAY, ""), played.get(1).event().candidatePair());
        assertTrue(played.get(1).event().candidatePair().relayed(), "the publisher's end is a relay");
    }

    @Test
    void networkQualityIsReportedEveryTwoSeconds() {
        quality.start();
        run(Duration.ofMillis(1999));
        assertEquals(List.of(), events(Network.class));
        run(Duration.ofMillis(1));
        assertEquals(List.of(new Network(null, QualityLevel.UNKNOWN, QualityLevel.UNKNOWN),
                new Network("publisher", QualityLevel.UNKNOWN, QualityLevel.UNKNOWN)),
                events(Network.class).stream().map(Timed::event).toList(), "nothing measured before the first report");
        run(Duration.ofSeconds(2));
        List<Timed<Network>> all = events(Network.class);
        assertEquals(List.of(2000L, 2000L, 4000L, 4000L), all.stream().map(Timed::at).toList());
        assertEquals(new Network(null, QualityLevel.EXCELLENT, QualityLevel.EXCELLENT), all.get(2).event(),
                "this client: its published and its played stream, as the report at 3 s found them");
        assertEquals(new Network("publisher", QualityLevel.EXCELLENT, QualityLevel.UNKNOWN), all.get(3).event());
    }

    @Test
    void nothingIsReportedOnceStopped() {
        quality.start();
        run(Duration.ofSeconds(1));
        quality.stop();
        framesFlow = false;
        run(Duration.ofSeconds(10));
        assertEquals(List.of(), events, "no timer runs after stop");
    }

    /** When the meter saw its last frame, in the scheduler's elapsed milliseconds. */
    private long lastFrameMillis() {
        return loop.elapsedMillis() - (loop.nanoTime() - meter.lastFrameNanos) / 1_000_000;
    }

    /** Lets {@code time} pass at 15 frames a second, with the counters moving while media flows. */
    private void run(Duration time) {
        long end = loop.elapsedMillis() + time.toMillis();
        while (loop.elapsedMillis() < end) {
            // the counters as they stand at the end of the next millisecond, which the timers then read
            long next = loop.elapsedMillis() + 1;
            if (next % 20 == 0 && audioFlows) {
                audioPackets++;
            }
            if (framesFlow && next * 15 / 1000 > (next - 1) * 15 / 1000) {
                captured.incrementAndGet();
                meter.frameRendered();
            }
            toPlayer.snapshot = snapshot(next, true);
            fromPublisher.snapshot = snapshot(next, false);
            loop.advance(Duration.ofMillis(1));
        }
    }

    /** Counters as the connection's stats would show them at {@code millis}, with media flowing from 0. */
    private StatsSnapshot snapshot(long millis, boolean sending) {
        double seconds = millis / 1000.0;
        return new StatsSnapshot(millis * 1000, 125_000 * seconds, 100 * seconds, 0, Math.floor(15 * seconds), 15, 15,
                0.020, 0, 0.001, 640, 360, "video/VP8", 4000 * seconds, audioPackets,
                sending ? new CandidatePair(CandidateType.RELAY, CandidateType.HOST, "tcp")
                        : new CandidatePair(CandidateType.HOST, CandidateType.RELAY, ""));
    }

    private <T> List<Timed<T>> events(Class<T> type) {
        List<Timed<T>> matching = new ArrayList<>();
        for (Timed<Object> e : events) {
            if (type.isInstance(e.event())) {
                matching.add(new Timed<>(e.at(), type.cast(e.event())));
            }
        }
        return matching;
    }

    private <T> Timed<T> only(Class<T> type) {
        List<Timed<T>> matching = events(type);
        assertEquals(1, matching.size(), "events: " + matching);
        return matching.get(0);
    }

    record Timed<T>(long at, T event) {
    }

    record Network(String userID, QualityLevel up, QualityLevel down) {
    }

    /** A connection whose counters are whatever the test last set. */
    private static final class FakeLink implements StatsSource {
        private final String remoteUserId;
        StatsSnapshot snapshot = StatsSnapshot.EMPTY;

        FakeLink(String remoteUserId) {
            this.remoteUserId = remoteUserId;
        }

        @Override
        public void stats(Consumer<StatsSnapshot> onSnapshot) {
            onSnapshot.accept(snapshot);
        }

        @Override
        public String remoteUserId() {
            return remoteUserId;
        }
    }

    private final class Recorder implements EventHandler {
        private void add(Object event) {
            events.add(new Timed<>(loop.elapsedMillis(), event));
        }

        @Override
        public void onPlayerMediaEvent(String streamID, PlayerMediaEvent event) {
            add(event);
        }

        @Override
        public void onPublisherQualityUpdate(String streamID, PublishStreamQuality quality) {
            add(quality);
        }

        @Override
        public void onPlayerQualityUpdate(String streamID, PlayStreamQuality quality) {
            add(quality);
        }

        @Override
        public void onNetworkQuality(String userID, QualityLevel upstream, QualityLevel downstream) {
            add(new Network(userID, upstream, downstream));
        }
    }
}
