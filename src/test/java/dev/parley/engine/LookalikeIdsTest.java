package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.server.ParleyServer;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.CustomCommandReceived;
import dev.parley.testing.EventRecorder.RoomStateChanged;
import dev.parley.testing.EventRecorder.UserUpdate;
import dev.parley.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IDs that look alike, through real engines: the engine takes room and user IDs in NFC, so the two
 * spellings of "josé" are one user and the two spellings of "café" one room, and it refuses IDs
 * and names with invisible, direction-changing or broken characters before anything is sent.
 */
class LookalikeIdsTest {
    private static final String JOSE_NFC = "jos\u00e9";
    private static final String JOSE_NFD = "jose\u0301";
    private static final String CAFE_NFC = "caf\u00e9";
    private static final String CAFE_NFD = "cafe\u0301";

    private final ParleyServer server = TestServers.start();
    private final List<ParleyEngine> engines = new ArrayList<>();

    @AfterEach
    void tearDown() {
        Engines.destroy(engines.toArray(ParleyEngine[]::new));
        server.close();
    }

    private ParleyEngine engine(EventRecorder events) {
        ParleyEngine engine = TestServers.engine(server, events);
        engines.add(engine);
        return engine;
    }

    private ParleyEngine joined(String roomId, String userId, EventRecorder events) {
        ParleyEngine engine = engine(events);
        engine.loginRoom(roomId, new User(userId), new RoomConfig(0, true, null));
        events.awaitReason(RoomStateChangedReason.LOGINED);
        return engine;
    }

    @Test
    void bothSpellingsAreOneRoomAndOneUserWhoseSecondLoginKicksTheFirst() throws Exception {
        EventRecorder annEvents = new EventRecorder();
        ParleyEngine ann = joined(CAFE_NFC, "ann", annEvents);
        EventRecorder composedEvents = new EventRecorder();
        joined(CAFE_NFD, JOSE_NFC, composedEvents);
        annEvents.awaitThat(r -> r.usersPresent().equals(Set.of(JOSE_NFC)), Duration.ofSeconds(10), "ann sees josé");
        // the decomposed room ID was taken as the composed one: callbacks carry the server's spelling
        assertEquals(CAFE_NFC, composedEvents.awaitReason(RoomStateChangedReason.LOGINED).roomID());

        EventRecorder decomposedEvents = new EventRecorder();
        ParleyEngine decomposed = joined(CAFE_NFC, JOSE_NFD, decomposedEvents);
        RoomStateChanged kicked = composedEvents.awaitReason(RoomStateChangedReason.KICK_OUT);
        assertEquals(ErrorCode.ROOM_KICKED_OUT.code(), kicked.errorCode());

        // ann's roster: one josé, in NFC, and never a second one
        CompletableFuture<Integer> sent = new CompletableFuture<>();
        decomposed.sendBroadcastMessage(CAFE_NFD, "one of me", (code, id) -> sent.complete(code));
        assertEquals(0, sent.get(10, TimeUnit.SECONDS), "the other spelling of the room is this room");
        annEvents.await(EventRecorder.BroadcastReceived.class, b -> b.messages().get(0).message().equals("one of me"));
        assertEquals(Set.of(JOSE_NFC), annEvents.usersPresent());
        for (UserUpdate update : annEvents.all(UserUpdate.class)) {
            assertTrue(update.users().stream().allMatch(u -> u.userID().equals(JOSE_NFC)), update.toString());
        }

        // ann addresses josé in the other spelling, and the command arrives
        CompletableFuture<Integer> commanded = new CompletableFuture<>();
        ann.sendCustomCommand(CAFE_NFD, "ping", List.of(new User(JOSE_NFD)), code -> commanded.complete(code));
        assertEquals(0, commanded.get(10, TimeUnit.SECONDS));
        CustomCommandReceived ping = decomposedEvents.await(CustomCommandReceived.class, c -> c.command().equals("ping"));
        assertEquals("ann", ping.fromUser().userID());
        assertEquals(CAFE_NFC, ping.roomID());

        decomposed.logoutRoom(CAFE_NFD);
        assertEquals(0, decomposedEvents.awaitReason(RoomStateChangedReason.LOGOUT).errorCode());
        annEvents.awaitThat(r -> r.usersPresent().isEmpty(), Duration.ofSeconds(10), "josé left");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202e", "\u200b", "\u200d", "\ufeff", "\u2028", "\ud800", "\udfff"})
    void idsAndNamesWithInvisibleOrBrokenCharactersAreRefusedBeforeAnythingIsSent(String c) {
        EventRecorder events = new EventRecorder();
        ParleyEngine engine = engine(events);
        assertRefused(ErrorCode.ROOM_ROOM_ID_FORBIDDEN_CHARACTER,
                () -> engine.loginRoom("room" + c, new User("alice")));
        assertRefused(ErrorCode.ROOM_USER_ID_FORBIDDEN_CHARACTER,
                () -> engine.loginRoom("room", new User("ali" + c + "ce")));
        if (!c.equals("\u200d")) { // a joiner between two letters is allowed in names
            assertRefused(ErrorCode.ROOM_USER_NAME_FORBIDDEN_CHARACTER,
                    () -> engine.loginRoom("room", new User("alice", "Ali" + c + "ce")));
        }
        assertRefused(ErrorCode.PUBLISHER_INVALID_STREAM_ID, () -> engine.startPublishingStream("cam" + c));
        assertRefused(ErrorCode.PLAYER_INVALID_STREAM_ID,
                () -> engine.startPlayingStream("cam" + c, new Canvas(new FrameCounterSink())));
        assertEquals(0, server.stats().connections(), "nothing reached the server");

        // the refusals left the engine able to log in
        engine.loginRoom("room", new User("alice"));
        events.awaitReason(RoomStateChangedReason.LOGINED);
    }

    private static void assertRefused(ErrorCode expected, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains("(" + expected.code() + ")"), e.getMessage());
    }
}
