package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.PublishChannel;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.ServerMessage.KickedOut;
import dev.parley.protocol.ServerMessage.Push;
import dev.parley.protocol.ServerMessage.ResumeAccepted;
import dev.parley.protocol.ServerMessage.StreamUpdate;
import dev.parley.protocol.ServerMessage.UserUpdate;
import dev.parley.protocol.StreamInfo;
import dev.parley.protocol.UpdateType;
import dev.parley.protocol.UserInfo;
import dev.parley.testing.RawClient;
import dev.parley.testing.RawClients;
import dev.parley.testing.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Presence over the wire with the short timings of {@link TestServers} (heartbeat 250 ms,
 * presence timeout 2 s): silent clients are removed, dropped clients resume within the timeout
 * without anyone noticing, and resumes after it are refused.
 */
class PresenceTest {
    private static final Duration HEARTBEAT = Duration.ofMillis(250);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Generous: the sweep runs every 200 ms, and a loaded machine may be slow. */
    private static final Duration REMOVAL_WAIT = TIMEOUT.plusSeconds(3);

    private ParleyServer server;
    private final RawClients clients = new RawClients();

    private void start(UnaryOperator<ServerConfig.Builder> customize) {
        server = clients.start(customize);
    }

    @AfterEach
    void stop() {
        clients.close();
    }

    private RawClient client() {
        return clients.connect(server);
    }

    /** A member that heartbeats like a live engine. */
    private RawClient live(String roomId, String userId) {
        RawClient c = client();
        c.login(roomId, userId, true);
        c.startHeartbeats(HEARTBEAT);
        return c;
    }

    private static boolean about(UserUpdate u, UpdateType type, String userId) {
        return u.updateType() == type && u.users().stream().anyMatch(x -> x.userId().equals(userId));
    }

    private static boolean about(StreamUpdate u, UpdateType type, String streamId) {
        return u.updateType() == type && u.streams().stream().anyMatch(s -> s.streamId().equals(streamId));
    }

    @Test
    void silentClientIsRemovedAfterThePresenceTimeout() {
        start(UnaryOperator.identity());
        RawClient watcher = live("room", "watcher");
        RawClient silent = client();
        silent.login("room", "silent", true);
        silent.ok(id -> new ClientMessage.Publish(id, "silent-cam", PublishChannel.MAIN, "", true, true));
        long lastHeard = System.currentTimeMillis();
        // from here on the silent client sends nothing, but its socket stays open

        UserUpdate left = watcher.awaitPush(UserUpdate.class, u -> about(u, UpdateType.DELETE, "silent"), REMOVAL_WAIT);
        StreamUpdate ended = watcher.awaitPush(StreamUpdate.class, u -> about(u, UpdateType.DELETE, "silent-cam"));
        assertTrue(left.seq() < ended.seq(), "user DELETE first, then the stream DELETE");
        long removedAfter = watcher.arrivalMillis(left) - lastHeard;
        assertTrue(removedAfter >= TIMEOUT.toMillis() - 100, "removed too early, after " + removedAfter + " ms");

        KickedOut kicked = silent.awaitPush(KickedOut.class, k -> true);
        assertEquals(ErrorCode.ROOM_HEARTBEAT_TIMEOUT.code(), kicked.code());
        assertEquals(SessionLifecycle.CLOSE_SESSION_ENDED, silent.awaitClose());

        watcher.assertNone(KickedOut.class, k -> true);
        assertEquals(new ServerStats(1, 1, 0, 1), server.stats());
    }

    /**
     * Ten users fall silent 100 ms apart, so that their deadlines fall all over a second: each
     * must leave within half a second of the timeout after its last message, not at the next tick
     * of a once-a-second sweep.
     */
    @Test
    void silentUsersLeaveWithinHalfASecondOfTheTimeoutAfterTheirLastMessage() {
        Duration timeout = Duration.ofSeconds(8);
        start(b -> b.heartbeatInterval(Duration.ofSeconds(1)).presenceTimeout(timeout));
        RawClient watcher = live("room", "watcher");
        List<RawClient> silent = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RawClient c = client();
            c.login("room", "silent-" + i, false);
            silent.add(c);
        }
        long[] lastSent = new long[silent.size()];
        for (int i = 0; i < silent.size(); i++) {
            if (i > 0) {
                long due = lastSent[0] + 100L * i;
                org.awaitility.Awaitility.await().pollInterval(Duration.ofMillis(5)).until(() -> System.currentTimeMillis() >= due);
            }
            lastSent[i] = System.currentTimeMillis();
            silent.get(i).ok(ClientMessage.Heartbeat::new);
        }
        for (int i = 0; i < silent.size(); i++) {
            String userId = "silent-" + i;
            UserUpdate left = watcher.awaitPush(UserUpdate.class, u -> about(u, UpdateType.DELETE, userId),
                    timeout.plusSeconds(5));
            long after = watcher.arrivalMillis(left) - lastSent[i];
            assertTrue(after >= timeout.toMillis(), userId + " left " + after + " ms after its last message");
            assertTrue(after <= timeout.toMillis() + 500, userId + " left " + after + " ms after its last message, more than "
                    + timeout.toMillis() + " + 500");
        }
    }

    @Test
    void droppedClientResumesWithinTheTimeoutUnnoticedAndGetsWhatItMissed() {
        start(UnaryOperator.identity());
        RawClient watcher = live("room", "watcher");
        RawClient third = live("room", "third");
        RawClient roamer = client();
        roamer.login("room", "roamer", true);
        roamer.ok(id -> new ClientMessage.Publish(id, "roam-cam", PublishChannel.MAIN, "", true, true));
        roamer.barrier();
        String sessionId = roamer.sessionId();
        long lastSeq = roamer.lastSeq();

        roamer.dropAbruptly();
        watcher.ok(id -> new ClientMessage.SendBroadcast(id, "while you were away"));
        watcher.ok(id -> new ClientMessage.SendCustomCommand(id, List.of("roamer"), "psst"));
        watcher.ok(id -> new ClientMessage.SendCustomCommand(id, List.of("third"), "not for the roamer"));
        third.ok(id -> new ClientMessage.SetRoomExtraInfo(id, "topic", "news"));

        RawClient back = client();
        ServerMessage.Reply reply = back.request(id -> new ClientMessage.Resume(id, sessionId, lastSeq));
        ResumeAccepted resumed = (ResumeAccepted) reply;
        List<Push> missed = resumed.missed();
        assertEquals(List.of("BroadcastReceived", "CustomCommandReceived", "RoomExtraInfoUpdate"),
                missed.stream().map(p -> p.getClass().getSimpleName()).toList(), missed::toString);
        assertEquals("while you were away", ((ServerMessage.BroadcastReceived) missed.get(0)).message());
        assertEquals("psst", ((ServerMessage.CustomCommandReceived) missed.get(1)).command());
        long previous = lastSeq;
        for (Push p : missed) {
            assertTrue(p.seq() > previous, "missed pushes come in order, after lastSeq");
            previous = p.seq();
        }

        // nobody saw the roamer leave or come back
        for (RawClient other : List.of(watcher, third)) {
            other.assertNone(UserUpdate.class, u -> about(u, UpdateType.DELETE, "roamer"));
            other.assertNone(StreamUpdate.class, u -> about(u, UpdateType.DELETE, "roam-cam"));
            assertEquals(1, other.all(UserUpdate.class).stream().filter(u -> about(u, UpdateType.ADD, "roamer")).count());
            assertEquals(1, other.all(StreamUpdate.class).stream().filter(u -> about(u, UpdateType.ADD, "roam-cam")).count());
        }

        // the resumed session works as before: same user, same stream, new pushes
        back.ok(id -> new ClientMessage.SendBroadcast(id, "I am back"));
        ServerMessage.BroadcastReceived got = watcher.awaitPush(ServerMessage.BroadcastReceived.class,
                b -> b.message().equals("I am back"));
        assertEquals(new UserInfo("roamer", "roamer-name"), got.fromUser());
        back.ok(id -> new ClientMessage.SetStreamExtraInfo(id, "roam-cam", "still mine"));
        third.ok(id -> new ClientMessage.SendBroadcast(id, "welcome back"));
        back.awaitPush(ServerMessage.BroadcastReceived.class, b -> b.message().equals("welcome back"));
        back.expectError(ErrorCode.ROOM_ALREADY_LOGGED_IN, id -> back.loginRequest(id, "room", "roamer", true));
        assertEquals(new ServerStats(1, 3, 1, 3), server.stats());
    }

    @Test
    void resumeOnASecondConnectionWhileTheFirstIsOpenMovesTheSession() {
        start(b -> b.presenceTimeout(Duration.ofSeconds(30)));
        RawClient watcher = client();
        watcher.login("room", "watcher", true);
        RawClient first = client();
        first.login("room", "mover", true);
        RawClient second = client();
        second.request(id -> new ClientMessage.Resume(id, first.sessionId(), first.lastSeq()));
        assertEquals(SessionLifecycle.CLOSE_SESSION_ENDED, first.awaitClose());
        second.ok(id -> new ClientMessage.SendBroadcast(id, "moved"));
        watcher.awaitPush(ServerMessage.BroadcastReceived.class, b -> b.message().equals("moved"));
        watcher.assertNone(UserUpdate.class, u -> about(u, UpdateType.DELETE, "mover"));
        assertEquals(new ServerStats(1, 2, 0, 2), server.stats());
    }

    @Test
    void resumeAfterTheTimeoutIsRefusedAndAFreshLoginWorks() {
        start(UnaryOperator.identity());
        RawClient watcher = live("room", "watcher");
        RawClient roamer = client();
        roamer.login("room", "roamer", true);
        roamer.ok(id -> new ClientMessage.Publish(id, "roam-cam", PublishChannel.MAIN, "", true, true));
        roamer.barrier();
        String sessionId = roamer.sessionId();
        long lastSeq = roamer.lastSeq();
        roamer.dropAbruptly();

        UserUpdate left = watcher.awaitPush(UserUpdate.class, u -> about(u, UpdateType.DELETE, "roamer"), REMOVAL_WAIT);
        StreamUpdate ended = watcher.awaitPush(StreamUpdate.class, u -> about(u, UpdateType.DELETE, "roam-cam"));
        assertTrue(left.seq() < ended.seq());

        RawClient late = client();
        late.expectError(ErrorCode.ROOM_SESSION_EXPIRED, id -> new ClientMessage.Resume(id, sessionId, lastSeq));
        late.login("room", "roamer", true);
        watcher.awaitPush(UserUpdate.class, u -> about(u, UpdateType.ADD, "roamer") && u.seq() > left.seq());
        assertEquals(new ServerStats(1, 2, 0, 2), server.stats());
    }

    @Test
    void takeoverThatCannotCarryAStreamOverTellsTheRoomItEnded() {
        start(b -> b.presenceTimeout(Duration.ofSeconds(30)));
        RawClient watcher = client();
        watcher.login("room", "watcher", true);
        RawClient first = client();
        first.login("room", "roamer", true);
        first.ok(id -> new ClientMessage.Publish(id, "roam-cam", PublishChannel.MAIN, "", true, true));
        watcher.awaitPush(StreamUpdate.class, u -> about(u, UpdateType.ADD, "roam-cam"));
        first.dropAbruptly();

        // back with a token that no longer grants publishing, re-registering the stream
        String token = new dev.parley.server.token.TokenMinter(TestServers.APP_ID, TestServers.SERVER_SECRET)
                .mint("roamer", "room", false, null, Duration.ofMinutes(5));
        RawClient back = client();
        ServerMessage.LoginAccepted accepted = back.accepted(back.request(id -> new ClientMessage.Login(id,
                dev.parley.protocol.MessageCodec.PROTOCOL_VERSION, TestServers.APP_ID, "room",
                new UserInfo("roamer", "roamer-name"), true, 0, token, null,
                List.of(new StreamInfo("roam-cam", new UserInfo("roamer", "roamer-name"), PublishChannel.MAIN, "", true,
                        true)))));
        assertTrue(accepted.streams().isEmpty());
        watcher.awaitPush(StreamUpdate.class, u -> about(u, UpdateType.DELETE, "roam-cam"));
        watcher.assertNone(UserUpdate.class, u -> about(u, UpdateType.DELETE, "roamer"));
        assertEquals(new ServerStats(1, 2, 0, 2), server.stats());
    }

    @Test
    void resumeBeyondTheRoomHistoryIsRefusedAndALoginTakesTheSessionOver() {
        start(b -> b.presenceTimeout(Duration.ofSeconds(30)).historySize(16));
        RawClient watcher = client();
        watcher.login("room", "watcher", true);
        RawClient roamer = client();
        roamer.login("room", "roamer", true);
        roamer.ok(id -> new ClientMessage.Publish(id, "roam-cam", PublishChannel.MAIN, "", true, true));
        roamer.barrier();
        String sessionId = roamer.sessionId();
        long lastSeq = roamer.lastSeq();
        roamer.dropAbruptly();
        for (int i = 0; i < 20; i++) {
            String value = "v" + i;
            watcher.ok(id -> new ClientMessage.SetRoomExtraInfo(id, "k", value));
        }
        RawClient back = client();
        back.expectError(ErrorCode.ROOM_SESSION_EXPIRED, id -> new ClientMessage.Resume(id, sessionId, lastSeq));

        // logging in again with the stream re-registered takes the held session over seamlessly
        ServerMessage.LoginAccepted accepted = back.accepted(back.request(id -> {
            ClientMessage.Login l = back.loginRequest(id, "room", "roamer", true);
            return new ClientMessage.Login(id, l.protocolVersion(), l.appId(), l.roomId(), l.user(), true, 0, null,
                    l.proof(), List.of(new StreamInfo("roam-cam", l.user(), PublishChannel.MAIN, "", true, true)));
        }));
        assertEquals("v19", accepted.roomExtraInfo().get(0).value());
        watcher.assertNone(UserUpdate.class, u -> about(u, UpdateType.DELETE, "roamer"));
        watcher.assertNone(StreamUpdate.class, u -> about(u, UpdateType.DELETE, "roam-cam"));
        assertEquals(new ServerStats(1, 2, 1, 2), server.stats());
    }
}
