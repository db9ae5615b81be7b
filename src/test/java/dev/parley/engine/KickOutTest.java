package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.server.ParleyServer;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import dev.parley.testing.EventRecorder.RoomStateChanged;
import dev.parley.testing.EventRecorder.RoomStateUpdate;
import dev.parley.testing.TestServers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A second login with the same userID ends the first session with KICK_OUT; queryRoomUsers says so beforehand. */
class KickOutTest {
    private final ParleyServer server = TestServers.start();
    private ParleyEngine first;
    private ParleyEngine second;
    private ParleyEngine observer;

    @AfterEach
    void tearDown() {
        Engines.destroy(first, second, observer);
        server.close();
    }

    @Test
    void duplicateUserIdKicksTheEarlierSession() {
        EventRecorder watcher = new EventRecorder();
        observer = TestServers.engine(server, watcher);
        observer.loginRoom("r", new User("watcher"));
        watcher.awaitReason(RoomStateChangedReason.LOGINED);

        EventRecorder one = new EventRecorder();
        first = TestServers.engine(server, one);
        first.loginRoom("r", new User("dup"));
        one.awaitReason(RoomStateChangedReason.LOGINED);
        first.startPublishingStream("dup-cam");
        watcher.await(EventRecorder.StreamUpdate.class, s -> s.type() == UpdateType.ADD && s.has("dup-cam"));

        EventRecorder two = new EventRecorder();
        second = TestServers.engine(server, two);
        second.loginRoom("r", new User("dup"));
        two.awaitReason(RoomStateChangedReason.LOGINED);

        RoomStateChanged kicked = one.await(RoomStateChanged.class,
                e -> e.reason() == RoomStateChangedReason.KICK_OUT, Duration.ofSeconds(5));
        assertEquals(ErrorCode.ROOM_KICKED_OUT.code(), kicked.errorCode());
        one.await(RoomStateUpdate.class, s -> s.state() == RoomState.DISCONNECTED);
        one.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.NO_PUBLISH
                && p.errorCode() == ErrorCode.ROOM_KICKED_OUT.code());
        watcher.await(EventRecorder.StreamUpdate.class, s -> s.type() == UpdateType.DELETE && s.has("dup-cam"));

        // the kicked engine may log in again (which in turn kicks the other)
        first.loginRoom("r", new User("dup"));
        one.awaitThat(r -> r.count(e -> e instanceof RoomStateChanged c && c.reason() == RoomStateChangedReason.LOGINED) == 2,
                Duration.ofSeconds(10), "logged in again");
        two.await(RoomStateChanged.class, e -> e.reason() == RoomStateChangedReason.KICK_OUT);
    }

    /** What {@code queryRoomUsers} answered: code, users, whether the asked ID is in use, and the callback's thread. */
    private record Answer(int code, List<String> userIDs, boolean inUse, String thread) {
    }

    private static Answer query(ParleyEngine engine, String roomID, String userID) throws Exception {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        engine.queryRoomUsers(roomID, userID, (code, ids, inUse) ->
                answer.complete(new Answer(code, ids, inUse, Thread.currentThread().getName())));
        return answer.get(10, TimeUnit.SECONDS);
    }

    @Test
    void queryRoomUsersSaysWhoIsInTheRoomBeforeALoginWouldKickThemOut() throws Exception {
        EventRecorder one = new EventRecorder();
        first = TestServers.engine(server, one);
        first.loginRoom("r", new User("dup"));
        one.awaitReason(RoomStateChangedReason.LOGINED);

        EventRecorder two = new EventRecorder();
        second = TestServers.engine(server, two);
        Answer taken = query(second, "r", "dup");
        assertEquals(new Answer(0, List.of("dup"), true, taken.thread()), taken);
        assertTrue(taken.thread().startsWith("parley-callback-"), taken.thread());
        Answer free = query(second, "r", "dup-2");
        assertEquals(List.of("dup"), free.userIDs());
        assertFalse(free.inUse());
        Answer elsewhere = query(second, "other-room", "dup");
        assertEquals(List.of(), elsewhere.userIDs());
        assertTrue(elsewhere.inUse(), "dup is logged in to another room of the app");

        // asking changed nothing: the first session is still there, and nobody saw anyone come or go
        assertEquals(1, server.stats().sessions());
        assertTrue(one.all(RoomStateChanged.class).stream()
                .noneMatch(e -> e.reason() == RoomStateChangedReason.KICK_OUT));
        assertTrue(one.all(EventRecorder.UserUpdate.class).isEmpty());

        ParleyEngine wrongSign = ParleyEngine.createEngine(TestServers.profile(server.url()).appSign("wrong").build(),
                new EventRecorder());
        try {
            assertEquals(ErrorCode.ROOM_AUTH_FAILED.code(), query(wrongSign, "r", "dup").code());
        } finally {
            Engines.destroy(wrongSign);
        }
        observer = ParleyEngine.createEngine(TestServers.profile("ws://127.0.0.1:1").build(), new EventRecorder());
        assertEquals(ErrorCode.ENGINE_SERVER_UNREACHABLE.code(), query(observer, "r", "dup").code());
    }

    @Test
    void destroyAnswersALookupStillUnderWayAndLeavesNoSocket() throws Exception {
        Set<String> before = Engines.threadNames();
        // a server that accepts the connection and never says anything
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            ParleyEngine engine = ParleyEngine.createEngine(
                    TestServers.profile("ws://127.0.0.1:" + silent.getLocalPort()).build(), new EventRecorder());
            CompletableFuture<Integer> code = new CompletableFuture<>();
            engine.queryRoomUsers("r", "dup", (c, ids, inUse) -> code.complete(c));
            Socket accepted = silent.accept();
            Engines.destroy(engine);
            accepted.close();
            assertEquals(ErrorCode.ENGINE_DESTROYED.code(), code.get(5, TimeUnit.SECONDS));
        }
        Awaitility.await("engine threads gone").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Set<String> left = new TreeSet<>(Engines.threadNames());
            left.removeAll(before);
            assertTrue(left.isEmpty(), "engine threads left: " + left);
        });
    }
}
