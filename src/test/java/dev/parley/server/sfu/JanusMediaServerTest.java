package dev.parley.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.TestPattern;
import dev.parley.testing.RawSfuPeer;
import dev.parley.testing.TestJanus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The media server layer on a real Janus, with bare webrtc-java peers and no engine: a published
 * test pattern reaches subscribers through Janus, and simulcast layers change what arrives.
 */
class JanusMediaServerTest {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();
    private static JanusProcess janus;
    private static MediaServer media;

    @BeforeAll
    static void start() throws Exception {
        TestJanus.assumeAvailable();
        janus = JanusProcess.start(TestJanus.config(), TIMER);
        media = MediaServer.janus(janus.endpoint(), TIMER, reason -> { }).get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (media != null) {
            media.close();
        }
        if (janus != null) {
            janus.stop();
        }
        TIMER.shutdownNow();
    }

    @Test
    void aPublishedPatternReachesTwoSubscribersThroughJanus() throws Exception {
        List<MediaEvent> publisherEvents = new CopyOnWriteArrayList<>();
        try (RawSfuPeer publisher = RawSfuPeer.open(); RawSfuPeer players = RawSfuPeer.open()) {
            publisher.publish(media, "room-a", "alice_main", 640, 360, 30, false, publisherEvents::add)
                    .get(10, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> publisherEvents.contains(new MediaEvent.Up()));
            RawSfuPeer.Subscription first = players.subscribe(media, "room-a", "alice_main", e -> { }).get(10, TimeUnit.SECONDS);
            RawSfuPeer.Subscription second = players.subscribe(media, "room-a", "alice_main", e -> { }).get(10, TimeUnit.SECONDS);
            for (RawSfuPeer.Subscription s : List.of(first, second)) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> s.received().frames() > 10);
                assertEquals(640, s.received().width());
                assertEquals(360, s.received().height());
                long counter = s.received().lastMarks().frameCounter();
                Awaitility.await().atMost(Duration.ofSeconds(5))
                        .until(() -> s.received().lastMarks().frameCounter() > counter + 10);
                long age = s.received().lastMarks().ageMillis(System.currentTimeMillis());
                assertTrue(age < 1000, "frames are " + age + " ms old");
            }
        }
    }

    @Test
    void simulcastLayersChangeTheReceivedSize() throws Exception {
        List<MediaEvent> publisherEvents = new CopyOnWriteArrayList<>();
        try (RawSfuPeer publisher = RawSfuPeer.open(); RawSfuPeer player = RawSfuPeer.open()) {
            publisher.publish(media, "room-b", "bob_main", 1280, 720, 30, true, publisherEvents::add).get(10, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> publisherEvents.contains(new MediaEvent.Up()));
            RawSfuPeer.Subscription s = player.subscribe(media, "room-b", "bob_main", e -> { }).get(10, TimeUnit.SECONDS);
            for (int[] layer : new int[][] {{0, 320, 180}, {1, 640, 360}, {2, 1280, 720}, {0, 320, 180}}) {
                s.subscriber().layer(layer[0]);
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> s.received().width() == layer[1]);
                assertEquals(layer[2], s.received().height());
                TestPattern.Marks marks = s.received().lastMarks();
                Awaitility.await().atMost(Duration.ofSeconds(5))
                        .until(() -> s.received().lastMarks().frameCounter() > marks.frameCounter());
            }
        }
    }
}
