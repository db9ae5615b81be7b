package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.server.ParleyServer;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.UserUpdate;
import dev.parley.testing.TcpProxy;
import dev.parley.testing.TestServers;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * logoutRoom followed at once by destroyEngine, as an app's "end call" does: the logout reaches
 * the server and the socket closes cleanly before destroy calls back, so the others see the user
 * leave at once, not after the presence timeout, and no socket thread is left.
 */
class LogoutThenDestroyTest {

    @Test
    void othersSeeTheUserLeaveAtOnceAndTheSocketIsClosed() throws Exception {
        // a presence timeout far beyond every await here: only a LOGOUT can make the user leave in time
        try (ParleyServer server = TestServers.start(c -> c.presenceTimeout(Duration.ofSeconds(60)));
             TcpProxy proxy = new TcpProxy(server.port())) {
            EventRecorder watcherEvents = new EventRecorder();
            ParleyEngine watcher = TestServers.engine(server, watcherEvents);
            try {
                watcher.loginRoom("r", new User("watcher"), new RoomConfig(0, true, null));
                watcherEvents.awaitReason(RoomStateChangedReason.LOGINED);
                Set<String> before = Engines.threadNames();
                for (int round = 0; round < 5; round++) {
                    String id = "leaver" + round;
                    EventRecorder events = new EventRecorder();
                    ParleyEngine leaver = ParleyEngine.createEngine(TestServers.profile(proxy.url()).build(), events);
                    leaver.loginRoom("r", new User(id));
                    events.awaitReason(RoomStateChangedReason.LOGINED);
                    watcherEvents.await(UserUpdate.class, u -> u.type() == UpdateType.ADD && u.has(id));

                    // the server's answer to the logout is held back until it has told the others
                    proxy.holdServerBytes();
                    leaver.logoutRoom();
                    CountDownLatch destroyed = new CountDownLatch(1);
                    leaver.destroyEngine(destroyed::countDown);
                    watcherEvents.await(UserUpdate.class, u -> u.type() == UpdateType.DELETE && u.has(id),
                            Duration.ofSeconds(10));
                    proxy.releaseServerBytes();

                    assertTrue(destroyed.await(10, TimeUnit.SECONDS), "destroy called back");
                    Awaitility.await("socket threads of " + id + " gone").atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                        Set<String> left = new TreeSet<>(Engines.threadNames());
                        left.removeAll(before);
                        assertTrue(left.isEmpty(), "threads left: " + left);
                    });
                }
            } finally {
                Engines.destroy(watcher);
            }
        }
    }
}
