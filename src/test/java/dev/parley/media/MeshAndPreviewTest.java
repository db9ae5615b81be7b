package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.parley.engine.Canvas;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.PublisherState;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.Stream;
import dev.parley.engine.UpdateType;
import dev.parley.engine.User;
import dev.parley.engine.VideoConfig;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three engines that all publish and all play each other, as the call flow of docs/architecture.md
 * does; and the local preview.
 */
class MeshAndPreviewTest {
    @RegisterExtension
    final MediaRoom room = new MediaRoom();

    /** Plays every stream that is added, from onRoomStreamUpdate. */
    static final class AutoPlayer extends EventRecorder {
        final Map<String, FrameCounterSink> sinks = new ConcurrentHashMap<>();
        volatile ParleyEngine engine;

        @Override
        public void onRoomStreamUpdate(String roomID, UpdateType updateType, List<Stream> streams, String extendedData) {
            super.onRoomStreamUpdate(roomID, updateType, streams, extendedData);
            for (Stream s : streams) {
                if (updateType == UpdateType.ADD) {
                    FrameCounterSink sink = new FrameCounterSink();
                    sinks.put(s.streamID(), sink);
                    engine.startPlayingStream(s.streamID(), new Canvas(sink));
                } else {
                    engine.stopPlayingStream(s.streamID());
                }
            }
        }
    }

    @Test
    void threeEnginesAllPlayEachOther() {
        List<AutoPlayer> players = new ArrayList<>();
        for (String name : List.of("ann", "ben", "cat")) {
            AutoPlayer recorder = new AutoPlayer();
            ParleyEngine engine = room.engine(recorder);
            recorder.engine = engine;
            engine.setVideoConfig(new VideoConfig(320, 180, 15, 300));
            players.add(recorder);
            engine.loginRoom("mesh", new User(name));
            recorder.awaitReason(RoomStateChangedReason.LOGINED);
            engine.startPublishingStream(name + "-cam");
            recorder.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISHING);
        }
        AtomicInteger playing = new AtomicInteger();
        Awaitility.await("six players receive frames").atMost(Duration.ofSeconds(30)).until(() -> {
            int n = 0;
            for (AutoPlayer p : players) {
                for (FrameCounterSink sink : p.sinks.values()) {
                    if (sink.frames() >= 10 && sink.lastMarks() != null) {
                        n++;
                    }
                }
            }
            playing.set(n);
            return n == 6;
        });
        for (AutoPlayer p : players) {
            assertEquals(2, p.sinks.size());
            for (FrameCounterSink sink : p.sinks.values()) {
                assertEquals(320, sink.width());
                assertEquals(180, sink.height());
            }
        }
    }

    @Test
    void previewShowsTheLocalTestPattern() {
        AtomicInteger capturedFirst = new AtomicInteger();
        EventRecorder events = new EventRecorder() {
            @Override
            public void onPublisherCapturedVideoFirstFrame(PublishChannel channel) {
                capturedFirst.incrementAndGet();
            }
        };
        ParleyEngine engine = room.engine(events);
        engine.setVideoConfig(new VideoConfig(640, 360, 30, 600));
        FrameCounterSink preview = new FrameCounterSink();
        engine.startPreview(new Canvas(preview));
        Awaitility.await("preview frames").atMost(Duration.ofSeconds(10)).until(() -> preview.frames() >= 10);
        assertEquals(640, preview.width());
        assertNotNull(preview.lastMarks());
        long counter = preview.lastMarks().frameCounter();
        Awaitility.await("preview counter advances").atMost(Duration.ofSeconds(10))
                .until(() -> preview.lastMarks().frameCounter() > counter + 5);
        Awaitility.await("first captured frame reported").atMost(Duration.ofSeconds(5)).until(() -> capturedFirst.get() == 1);
        engine.stopPreview();
        // the RTC thread handles requests in order: once a new preview has frames, the stop is done
        FrameCounterSink second = new FrameCounterSink();
        engine.startPreview(new Canvas(second));
        Awaitility.await("second preview").atMost(Duration.ofSeconds(10)).until(() -> second.frames() >= 1);
        long stoppedAt = preview.frames();
        long secondAt = second.frames();
        Awaitility.await("more second-preview frames").atMost(Duration.ofSeconds(10)).until(() -> second.frames() >= secondAt + 10);
        assertEquals(stoppedAt, preview.frames(), "the stopped preview gets no more frames");
    }
}
