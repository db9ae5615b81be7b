package dev.parley.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.Canvas;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.PlayerState;
import dev.parley.engine.PublisherState;
import dev.parley.engine.RemoteDeviceState;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.User;
import dev.parley.protocol.ErrorCode;
import dev.parley.server.ParleyServer;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import dev.parley.testing.EventRecorder.RemoteDevice;
import dev.parley.testing.Fx;
import dev.parley.testing.MediaNetwork;
import dev.parley.testing.TestServers;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The session's view-model logic with real engines and no window: only the FX thread is started. */
class CallSessionTest {
    private static final Duration MEDIA = Duration.ofSeconds(20);
    private ParleyServer server;
    private CallSession session;
    private ParleyEngine bob;
    private final EventRecorder bobEvents = new EventRecorder();

    @BeforeAll
    static void startFxThread() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void setUp() {
        MediaNetwork.require();
        server = TestServers.start();
        session = TestSessions.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        Engines.destroy(bob);
        if (session != null) {
            var closed = new java.util.concurrent.CountDownLatch(1);
            fx(() -> {
                session.close(closed::countDown);
                return null;
            });
            assertTrue(closed.await(10, TimeUnit.SECONDS));
        }
        if (server != null) {
            server.close();
        }
    }

    private static <T> T fx(Callable<T> task) {
        return Fx.call(task);
    }

    private static void awaitFx(String what, Callable<Boolean> condition) {
        Fx.await(what, MEDIA, condition);
    }

    private void join(String user) {
        fx(() -> {
            session.join(new JoinRequest(server.url(), "room", user, ""));
            return null;
        });
        awaitFx("publishing", () -> session.publisherStateProperty().get() == PublisherState.PUBLISHING);
    }

    private void bobPublishes() {
        bob = TestServers.engine(server, bobEvents);
        bob.loginRoom("room", new User("bob", "Bob"));
        bobEvents.awaitReason(RoomStateChangedReason.LOGINED);
        bob.startPublishingStream("bob-main");
        bobEvents.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISHING);
    }

    @Test
    void playsEveryStreamThatAppearsWithStateFramesAndQualityThenStopsItWhenItLeaves() {
        join("alice");
        bobPublishes();
        awaitFx("bob's stream played", () -> session.playing().size() == 1
                && session.playing().get(0).stateProperty().get() == PlayerState.PLAYING);
        RemoteStream remote = fx(() -> session.playing().get(0));
        assertEquals("Bob", remote.displayName());
        awaitFx("frames drawn", () -> remote.renderer().stats().drawn() > 10);
        awaitFx("a quality report", () -> remote.qualityProperty().get() != null);
        PlayStreamQuality quality = fx(() -> remote.qualityProperty().get());
        assertTrue(quality.width() > 0 && quality.videoRecvFPS() > 0, quality.toString());
        assertEquals(1, (int) fx(() -> session.users().size()));
        assertEquals(1, (int) fx(() -> session.roomStreams().size()));

        bob.stopPublishingStream();
        awaitFx("bob's stream stopped", () -> session.playing().isEmpty() && session.roomStreams().isEmpty());
        assertTrue(remote.renderer().isClosed());
        assertEquals(PlayerState.NO_PLAY, fx(() -> remote.stateProperty().get()));
    }

    @Test
    void streamsAlreadyInTheRoomArePlayedOnJoinAndMuteBeforeJoinHolds() {
        bobPublishes();
        fx(() -> {
            session.toggleMicrophone();
            return null;
        });
        join("alice");
        awaitFx("bob's earlier stream played", () -> session.playing().size() == 1
                && session.playing().get(0).renderer().stats().drawn() > 0);
        bob.startPlayingStream("alice_main", new Canvas(new FrameCounterSink()));
        bobEvents.await(RemoteDevice.class, d -> d.device().equals("microphone") && d.state() == RemoteDeviceState.MUTE, MEDIA);
        assertTrue(bobEvents.all(RemoteDevice.class).stream()
                .noneMatch(d -> d.device().equals("microphone") && d.state() == RemoteDeviceState.OPEN));
    }

    @Test
    void aTakenUserIdIsHeldBackUntilJoinAnyway() {
        bobPublishes();
        fx(() -> {
            session.join(new JoinRequest(server.url(), "room", "bob", "Bob too"));
            return null;
        });
        awaitFx("the join held back", () -> session.joinConflictProperty().get() != null
                && session.phaseProperty().get() == CallPhase.IDLE);
        JoinConflict conflict = fx(() -> session.joinConflictProperty().get());
        assertTrue(conflict.occupancy().inThisRoom());
        assertEquals("bob-2", conflict.occupancy().freeUserID());
        assertEquals("Someone is already in room as bob. Joining as bob ends their call.", conflict.message());
        assertEquals(1, server.stats().sessions(), "nobody logged in");
        assertTrue(bobEvents.all(EventRecorder.RoomStateChanged.class).stream()
                .noneMatch(e -> e.reason() == RoomStateChangedReason.KICK_OUT));

        fx(() -> {
            session.joinAnyway();
            return null;
        });
        awaitFx("in the call as bob", () -> session.phaseProperty().get() == CallPhase.IN_CALL
                && session.joinConflictProperty().get() == null);
        bobEvents.await(EventRecorder.RoomStateChanged.class, e -> e.reason() == RoomStateChangedReason.KICK_OUT, MEDIA);
    }

    @Test
    void participantsListThisUserFirstAndTheOthersAfter() {
        bobPublishes();
        join("alice");
        awaitFx("both listed", () -> session.participants().stream().map(User::userID).toList()
                .equals(java.util.List.of("alice", "bob")));
        assertEquals(1, (int) fx(() -> session.users().size()));
        fx(() -> {
            session.endCall();
            return null;
        });
        awaitFx("nobody listed after the call", () -> session.participants().isEmpty());
    }

    @Test
    void aLostConnectionShowsItsReasonUntilTheRoomIsBack() {
        join("alice");
        int port = server.port();
        server.close();
        awaitFx("the shutdown notice as the error", () -> session.lastErrorProperty().get() != null);
        CallError lost = fx(() -> session.lastErrorProperty().get());
        assertEquals(ErrorCode.ROOM_SERVER_SHUTDOWN.code(), lost.code());
        assertEquals("Connection lost: The room server is shutting down. Reconnecting\u2026 (1002020)", lost.describe());
        assertEquals(CallPhase.IN_CALL, fx(() -> session.phaseProperty().get()));

        server = TestServers.start(c -> c.port(port));
        awaitFx("the error gone once the room is back", () -> session.lastErrorProperty().get() == null
                && session.roomStateProperty().get() == dev.parley.engine.RoomState.CONNECTED);
    }

    @Test
    void anUnreachableServerEndsTheJoinWithItsCode() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        fx(() -> {
            session.join(new JoinRequest("ws://127.0.0.1:" + port, "room", "alice", ""));
            return null;
        });
        awaitFx("back to idle with an error", () -> session.phaseProperty().get() == CallPhase.IDLE
                && session.lastErrorProperty().get() != null);
        assertEquals(ErrorCode.ENGINE_SERVER_UNREACHABLE.code(), fx(() -> session.lastErrorProperty().get().code()));
    }

    @Test
    void screenSharingAndChatNeedACall() {
        fx(() -> {
            session.toggleScreenShare();
            session.sendChat("nobody hears this");
            return null;
        });
        assertTrue(fx(() -> !session.screenSharingProperty().get() && session.chat().isEmpty()
                && session.lastErrorProperty().get() == null));
    }
}
