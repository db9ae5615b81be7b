package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.server.ParleyServer;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.TestServers;
import java.time.Duration;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** destroyEngine leaves no engine, callback or socket thread behind, and logs the user out. */
class DestroyTest {

    @Test
    void destroyReleasesEveryThreadAndSession() {
        try (ParleyServer server = TestServers.start()) {
            Set<String> before = Engines.threadNames();
            for (int round = 0; round < 5; round++) {
                EventRecorder a = new EventRecorder();
                EventRecorder b = new EventRecorder();
                ParleyEngine one = TestServers.engine(server, a);
                ParleyEngine two = TestServers.engine(server, b);
                one.loginRoom("r", new User("one"));
                two.loginRoom("r", new User("two"));
                a.awaitReason(RoomStateChangedReason.LOGINED);
                b.awaitReason(RoomStateChangedReason.LOGINED);
                one.startPublishingStream("s" + round);
                Engines.destroy(one, two);
            }
            // thread names carry unique numbers, so any thread of these engines is not in "before"
            Awaitility.await().atMost(Duration.ofSeconds(3)).alias("engine threads gone")
                    .until(() -> before.containsAll(Engines.threadNames()));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().sessions() == 0);
            assertEquals(0, server.stats().rooms());
            assertEquals(0, server.stats().streams());
        }
    }

    @Test
    void destroyDuringLoginStillCallsBack() {
        try (ParleyServer server = TestServers.start()) {
            EventRecorder a = new EventRecorder();
            ParleyEngine engine = TestServers.engine(server, a);
            engine.loginRoom("r", new User("hasty"));
            Engines.destroy(engine);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().sessions() == 0);
        }
    }
}
