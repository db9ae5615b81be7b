package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.server.ParleyServer;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every callback runs on the app's executor; engine calls are safe from many threads at once. */
class CallbackThreadingTest {
    private final ParleyServer server = TestServers.start();
    private final ExecutorService appThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-ui"));
    private ParleyEngine engine;
    private ParleyEngine other;

    @AfterEach
    void tearDown() {
        Engines.destroy(engine, other);
        appThread.shutdownNow();
        server.close();
    }

    @Test
    void allCallbacksRunOnTheProfileExecutor() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        EventRecorder events = new EventRecorder();
        engine = ParleyEngine.createEngine(TestServers.profile(server.url()).callbackExecutor(appThread).build(), events);
        CountDownLatch login = new CountDownLatch(1);
        engine.loginRoom("r", new User("u"), RoomConfig.defaults(), (code, data) -> {
            threads.add(Thread.currentThread().getName());
            login.countDown();
        });
        assertTrue(login.await(10, TimeUnit.SECONDS));
        CountDownLatch sent = new CountDownLatch(1);
        engine.sendBroadcastMessage("r", "hi", (code, id) -> {
            threads.add(Thread.currentThread().getName());
            sent.countDown();
        });
        assertTrue(sent.await(10, TimeUnit.SECONDS));
        events.awaitReason(RoomStateChangedReason.LOGINED);
        CountDownLatch destroyed = new CountDownLatch(1);
        engine.destroyEngine(() -> {
            threads.add(Thread.currentThread().getName());
            destroyed.countDown();
        });
        assertTrue(destroyed.await(10, TimeUnit.SECONDS));
        threads.addAll(events.threadNames());
        assertEquals(Set.of("app-ui"), threads);
    }

    @Test
    void callsFromManyThreadsAndAReplacedHandler() throws Exception {
        EventRecorder first = new EventRecorder();
        EventRecorder second = new EventRecorder();
        engine = TestServers.engine(server, first);
        engine.loginRoom("r", new User("u"));
        first.awaitReason(RoomStateChangedReason.LOGINED);
        engine.setEventHandler(second);

        EventRecorder watcher = new EventRecorder();
        other = TestServers.engine(server, watcher);
        other.loginRoom("r", new User("watcher"));
        second.await(EventRecorder.UserUpdate.class, u -> u.has("watcher"));
        assertEquals(0, first.all(EventRecorder.UserUpdate.class).size(), "the replaced handler hears nothing more");

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            calls.add(pool.submit(() -> engine.setRoomExtraInfo("r", "key" + n, "value" + n, null)));
        }
        for (var call : calls) {
            call.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        watcher.awaitThat(w -> w.all(EventRecorder.RoomExtraInfoUpdate.class).size() == 8, Duration.ofSeconds(10),
                "all eight updates arrive");
    }
}
