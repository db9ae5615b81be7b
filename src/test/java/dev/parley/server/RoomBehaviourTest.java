package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.IceServer;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.PublishChannel;
import dev.parley.protocol.RoomExtraInfo;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.ServerMessage.KickedOut;
import dev.parley.protocol.ServerMessage.LoginAccepted;
import dev.parley.protocol.ServerMessage.StreamUpdate;
import dev.parley.protocol.ServerMessage.UserUpdate;
import dev.parley.protocol.SignalKind;
import dev.parley.protocol.StreamInfo;
import dev.parley.protocol.UpdateType;
import dev.parley.protocol.UserInfo;
import dev.parley.testing.RawClient;
import dev.parley.testing.RawClients;
import dev.parley.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Room semantics over the wire, with raw protocol clients against a real server. */
class RoomBehaviourTest {
    private ParleyServer server;
    private final RawClients clients = new RawClients();

    private ParleyServer server() {
        return server(UnaryOperator.identity());
    }

    private ParleyServer server(UnaryOperator<ServerConfig.Builder> customize) {
        server = clients.start(b -> customize.apply(b.presenceTimeout(Duration.ofSeconds(30))));
        return server;
    }

    @AfterEach
    void stop() {
        clients.close();
    }

    private RawClient client() {
        return clients.connect(server);
    }

    private RawClient in(String roomId, String userId, boolean notify) {
        RawClient c = client();
        c.login(roomId, userId, notify);
        return c;
    }

    private static void publish(RawClient c, String streamId) {
        publish(c, streamId, PublishChannel.MAIN);
    }

    private static void publish(RawClient c, String streamId, PublishChannel channel) {
        c.ok(id -> new ClientMessage.Publish(id, streamId, channel, "extra-" + streamId, true, false));
    }

    private static List<String> userIds(List<UserInfo> users) {
        return users.stream().map(UserInfo::userId).toList();
    }

    private static List<String> streamIds(List<StreamInfo> streams) {
        return streams.stream().map(StreamInfo::streamId).toList();
    }

    private static boolean about(UserUpdate u, UpdateType type, String userId) {
        return u.updateType() == type && userIds(u.users()).contains(userId);
    }

    private static boolean about(StreamUpdate u, UpdateType type, String streamId) {
        return u.updateType() == type && streamIds(u.streams()).contains(streamId);
    }

    @Test
    void loginHandsOutTheUserListStreamListAndRoomExtraInfo() {
        server();
        RawClient alice = in("room", "alice", true);
        publish(alice, "alice-cam");
        alice.ok(id -> new ClientMessage.SetRoomExtraInfo(id, "topic", "weather"));
        RawClient bob = in("room", "bob", false);

        RawClient carol = client();
        LoginAccepted accepted = carol.login("room", "carol", true);
        assertEquals(List.of("alice", "bob"), userIds(accepted.users()), "everyone but oneself");
        assertEquals(List.of(new StreamInfo("alice-cam", new UserInfo("alice", "alice-name"), PublishChannel.MAIN,
                "extra-alice-cam", true, false)), accepted.streams());
        assertEquals(1, accepted.roomExtraInfo().size());
        RoomExtraInfo topic = accepted.roomExtraInfo().get(0);
        assertEquals("topic", topic.key());
        assertEquals("weather", topic.value());
        assertEquals("alice", topic.updateUser().userId());
        assertEquals("room", accepted.roomId());
        assertEquals(250, accepted.heartbeatIntervalMs());
        assertEquals(30_000, accepted.sessionTimeoutMs());
        assertEquals(0, accepted.tokenExpiresAt(), "an appSign login has no token expiry");
        assertTrue(accepted.iceServers().isEmpty());
        assertFalse(accepted.sessionId().isBlank());
        assertNotEquals(bob.sessionId(), accepted.sessionId());
        assertEquals(new ServerStats(1, 3, 1, 3), server.stats());
    }

    @Test
    void emptyUserNameFallsBackToTheUserId() {
        server();
        RawClient alice = in("room", "alice", true);
        RawClient bob = client();
        bob.accepted(bob.request(id -> new ClientMessage.Login(id, MessageCodec.PROTOCOL_VERSION, TestServers.APP_ID,
                "room", new UserInfo("bob", ""), false, 0, null, bob.loginRequest(id, "room", "bob", false).proof(),
                List.of())));
        UserUpdate added = alice.awaitPush(UserUpdate.class, u -> about(u, UpdateType.ADD, "bob"));
        assertEquals(new UserInfo("bob", "bob"), added.users().get(0));
    }

    @Test
    void userUpdatesGoOnlyToMembersThatAskedAndNeverAboutOneself() {
        server();
        RawClient watcher = in("room", "watcher", true);
        RawClient quiet = in("room", "quiet", false);
        RawClient carol = in("room", "carol", true);

        UserUpdate add = watcher.awaitPush(UserUpdate.class, u -> about(u, UpdateType.ADD, "carol"));
        assertEquals(List.of(new UserInfo("carol", "carol-name")), add.users());
        quiet.assertNone(UserUpdate.class, u -> true);
        carol.assertNone(UserUpdate.class, u -> true);

        carol.ok(ClientMessage.Logout::new);
        watcher.awaitPush(UserUpdate.class, u -> about(u, UpdateType.DELETE, "carol"));
        quiet.assertNone(UserUpdate.class, u -> true);
        carol.assertNone(UserUpdate.class, u -> true);
        watcher.assertNone(UserUpdate.class, u -> userIds(u.users()).contains("watcher"));
        assertEquals(2, watcher.all(UserUpdate.class).stream().filter(u -> userIds(u.users()).contains("carol")).count());
    }

    @Test
    void streamUpdatesGoToEveryoneElse() {
        server();
        RawClient publisher = in("room", "publisher", true);
        RawClient quiet = in("room", "quiet", false);
        RawClient watcher = in("room", "watcher", true);

        publish(publisher, "cam");
        publish(publisher, "screen", PublishChannel.AUX);
        for (RawClient other : List.of(quiet, watcher)) {
            StreamUpdate add = other.awaitPush(StreamUpdate.class, u -> about(u, UpdateType.ADD, "cam"));
            assertEquals(new StreamInfo("cam", new UserInfo("publisher", "publisher-name"), PublishChannel.MAIN,
                    "extra-cam", true, false), add.streams().get(0));
            other.awaitPush(StreamUpdate.class, u -> about(u, UpdateType.ADD, "screen"));
        }
        publisher.ok(id -> new ClientMessage.StopPublish(id, "cam"));
        publisher.expectError(ErrorCode.PUBLISHER_STREAM_NOT_FOUND, id -> new ClientMessage.StopPublish(id, "cam"));
        for (RawClient other : List.of(quiet, watcher)) {
            other.awaitPush(StreamUpdate.class, u -> about(u, UpdateType.DELETE, "cam"));
        }
        publisher.assertNone(StreamUpdate.class, u -> true);
        assertEquals(1, server.stats().streams());

        publisher.ok(ClientMessage.Logout::new);
        quiet.awaitPush(StreamUpdate.class, u -> about(u, UpdateType.DELETE, "screen"));
        watcher.awaitPush(StreamUpdate.class, u -> about(u, UpdateType.DELETE, "screen"));
        UserUpdate left = watcher.awaitPush(UserUpdate.class, u -> about(u, UpdateType.DELETE, "publisher"));
        StreamUpdate ended = watcher.awaitPush(StreamUpdate.class, u -> about(u, UpdateType.DELETE, "screen"));
        assertTrue(left.seq() < ended.seq(), "user DELETE comes before the stream DELETE");
        assertEquals(0, server.stats().streams());
    }

    @Test
    void publishingTheSameStreamAgainIsHarmlessAndOneChannelCarriesOneStream() {
        server();
        RawClient publisher = in("room", "publisher", true);
        RawClient other = in("room", "other", true);
        publish(publisher, "cam");
        publish(publisher, "cam");
        publisher.expectError(ErrorCode.PUBLISHER_CHANNEL_BUSY,
                id -> new ClientMessage.Publish(id, "cam2", PublishChannel.MAIN, "", true, true));
        other.barrier();
        assertEquals(1, other.all(StreamUpdate.class).size());
        publisher.expectError(ErrorCode.PUBLISHER_EXTRA_INFO_TOO_LONG,
                id -> new ClientMessage.Publish(id, "screen", PublishChannel.AUX, "x".repeat(1025), true, true));
    }

    @Test
    void duplicateUserIdInTheSameRoomKicksTheEarlierSession() {
        server();
        RawClient watcher = in("room", "watcher", true);
        RawClient first = in("room", "dup", true);
        publish(first, "dup-cam");
        watcher.awaitPush(StreamUpdate.class, u -> about(u, UpdateType.ADD, "dup-cam"));

        long start = System.nanoTime();
        RawClient second = client();
        LoginAccepted accepted = second.login("room", "dup", true);
        KickedOut kicked = first.awaitPush(KickedOut.class, k -> true, Duration.ofSeconds(1));
        assertEquals(ErrorCode.ROOM_KICKED_OUT.code(), kicked.code());
        assertEquals("room", kicked.roomId());
        assertEquals(SessionLifecycle.CLOSE_SESSION_ENDED, first.awaitClose(Duration.ofSeconds(1)));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos(), "kicked out within 1 s");

        assertEquals(List.of("watcher"), userIds(accepted.users()));
        assertTrue(accepted.streams().isEmpty(), "the earlier session's stream did not carry over");
        // the same user stays in the room, so the watcher sees no user DELETE or ADD
        watcher.assertNone(UserUpdate.class, u -> userIds(u.users()).contains("dup") && u.updateType() == UpdateType.DELETE);
        assertEquals(1, watcher.all(UserUpdate.class).stream().filter(u -> about(u, UpdateType.ADD, "dup")).count());
        watcher.awaitPush(StreamUpdate.class, u -> about(u, UpdateType.DELETE, "dup-cam"));
        second.ok(id -> new ClientMessage.SendBroadcast(id, "I am the one"));
        watcher.awaitPush(ServerMessage.BroadcastReceived.class, b -> b.message().equals("I am the one"));
        assertEquals(new ServerStats(1, 2, 0, 2), awaitConnections(2));
    }

    @Test
    void duplicateUserIdInAnotherRoomKicksTheEarlierSessionAndTellsItsRoom() {
        server();
        RawClient watcher = in("room-1", "watcher", true);
        RawClient first = in("room-1", "dup", true);
        publish(first, "dup-cam");
        RawClient second = client();
        second.login("room-2", "dup", true);

        assertEquals(ErrorCode.ROOM_KICKED_OUT.code(),
                first.awaitPush(KickedOut.class, k -> true, Duration.ofSeconds(1)).code());
        assertEquals(SessionLifecycle.CLOSE_SESSION_ENDED, first.awaitClose(Duration.ofSeconds(1)));
        UserUpdate left = watcher.awaitPush(UserUpdate.class, u -> about(u, UpdateType.DELETE, "dup"));
        StreamUpdate ended = watcher.awaitPush(StreamUpdate.class, u -> about(u, UpdateType.DELETE, "dup-cam"));
        assertTrue(left.seq() < ended.seq());
        assertEquals(new ServerStats(2, 2, 0, 2), awaitConnections(2));
    }

    @Test
    void duplicateUserIdAloneInItsRoomWithANewNameKeepsTheRoom() {
        server();
        RawClient first = in("room", "dup", true);
        RawClient second = client();
        // another user name for the same userID: not a plain takeover
        second.accepted(second.request(id -> new ClientMessage.Login(id, MessageCodec.PROTOCOL_VERSION,
                TestServers.APP_ID, "room", new UserInfo("dup", "Renamed"), true, 0, null,
                second.loginRequest(id, "room", "dup", true).proof(), List.of())));
        first.awaitClose();
        assertEquals(new ServerStats(1, 1, 0, 1), awaitConnections(1));
        RawClient third = client();
        LoginAccepted accepted = third.login("room", "third", true);
        assertEquals(List.of(new UserInfo("dup", "Renamed")), accepted.users(), "both are in the same room");
        second.awaitPush(UserUpdate.class, u -> about(u, UpdateType.ADD, "third"));
        assertEquals(1, server.stats().rooms());
    }

    @Test
    void duplicateLiveStreamIdFromAnotherUserIsRefused() {
        server();
        RawClient alice = in("room", "alice", true);
        RawClient bob = in("room", "bob", true);
        RawClient elsewhere = in("other-room", "carol", true);
        publish(alice, "shared");
        bob.expectError(ErrorCode.PUBLISHER_STREAM_ID_IN_USE,
                id -> new ClientMessage.Publish(id, "shared", PublishChannel.MAIN, "", true, true));
        elsewhere.expectError(ErrorCode.PUBLISHER_STREAM_ID_IN_USE,
                id -> new ClientMessage.Publish(id, "shared", PublishChannel.MAIN, "", true, true));
        bob.expectError(ErrorCode.PUBLISHER_STREAM_NOT_FOUND, id -> new ClientMessage.StopPublish(id, "shared"));
        bob.expectError(ErrorCode.PUBLISHER_STREAM_NOT_FOUND,
                id -> new ClientMessage.SetStreamExtraInfo(id, "shared", "mine now"));

        alice.ok(id -> new ClientMessage.StopPublish(id, "shared"));
        publish(bob, "shared");
        alice.awaitPush(StreamUpdate.class, u -> about(u, UpdateType.ADD, "shared"));
        assertEquals(1, server.stats().streams());
    }

    @Test
    void roomMemberLimitRefusesWithRoomFull() {
        server(b -> b.defaultMaxMembers(3));
        RawClient a = client();
        a.accepted(a.request(id -> {
            ClientMessage.Login l = a.loginRequest(id, "small", "a", true);
            return new ClientMessage.Login(id, l.protocolVersion(), l.appId(), l.roomId(), l.user(), true, 2,
                    null, l.proof(), List.of());
        }));
        in("small", "b", true);
        RawClient c = client();
        c.expectError(ErrorCode.ROOM_FULL, id -> c.loginRequest(id, "small", "c", true));
        a.assertNone(UserUpdate.class, u -> about(u, UpdateType.ADD, "c"));

        a.ok(ClientMessage.Logout::new);
        c.login("small", "c", true);

        // the server default applies to a room whose first login asked for none
        in("default", "d1", true);
        in("default", "d2", true);
        in("default", "d3", true);
        RawClient d4 = client();
        d4.expectError(ErrorCode.ROOM_FULL, id -> d4.loginRequest(id, "default", "d4", true));
        assertEquals(new ServerStats(2, 5, 0, 7), server.stats());
    }

    @Test
    void roomIsRemovedWhenItsLastMemberLeaves() {
        server();
        RawClient a = in("room", "a", true);
        RawClient b = in("room", "b", true);
        a.ok(id -> new ClientMessage.SetRoomExtraInfo(id, "k", "v"));
        publish(b, "b-cam");
        assertEquals(new ServerStats(1, 2, 1, 2), server.stats());
        a.ok(ClientMessage.Logout::new);
        assertEquals(1, server.stats().rooms());
        b.ok(ClientMessage.Logout::new);
        assertEquals(new ServerStats(0, 0, 0, 2), server.stats());

        // a new room of the same name starts afresh
        LoginAccepted again = a.login("room", "a", true);
        assertTrue(again.roomExtraInfo().isEmpty());
        assertTrue(again.streams().isEmpty());
        assertTrue(again.seq() <= 1, "a new room counts afresh: " + again.seq());
    }

    @Test
    void customCommandGoesOnlyToTheNamedUsers() {
        server();
        RawClient alice = in("room", "alice", true);
        RawClient bob = in("room", "bob", true);
        RawClient carol = in("room", "carol", true);
        RawClient outsider = in("other", "dave", true);

        alice.ok(id -> new ClientMessage.SendCustomCommand(id, List.of("bob", "dave", "nobody", "alice"), "ping"));
        ServerMessage.CustomCommandReceived got = bob.awaitPush(ServerMessage.CustomCommandReceived.class, c -> true);
        assertEquals("ping", got.command());
        assertEquals(new UserInfo("alice", "alice-name"), got.fromUser());
        carol.assertNone(ServerMessage.CustomCommandReceived.class, c -> true);
        alice.assertNone(ServerMessage.CustomCommandReceived.class, c -> true);
        outsider.assertNone(ServerMessage.CustomCommandReceived.class, c -> true);

        alice.expectError(ErrorCode.MESSAGE_NO_RECIPIENT,
                id -> new ClientMessage.SendCustomCommand(id, List.of("dave", "alice"), "x"));
        alice.expectError(ErrorCode.MESSAGE_NO_RECIPIENT, id -> new ClientMessage.SendCustomCommand(id, List.of(), "x"));
        alice.expectError(ErrorCode.MESSAGE_EMPTY, id -> new ClientMessage.SendCustomCommand(id, List.of("bob"), ""));
        alice.expectError(ErrorCode.MESSAGE_TOO_LONG,
                id -> new ClientMessage.SendCustomCommand(id, List.of("bob"), "x".repeat(1025)));
        List<String> many = IntStream.range(0, 501).mapToObj(i -> "user-" + i).toList();
        alice.expectError(ErrorCode.MESSAGE_TOO_MANY_RECIPIENTS, id -> new ClientMessage.SendCustomCommand(id, many, "x"));
        bob.barrier();
        assertEquals(1, bob.all(ServerMessage.CustomCommandReceived.class).size());
    }

    @Test
    void broadcastGoesToEveryoneElseOnceAndNotToOtherRooms() {
        server();
        RawClient alice = in("room", "alice", true);
        RawClient bob = in("room", "bob", false);
        RawClient outsider = in("other", "dave", true);
        ServerMessage.BroadcastSent sent = (ServerMessage.BroadcastSent) alice.ok(
                id -> new ClientMessage.SendBroadcast(id, "hello \u00e9\u4e2d\uD83D\uDE00"));
        ServerMessage.BroadcastReceived got = bob.awaitPush(ServerMessage.BroadcastReceived.class, b -> true);
        assertEquals(sent.messageId(), got.messageId());
        assertEquals("hello \u00e9\u4e2d\uD83D\uDE00", got.message());
        assertEquals("alice", got.fromUser().userId());
        assertTrue(got.sendTime() > 0);
        alice.assertNone(ServerMessage.BroadcastReceived.class, b -> true);
        outsider.assertNone(ServerMessage.BroadcastReceived.class, b -> true);
        bob.barrier();
        assertEquals(1, bob.all(ServerMessage.BroadcastReceived.class).size());
        alice.expectError(ErrorCode.MESSAGE_EMPTY, id -> new ClientMessage.SendBroadcast(id, ""));
        alice.expectError(ErrorCode.MESSAGE_TOO_LONG, id -> new ClientMessage.SendBroadcast(id, "\u00e9".repeat(513)));
    }

    @Test
    void roomExtraInfoIsPushedToTheOthers() {
        server();
        RawClient alice = in("room", "alice", true);
        RawClient bob = in("room", "bob", false);
        alice.ok(id -> new ClientMessage.SetRoomExtraInfo(id, "topic", "news"));
        ServerMessage.RoomExtraInfoUpdate update = bob.awaitPush(ServerMessage.RoomExtraInfoUpdate.class, u -> true);
        assertEquals(1, update.infos().size());
        assertEquals("topic", update.infos().get(0).key());
        assertEquals("news", update.infos().get(0).value());
        assertEquals(new UserInfo("alice", "alice-name"), update.infos().get(0).updateUser());
        alice.assertNone(ServerMessage.RoomExtraInfoUpdate.class, u -> true);

        bob.ok(id -> new ClientMessage.SetRoomExtraInfo(id, "topic", "sports"));
        alice.awaitPush(ServerMessage.RoomExtraInfoUpdate.class, u -> u.infos().get(0).value().equals("sports"));
        alice.expectError(ErrorCode.ROOM_EXTRA_INFO_INVALID, id -> new ClientMessage.SetRoomExtraInfo(id, "", "v"));
        alice.expectError(ErrorCode.ROOM_EXTRA_INFO_INVALID,
                id -> new ClientMessage.SetRoomExtraInfo(id, "k".repeat(129), "v"));
        alice.expectError(ErrorCode.ROOM_EXTRA_INFO_INVALID,
                id -> new ClientMessage.SetRoomExtraInfo(id, "k", "v".repeat(1025)));
        alice.expectError(ErrorCode.ROOM_EXTRA_INFO_INVALID, id -> new ClientMessage.SetRoomExtraInfo(id, "k", null));
        RawClient carol = client();
        LoginAccepted accepted = carol.login("room", "carol", true);
        assertEquals("sports", accepted.roomExtraInfo().get(0).value());
        assertEquals("bob", accepted.roomExtraInfo().get(0).updateUser().userId());
    }

    @Test
    void streamExtraInfoIsPushedToTheOthers() {
        server();
        RawClient alice = in("room", "alice", true);
        RawClient bob = in("room", "bob", false);
        publish(alice, "cam");
        alice.ok(id -> new ClientMessage.SetStreamExtraInfo(id, "cam", "now with hat"));
        ServerMessage.StreamExtraInfoUpdate update = bob.awaitPush(ServerMessage.StreamExtraInfoUpdate.class, u -> true);
        assertEquals(List.of(new StreamInfo("cam", new UserInfo("alice", "alice-name"), PublishChannel.MAIN,
                "now with hat", true, false)), update.streams());
        alice.assertNone(ServerMessage.StreamExtraInfoUpdate.class, u -> true);
        alice.expectError(ErrorCode.PUBLISHER_EXTRA_INFO_TOO_LONG,
                id -> new ClientMessage.SetStreamExtraInfo(id, "cam", "x".repeat(1025)));
        alice.expectError(ErrorCode.PUBLISHER_STREAM_NOT_FOUND,
                id -> new ClientMessage.SetStreamExtraInfo(id, "other", "x"));
        RawClient carol = client();
        assertEquals("now with hat", carol.login("room", "carol", true).streams().get(0).extraInfo());
    }

    @Test
    void sequenceNumbersRiseStrictlyPerRoomAndAgreeBetweenMembers() {
        server();
        RawClient alice = in("room", "alice", true);
        RawClient bob = in("room", "bob", true);
        RawClient other = in("other", "olga", true);
        RawClient carol = in("room", "carol", true);
        publish(alice, "a-cam");
        bob.ok(id -> new ClientMessage.SendBroadcast(id, "one"));
        carol.ok(id -> new ClientMessage.SetRoomExtraInfo(id, "k", "v"));
        other.ok(id -> new ClientMessage.SendBroadcast(id, "elsewhere"));
        alice.ok(id -> new ClientMessage.SetStreamExtraInfo(id, "a-cam", "e"));
        bob.ok(id -> new ClientMessage.SendCustomCommand(id, List.of("alice"), "psst"));
        carol.ok(ClientMessage.Logout::new);
        publish(bob, "b-cam");

        Map<Long, ServerMessage.Push> bySeq = new HashMap<>();
        for (RawClient c : List.of(alice, bob)) {
            c.barrier();
            long previous = c.all(LoginAccepted.class).get(0).seq();
            for (ServerMessage.Push p : c.all(ServerMessage.Push.class)) {
                assertEquals("room", p.roomId());
                assertTrue(p.seq() > previous, () -> "seq must rise: " + c.messages());
                previous = p.seq();
                ServerMessage.Push seen = bySeq.putIfAbsent(p.seq(), p);
                assertTrue(seen == null || seen.equals(p), "one seq, one push: " + seen + " vs " + p);
            }
        }
        // alice's view: bob's and carol's ADD, bob's broadcast, carol's extra info, the command,
        // carol's DELETE, bob's stream
        assertEquals(7, alice.all(ServerMessage.Push.class).size(), alice.messages()::toString);
        other.barrier();
        assertEquals(0, other.all(ServerMessage.Push.class).size(), "the other room's pushes are its own");
    }

    @Test
    void negotiationIsRelayedOnlyBetweenAPlayerAndThePublisher() {
        server();
        RawClient publisher = in("room", "pub", true);
        RawClient player = in("room", "player", true);
        RawClient bystander = in("room", "bystander", true);
        RawClient outsider = in("other", "outsider", true);
        publish(publisher, "s");

        player.ok(id -> new ClientMessage.RelaySignal(id, "s", "pub", SignalKind.PLAY_REQUEST, ""));
        ServerMessage.SignalReceived request = publisher.awaitPush(ServerMessage.SignalReceived.class, s -> true);
        assertEquals("player", request.fromUserId());
        assertEquals(SignalKind.PLAY_REQUEST, request.kind());
        assertEquals("s", request.streamId());
        publisher.ok(id -> new ClientMessage.RelaySignal(id, "s", "player", SignalKind.OFFER, "v=0 offer"));
        ServerMessage.SignalReceived offer = player.awaitPush(ServerMessage.SignalReceived.class,
                s -> s.kind() == SignalKind.OFFER);
        assertEquals("pub", offer.fromUserId());
        assertEquals("v=0 offer", offer.payload());
        player.ok(id -> new ClientMessage.RelaySignal(id, "s", "pub", SignalKind.ANSWER, "v=0 answer"));
        player.ok(id -> new ClientMessage.RelaySignal(id, "s", "pub", SignalKind.ICE_CANDIDATE, "candidate:1"));
        publisher.ok(id -> new ClientMessage.RelaySignal(id, "s", "player", SignalKind.ICE_CANDIDATE, "candidate:2"));
        publisher.awaitPush(ServerMessage.SignalReceived.class, s -> s.kind() == SignalKind.ICE_CANDIDATE);

        ErrorCode notAllowed = ErrorCode.PLAYER_RELAY_NOT_ALLOWED;
        // a member that never asked to play
        bystander.expectError(notAllowed, id -> new ClientMessage.RelaySignal(id, "s", "pub", SignalKind.OFFER, "x"));
        publisher.expectError(notAllowed,
                id -> new ClientMessage.RelaySignal(id, "s", "bystander", SignalKind.OFFER, "x"));
        // between two members neither of whom publishes the stream
        player.expectError(notAllowed,
                id -> new ClientMessage.RelaySignal(id, "s", "bystander", SignalKind.OFFER, "x"));
        // to oneself, to nobody, across rooms, the publisher asking to play its own stream
        publisher.expectError(notAllowed, id -> new ClientMessage.RelaySignal(id, "s", "pub", SignalKind.OFFER, "x"));
        player.expectError(notAllowed, id -> new ClientMessage.RelaySignal(id, "s", "ghost", SignalKind.OFFER, "x"));
        publisher.expectError(notAllowed,
                id -> new ClientMessage.RelaySignal(id, "s", "outsider", SignalKind.OFFER, "x"));
        publisher.expectError(notAllowed,
                id -> new ClientMessage.RelaySignal(id, "s", "player", SignalKind.PLAY_REQUEST, ""));
        outsider.expectError(ErrorCode.PLAYER_STREAM_NOT_FOUND,
                id -> new ClientMessage.RelaySignal(id, "s", "pub", SignalKind.PLAY_REQUEST, ""));
        player.expectError(ErrorCode.PLAYER_STREAM_NOT_FOUND,
                id -> new ClientMessage.RelaySignal(id, "nope", "pub", SignalKind.PLAY_REQUEST, ""));
        player.expectError(ErrorCode.PLAYER_SIGNAL_TOO_LARGE,
                id -> new ClientMessage.RelaySignal(id, "s", "pub", SignalKind.OFFER, "x".repeat(48 * 1024 + 1)));
        player.expectError(ErrorCode.COMMON_INVALID_FIELD,
                id -> new ClientMessage.RelaySignal(id, "s", "pub", null, "x"));
        bystander.assertNone(ServerMessage.SignalReceived.class, s -> true);
        outsider.assertNone(ServerMessage.SignalReceived.class, s -> true);

        // a HANGUP ends the playing; after it only a new PLAY_REQUEST reopens the channel
        player.ok(id -> new ClientMessage.RelaySignal(id, "s", "pub", SignalKind.HANGUP, ""));
        publisher.expectError(notAllowed,
                id -> new ClientMessage.RelaySignal(id, "s", "player", SignalKind.ICE_CANDIDATE, "late"));
        player.ok(id -> new ClientMessage.RelaySignal(id, "s", "pub", SignalKind.PLAY_REQUEST, ""));
        publisher.ok(id -> new ClientMessage.RelaySignal(id, "s", "player", SignalKind.OFFER, "again"));

        // once the stream ends, nothing more is relayed for it
        publisher.ok(id -> new ClientMessage.StopPublish(id, "s"));
        player.expectError(ErrorCode.PLAYER_STREAM_NOT_FOUND,
                id -> new ClientMessage.RelaySignal(id, "s", "pub", SignalKind.ANSWER, "x"));
        publisher.expectError(ErrorCode.PLAYER_STREAM_NOT_FOUND,
                id -> new ClientMessage.RelaySignal(id, "s", "player", SignalKind.OFFER, "x"));
    }

    @Test
    void aClientPlaysAtMostTwelveStreams() {
        server();
        List<String> streamIds = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            RawClient p = in("room", "pub-" + i, false);
            publish(p, "main-" + i, PublishChannel.MAIN);
            streamIds.add("main-" + i);
            if (i < 6) {
                publish(p, "aux-" + i, PublishChannel.AUX);
                streamIds.add("aux-" + i);
            }
        }
        assertEquals(13, streamIds.size());
        RawClient viewer = in("room", "viewer", false);
        for (String streamId : streamIds.subList(0, 12)) {
            String publisherId = "pub-" + streamId.substring(streamId.indexOf('-') + 1);
            viewer.ok(id -> new ClientMessage.RelaySignal(id, streamId, publisherId, SignalKind.PLAY_REQUEST, ""));
        }
        // asking again for a stream it already plays does not count twice
        viewer.ok(id -> new ClientMessage.RelaySignal(id, "main-0", "pub-0", SignalKind.PLAY_REQUEST, ""));
        viewer.expectError(ErrorCode.PLAYER_TOO_MANY_STREAMS,
                id -> new ClientMessage.RelaySignal(id, "main-6", "pub-6", SignalKind.PLAY_REQUEST, ""));
        viewer.ok(id -> new ClientMessage.RelaySignal(id, "main-0", "pub-0", SignalKind.HANGUP, ""));
        viewer.ok(id -> new ClientMessage.RelaySignal(id, "main-6", "pub-6", SignalKind.PLAY_REQUEST, ""));
        viewer.expectError(ErrorCode.PLAYER_TOO_MANY_STREAMS,
                id -> new ClientMessage.RelaySignal(id, "main-0", "pub-0", SignalKind.PLAY_REQUEST, ""));
        // a stream that ends frees its slot
        clients.get(1).ok(id -> new ClientMessage.StopPublish(id, "aux-1"));
        viewer.ok(id -> new ClientMessage.RelaySignal(id, "main-0", "pub-0", SignalKind.PLAY_REQUEST, ""));
    }

    @Test
    void iceServersFromTheConfigurationArriveAtLogin() {
        IceServer stun = new IceServer(List.of("stun:stun.example.org:3478"), null, null);
        IceServer turn = new IceServer(List.of("turn:turn.example.org:3478?transport=udp",
                "turns:turn.example.org:5349"), "parley", "s3cret");
        server(b -> b.iceServer(stun).iceServer(turn));
        LoginAccepted accepted = client().login("room", "alice", true);
        assertEquals(List.of(stun, turn), accepted.iceServers());
    }

    private ServerStats awaitConnections(int connections) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> server.stats().connections() == connections);
        return server.stats();
    }
}
