package dev.parley.engine.internal.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.Canvas;
import dev.parley.engine.EngineProfile;
import dev.parley.engine.EventHandler;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.RoomConfig;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.Stream;
import dev.parley.engine.User;
import dev.parley.engine.internal.core.CallbackDispatcher;
import dev.parley.engine.internal.core.FakeScheduler;
import dev.parley.engine.internal.media.EngineMedia;
import dev.parley.engine.internal.media.RoomMedia;
import dev.parley.engine.internal.media.RoomPort;
import dev.parley.engine.internal.signaling.Connector;
import dev.parley.engine.internal.signaling.RequestIds;
import dev.parley.engine.internal.signaling.ServerConnection;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.IceServer;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.SignalKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A room session's timers in fake time, against a fake server: the reconnect backoff (jittered,
 * doubling to the cap) and its window, the backoff starting again after a resume, silent-server
 * detection by the heartbeat, the connect timeout, and the logout's wait for an answer.
 */
class RoomSessionTimingTest {
    private static final long CAP_MILLIS = 2000;
    private static final long WINDOW_MILLIS = 20_000;
    private static final long REQUEST_TIMEOUT_MILLIS = 5000;

    private final FakeScheduler loop = new FakeScheduler();
    private final FakeRoomServer server = new FakeRoomServer();
    private final List<long[]> stateTimes = new ArrayList<>();
    private final List<RoomStateChangedReason> states = new ArrayList<>();
    private final RoomSession session = new RoomSession(services(), "room", new User("me"), RoomConfig.defaults(), null,
            s -> { });

    private RoomServices services() {
        EngineProfile profile = EngineProfile.builder(1, "ws://127.0.0.1:9")
                .appSign("app-sign")
                .reconnectBackoffCap(Duration.ofMillis(CAP_MILLIS))
                .reconnectWindow(Duration.ofMillis(WINDOW_MILLIS))
                .requestTimeout(Duration.ofMillis(REQUEST_TIMEOUT_MILLIS))
                .build();
        EventHandler handler = new EventHandler() {
            @Override
            public void onRoomStateChanged(String roomID, RoomStateChangedReason reason, int errorCode, String data) {
                states.add(reason);
                stateTimes.add(new long[] {loop.elapsedMillis()});
            }
        };
        return new RoomServices(profile, loop, new CallbackDispatcher(Runnable::run, handler), server, new RequestIds(),
                new NoRoomMedia());
    }

    @Test
    void reconnectAttemptsBackOffWithJitterToTheCapAndEndAtTheWindow() {
        loggedIn(5000);
        long lostAt = loop.elapsedMillis();
        server.last().lose();
        assertEquals(RoomStateChangedReason.RECONNECTING, lastState());

        long previous = lostAt;
        int attempt = 0;
        while (states.get(states.size() - 1) != RoomStateChangedReason.RECONNECT_FAILED) {
            int opened = server.connections.size();
            while (server.connections.size() == opened && lastState() != RoomStateChangedReason.RECONNECT_FAILED) {
                loop.advance(Duration.ofMillis(1));
            }
            if (lastState() == RoomStateChangedReason.RECONNECT_FAILED) {
                break;
            }
            long at = loop.elapsedMillis();
            long base = Math.min(CAP_MILLIS, 250L << Math.min(attempt, 16));
            boolean lastOne = at == lostAt + WINDOW_MILLIS;
            assertTrue(lastOne || at - previous >= base / 2 && at - previous <= base,
                    "attempt " + attempt + " came " + (at - previous) + " ms after the last, not within [" + base / 2 + ", "
                            + base + "]");
            assertTrue(at <= lostAt + WINDOW_MILLIS, "no attempt after the window");
            server.last().lose(); // refused
            previous = at;
            attempt++;
        }
        assertEquals(lostAt + WINDOW_MILLIS, lastStateAt(), "RECONNECT_FAILED as the window ends");
        assertTrue(attempt >= WINDOW_MILLIS / CAP_MILLIS, "kept trying through the window: " + attempt);
        int attempts = server.connections.size();
        loop.advance(Duration.ofMinutes(5));
        assertEquals(attempts, server.connections.size(), "no attempt after RECONNECT_FAILED");
    }

    @Test
    void aResumedSessionBacksOffFromTheStartAgain() {
        loggedIn(5000);
        server.last().lose();
        for (int i = 0; i < 4; i++) { // the delays have grown to the cap
            awaitAttempt().lose();
        }
        long openedAt = loop.elapsedMillis();
        FakeRoomServer.Connection back = awaitAttempt();
        assertTrue(loop.elapsedMillis() - openedAt >= CAP_MILLIS / 2, "still at the cap before the resume");
        back.welcome();
        ClientMessage.Resume resume = back.sent(ClientMessage.Resume.class);
        assertNotNull(resume, "the session asks to resume, not to log in again");
        back.reply(new ServerMessage.ResumeAccepted(resume.id(), 0, List.of(), List.of()));
        assertEquals(RoomStateChangedReason.RECONNECTED, lastState());

        long lostAgain = loop.elapsedMillis();
        back.lose();
        awaitAttempt();
        long gap = loop.elapsedMillis() - lostAgain;
        assertTrue(gap >= 125 && gap <= 250, "the first delay again after a resume: " + gap);
    }

    @Test
    void aSilentServerIsLeftAtTheFirstHeartbeatAfterTwoIntervalsAndASecond() {
        FakeRoomServer.Connection connection = loggedIn(5000);
        loop.advance(Duration.ofMillis(14_999));
        assertFalse(connection.aborted, "heartbeats at 5 s and 10 s, the server still within 11 s");
        assertEquals(2, connection.all(ClientMessage.Heartbeat.class).size());
        loop.advance(Duration.ofMillis(1));
        assertTrue(connection.aborted, "the heartbeat at 15 s finds the server silent for over 11 s");
    }

    @Test
    void aServerThatAnswersIsNeverLeft() {
        FakeRoomServer.Connection connection = loggedIn(5000);
        for (int second = 0; second < 60; second++) {
            loop.advance(Duration.ofSeconds(1));
            for (ClientMessage.Heartbeat beat : connection.all(ClientMessage.Heartbeat.class)) {
                if (connection.answered.add(beat.id())) {
                    connection.reply(ServerMessage.Ack.ok(beat.id()));
                }
            }
        }
        assertFalse(connection.aborted);
        assertEquals(12, connection.all(ClientMessage.Heartbeat.class).size(), "one heartbeat every 5 s");
    }

    @Test
    void aServerThatNeverWelcomesIsAbandonedAfterTheRequestTimeout() {
        session.start();
        FakeRoomServer.Connection connection = server.last();
        loop.advance(Duration.ofMillis(REQUEST_TIMEOUT_MILLIS - 1));
        assertFalse(connection.aborted);
        loop.advance(Duration.ofMillis(1));
        assertTrue(connection.aborted);
        connection.lose();
        assertEquals(RoomStateChangedReason.LOGIN_FAILED, lastState());
    }

    @Test
    void aLogoutWaitsTwoSecondsForTheServerAtMost() {
        FakeRoomServer.Connection connection = loggedIn(5000);
        AtomicLong flushedAt = new AtomicLong(-1);
        long start = loop.elapsedMillis();
        session.logout(c -> flushedAt.set(loop.elapsedMillis()));
        assertEquals(RoomStateChangedReason.LOGOUT, lastState(), "LOGOUT is reported at once");
        assertNotNull(connection.sent(ClientMessage.Logout.class));
        loop.advance(Duration.ofMillis(RoomSession.LOGOUT_WAIT_MILLIS - 1));
        assertEquals(-1, flushedAt.get());
        assertFalse(connection.closedByClient);
        loop.advance(Duration.ofMillis(1));
        assertEquals(start + RoomSession.LOGOUT_WAIT_MILLIS, flushedAt.get());
        assertTrue(connection.closedByClient);
    }

    private FakeRoomServer.Connection loggedIn(long heartbeatMillis) {
        session.start();
        FakeRoomServer.Connection connection = server.last();
        connection.welcome();
        ClientMessage.Login login = connection.sent(ClientMessage.Login.class);
        assertNotNull(login, "the session logs in after the welcome");
        connection.reply(new ServerMessage.LoginAccepted(login.id(), 0, "session-1", "room", 0, List.of(), List.of(),
                List.of(), List.of(), heartbeatMillis, 15_000, 0, dev.parley.protocol.MediaMode.MESH));
        assertEquals(RoomStateChangedReason.LOGINED, lastState());
        return connection;
    }

    private FakeRoomServer.Connection awaitAttempt() {
        int opened = server.connections.size();
        long limit = loop.elapsedMillis() + WINDOW_MILLIS;
        while (server.connections.size() == opened) {
            assertTrue(loop.elapsedMillis() < limit, "no reconnect attempt");
            loop.advance(Duration.ofMillis(1));
        }
        return server.last();
    }

    private RoomStateChangedReason lastState() {
        return states.get(states.size() - 1);
    }

    private long lastStateAt() {
        return stateTimes.get(stateTimes.size() - 1)[0];
    }
}
