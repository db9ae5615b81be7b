package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.IceServer;
import dev.parley.protocol.ServerMessage;
import dev.parley.testing.RawClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TURN credentials in the TURN REST API form, minted at login and resume and renewed before they lapse. */
class TurnCredentialsTest {
    private static final TurnConfig TURN = new TurnConfig(List.of("turn:10.0.0.1:3478", "turn:10.0.0.1:3478?transport=tcp",
            "turns:relay.example.org:5349"), "s3cret", Duration.ofSeconds(100));

    @Test
    void thePasswordIsTheBase64HmacSha1OfTheUserName() {
        // RFC 2202, test case 2
        assertEquals("7/zfauXrL6LSdBbV8YTfnCWafHk=", TurnCredentials.password("Jefe", "what do ya want for nothing?"));
        IceServer minted = new TurnCredentials(TURN).mint("alice", 1_700_000_000_000L);
        assertEquals("1700000100:alice", minted.username());
        assertEquals(TurnCredentials.password("s3cret", "1700000100:alice"), minted.credential());
        assertEquals(TURN.urls(), minted.urls());
    }

    @Test
    void badTurnSettingsAreRefused() {
        for (String url : List.of("stun:x:3478", "http://x", "turn:", "turn:x:99999", "turn:x?transport=sctp", "turn:u@x")) {
            assertThrows(IllegalArgumentException.class, () -> new TurnConfig(List.of(url), "s", Duration.ofHours(1)), url);
        }
        assertThrows(IllegalArgumentException.class, () -> new TurnConfig(List.of(), "s", Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new TurnConfig(List.of("turn:x"), " ", Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new TurnConfig(List.of("turn:x"), "s", Duration.ofSeconds(5)));
    }

    @Test
    void everyLoginAndResumeGetsItsOwnCredentialsAndALongSessionFreshOnesBeforeTheyLapse() {
        MutableClock clock = MutableClock.now();
        try (ParleyServer server = ServerFixtures.start(clock, b -> b.presenceTimeout(Duration.ofSeconds(300))
                .heartbeatInterval(Duration.ofSeconds(100)).turn(TURN)
                .iceServer(new IceServer(List.of("stun:stun.example.org:3478"), null, null)))) {
            RawClient alice = RawClient.connect(server);
            ServerMessage.LoginAccepted accepted = alice.login("room", "alice", false);
            assertEquals(2, accepted.iceServers().size(), "the static STUN server and the TURN relays");
            IceServer first = accepted.iceServers().get(1);
            long expiry = clock.millis() / 1000 + 100;
            assertEquals(expiry + ":alice", first.username());
            assertEquals(TurnCredentials.password("s3cret", first.username()), first.credential());

            clock.advance(Duration.ofSeconds(79));
            alice.barrier();
            alice.assertNone(ServerMessage.IceServersUpdate.class, u -> true);
            clock.advance(Duration.ofSeconds(2));
            ServerMessage.IceServersUpdate update = alice.awaitPush(ServerMessage.IceServersUpdate.class, u -> true,
                    Duration.ofSeconds(5));
            IceServer renewed = update.iceServers().get(1);
            assertEquals(expiry + 81 + ":alice", renewed.username());
            assertEquals(TurnCredentials.password("s3cret", renewed.username()), renewed.credential());

            String sessionId = alice.sessionId();
            long lastSeq = alice.lastSeq();
            alice.dropAbruptly();
            clock.advance(Duration.ofSeconds(3));
            RawClient back = RawClient.connect(server);
            ServerMessage.ResumeAccepted resumed = (ServerMessage.ResumeAccepted) back.request(
                    id -> new ClientMessage.Resume(id, sessionId, lastSeq));
            assertTrue(resumed.iceServers().get(1).username().startsWith(expiry + 84 + ":"), resumed.toString());
            back.close();
        }
    }
}
