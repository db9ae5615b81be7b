package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MediaMode;
import dev.parley.protocol.PublishChannel;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.SignalKind;
import dev.parley.protocol.UpdateType;
import dev.parley.testing.JanusAdmin;
import dev.parley.testing.RawClient;
import dev.parley.testing.RawClients;
import dev.parley.testing.RawSfuPeer;
import dev.parley.testing.RoomServerSfuPath;
import dev.parley.testing.TestJanus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SFU rooms over the wire: raw clients negotiate with the room server, which drives a Janus it
 * started itself; bare webrtc-java peers send and receive the test pattern through that Janus.
 * Covers the media server's own lifecycle too: Janus killed and restarted, handles freed when
 * clients leave or vanish, and the room server as the only door.
 */
class SfuRoomTest {
    private final RawClients clients = new RawClients();
    private final List<AutoCloseable> peers = new ArrayList<>();
    private ParleyServer server;

    @BeforeEach
    void start() {
        TestJanus.assumeAvailable();
        server = clients.start(b -> b.media(MediaConfig.MESH.withAllApps(MediaMode.SFU).withManagedJanus(TestJanus.config())));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable peer : peers) {
            peer.close();
        }
        clients.close();
    }

    private RawSfuPeer peer() {
        RawSfuPeer peer = RawSfuPeer.open();
        peers.add(peer);
        return peer;
    }

    private RawClient member(String userId) {
        RawClient c = clients.connect(server);
        ServerMessage.LoginAccepted accepted = c.login("sfu-room", userId, true);
        assertEquals(MediaMode.SFU, accepted.mediaMode());
        c.startHeartbeats(Duration.ofMillis(250));
        return c;
    }

    private static void publishStream(RawClient c, String streamId) {
        c.ok(id -> new ClientMessage.Publish(id, streamId, PublishChannel.MAIN, "", false, true));
    }

    private RawSfuPeer.Subscription play(RawClient player, String publisherId, String streamId) throws Exception {
        return peer().subscribe(new RoomServerSfuPath(player), publisherId, streamId, e -> { }).get(20, TimeUnit.SECONDS);
    }

    private void publishMedia(RawClient publisher, String streamId) throws Exception {
        peer().publish(new RoomServerSfuPath(publisher), "unused", streamId, 640, 360, 30, false, e -> { })
                .get(20, TimeUnit.SECONDS);
    }

    private static void assertFramesAdvance(RawSfuPeer.Subscription s) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> s.received().frames() > 10);
        assertEquals(640, s.received().width());
        long counter = s.received().lastMarks().frameCounter();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> s.received().lastMarks().frameCounter() > counter + 5);
        long age = s.received().lastMarks().ageMillis(System.currentTimeMillis());
        assertTrue(age < 1000, "frames are " + age + " ms old");
    }

    private JanusAdmin admin() {
        return new JanusAdmin(server.mediaServer().process().endpoint());
    }

    @Test
    void aStreamPublishedOnceReachesEveryPlayerThroughTheMediaServer() throws Exception {
        RawClient alice = member("alice");
        publishStream(alice, "alice_main");
        publishMedia(alice, "alice_main");
        RawClient bob = member("bob");
        RawClient carol = member("carol");
        RawSfuPeer.Subscription atBob = play(bob, "alice", "alice_main");
        RawSfuPeer.Subscription atCarol = play(carol, "alice", "alice_main");
        assertFramesAdvance(atBob);
        assertFramesAdvance(atCarol);
        // one publisher handle and one per player, nothing else
        assertEquals(3, admin().handles().size());
        // alice negotiated once, with the media server, whatever the audience
        assertEquals(1, alice.all(ServerMessage.SignalReceived.class).stream()
                .filter(s -> s.kind() == SignalKind.ANSWER).count());
    }

    @Test
    void aPlayerThatAsksBeforeThePublisherOffersIsServedOnceItDoes() throws Exception {
        RawClient alice = member("alice");
        publishStream(alice, "alice_main");
        RawClient bob = member("bob");
        var early = peer().subscribe(new RoomServerSfuPath(bob), "alice", "alice_main", e -> { });
        publishMedia(alice, "alice_main");
        assertFramesAdvance(early.get(20, TimeUnit.SECONDS));
    }

    @Test
    void janusKilledMidCallIsRestartedAndEveryoneNegotiatesAgain() throws Exception {
        RawClient alice = member("alice");
        publishStream(alice, "alice_main");
        publishMedia(alice, "alice_main");
        RawClient bob = member("bob");
        assertFramesAdvance(play(bob, "alice", "alice_main"));
        long pid = server.mediaServer().process().pid();
        int aliceMark = alice.mark();
        int bobMark = bob.mark();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        alice.awaitAfter(aliceMark, ServerMessage.SignalReceived.class, s -> s.kind() == SignalKind.HANGUP
                && s.fromUserId().isEmpty() && s.streamId().equals("alice_main"), Duration.ofSeconds(10));
        bob.awaitAfter(bobMark, ServerMessage.SignalReceived.class, s -> s.kind() == SignalKind.HANGUP
                && s.fromUserId().isEmpty() && s.streamId().equals("alice_main"), Duration.ofSeconds(10));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.mediaServer().current() != null
                && server.mediaServer().process().pid() != pid);
        assertNotEquals(pid, server.mediaServer().process().pid());

        publishMedia(alice, "alice_main");
        assertFramesAdvance(play(bob, "alice", "alice_main"));
        // the room itself never noticed: no stream went or came twice
        bob.assertNone(ServerMessage.StreamUpdate.class, u -> u.updateType() == UpdateType.DELETE);
        assertEquals(1, bob.all(ServerMessage.LoginAccepted.class).get(0).streams().size());
        assertEquals(2, admin().handles().size());
    }

    @Test
    void handlesGoAtOnceWhenAClientLeavesAndWithinThePresenceTimeoutWhenItVanishes() throws Exception {
        RawClient alice = member("alice");
        publishStream(alice, "alice_main");
        publishMedia(alice, "alice_main");
        RawClient bob = member("bob");
        RawClient carol = member("carol");
        assertFramesAdvance(play(bob, "alice", "alice_main"));
        assertFramesAdvance(play(carol, "alice", "alice_main"));
        assertEquals(3, admin().handles().size());

        bob.ok(ClientMessage.Logout::new);
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> admin().handles().size() == 2);

        carol.dropAbruptly();
        // the test servers' presence timeout is 2 s
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> admin().handles().size() == 1);

        alice.ok(id -> new ClientMessage.StopPublish(id, "alice_main"));
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> admin().handles().isEmpty());
    }

    @Test
    void theRoomServerIsTheOnlyDoorToTheMediaServer() throws Exception {
        RawClient alice = member("alice");
        publishStream(alice, "alice_main");
        publishMedia(alice, "alice_main");
        RawClient mallory = member("mallory");
        // not the publisher: may not offer media for alice's stream
        mallory.expectError(ErrorCode.PLAYER_RELAY_NOT_ALLOWED, id -> new ClientMessage.RelaySignal(id, "alice_main",
                MediaMode.MEDIA_SERVER_PEER, SignalKind.OFFER, "v=0\r\n"));
        // a member of another room cannot play it at all
        RawClient outsider = clients.connect(server);
        outsider.login("another-room", "outsider", false);
        outsider.expectError(ErrorCode.PLAYER_STREAM_NOT_FOUND, id -> new ClientMessage.RelaySignal(id, "alice_main",
                "alice", SignalKind.PLAY_REQUEST, ""));
        // nor can a client that is not logged in
        RawClient stranger = clients.connect(server);
        stranger.expectError(ErrorCode.COMMON_NOT_LOGGED_IN, id -> new ClientMessage.RelaySignal(id, "alice_main",
                "alice", SignalKind.PLAY_REQUEST, ""));
        assertEquals(1, admin().handles().size());
    }
}
