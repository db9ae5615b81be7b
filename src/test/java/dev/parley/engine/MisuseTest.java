package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.server.ParleyServer;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.RoomStateChanged;
import dev.parley.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Misuse throws at once with a clear message; everything later arrives as an error code. */
class MisuseTest {
    private final ParleyServer server = TestServers.start();
    private final EventRecorder events = new EventRecorder();
    private final ParleyEngine engine = TestServers.engine(server, events);

    @AfterEach
    void tearDown() {
        Engines.destroy(engine);
        server.close();
    }

    @Test
    void invalidArgumentsThrowIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> engine.loginRoom("r", null));
        assertThrows(IllegalArgumentException.class, () -> new User(null));
        assertThrows(IllegalArgumentException.class, () -> engine.sendBroadcastMessage(null, "hi", null));
        assertThrows(IllegalArgumentException.class, () -> engine.setRoomExtraInfo("", "k", "v", null));
        assertThrows(IllegalArgumentException.class, () -> engine.loginRoom("", new User("u")));
        assertThrows(IllegalArgumentException.class, () -> engine.loginRoom("x".repeat(129), new User("u")));
        assertThrows(IllegalArgumentException.class, () -> engine.loginRoom("r", new User("u".repeat(65))));
        assertThrows(IllegalArgumentException.class, () -> engine.loginRoom("r\n", new User("u")));
        IllegalArgumentException badStream = assertThrows(IllegalArgumentException.class,
                () -> engine.startPublishingStream("no spaces"));
        assertTrue(badStream.getMessage().contains("streamID"), badStream.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EngineProfile.builder(1, "http://x").build());
    }

    @Test
    void soundLevelAndPlaybackArgumentsOutOfRangeThrow() {
        assertThrows(IllegalArgumentException.class, () -> engine.startSoundLevelMonitor(99));
        assertThrows(IllegalArgumentException.class, () -> engine.startSoundLevelMonitor(3001));
        IllegalArgumentException loud = assertThrows(IllegalArgumentException.class, () -> engine.setPlayVolume("s1", 201));
        assertTrue(loud.getMessage().contains("volume"), loud.getMessage());
        assertThrows(IllegalArgumentException.class, () -> engine.setPlayVolume("s1", -1));
        IllegalArgumentException badStream = assertThrows(IllegalArgumentException.class,
                () -> engine.setPlayVolume("no spaces", 50));
        assertTrue(badStream.getMessage().contains("streamID"), badStream.getMessage());
        assertThrows(IllegalArgumentException.class, () -> engine.mutePlayStreamAudio(null, true));
        assertThrows(IllegalArgumentException.class, () -> engine.mutePlayStreamVideo("", true));
        // a stream not played (yet) is no misuse: the setting waits for it
        engine.setPlayVolume("not_here_yet", 0);
        engine.muteSpeaker(true);
        assertTrue(engine.isSpeakerMuted());
        engine.muteSpeaker(false);
        assertEquals(false, engine.isSpeakerMuted());
    }

    @Test
    void secondLoginThrowsUntilLogout() {
        engine.loginRoom("r", new User("u"));
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> engine.loginRoom("r2", new User("u")));
        assertTrue(twice.getMessage().contains("logoutRoom"), twice.getMessage());
        events.awaitReason(RoomStateChangedReason.LOGINED);
        engine.logoutRoom();
        engine.loginRoom("r2", new User("u"));
        events.await(RoomStateChanged.class, e -> e.roomID().equals("r2") && e.reason() == RoomStateChangedReason.LOGINED);
    }

    @Test
    void logoutOfAnotherRoomFails() {
        engine.loginRoom("r", new User("u"));
        events.awaitReason(RoomStateChangedReason.LOGINED);
        engine.logoutRoom("elsewhere");
        RoomStateChanged failed = events.awaitReason(RoomStateChangedReason.LOGOUT_FAILED);
        assertEquals("elsewhere", failed.roomID());
        assertEquals(ErrorCode.ROOM_NOT_LOGGED_IN_TO_ROOM.code(), failed.errorCode());
    }

    @Test
    void callsAfterDestroyThrowIllegalState() {
        Engines.destroy(engine);
        assertThrows(IllegalStateException.class, () -> engine.loginRoom("r", new User("u")));
        assertThrows(IllegalStateException.class, () -> engine.startPublishingStream("s"));
        assertThrows(IllegalStateException.class, () -> engine.destroyEngine(null));
        assertThrows(IllegalStateException.class, () -> engine.startSoundLevelMonitor());
        assertThrows(IllegalStateException.class, () -> engine.setPlayVolume("s1", 100));
        assertThrows(IllegalStateException.class, () -> engine.muteSpeaker(true));
    }

    @Test
    void publishingOutsideARoomIsAnErrorCode() {
        engine.startPublishingStream("s1");
        EventRecorder.PublisherStateUpdate update = events.await(EventRecorder.PublisherStateUpdate.class, p -> true);
        assertEquals(PublisherState.NO_PUBLISH, update.state());
        assertEquals(ErrorCode.PUBLISHER_NOT_IN_ROOM.code(), update.errorCode());
    }

    @Test
    void unreachableServerFailsTheLogin() throws Exception {
        int freePort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        EventRecorder r = new EventRecorder();
        ParleyEngine lonely = ParleyEngine.createEngine(TestServers.profile("ws://127.0.0.1:" + freePort).build(), r);
        try {
            lonely.loginRoom("r", new User("u"));
            RoomStateChanged failed = r.awaitReason(RoomStateChangedReason.LOGIN_FAILED);
            assertEquals(ErrorCode.ENGINE_SERVER_UNREACHABLE.code(), failed.errorCode());
        } finally {
            Engines.destroy(lonely);
        }
    }
}
