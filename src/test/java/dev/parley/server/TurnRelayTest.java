package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.IceServer;
import dev.parley.protocol.ServerMessage;
import dev.parley.testing.RawClient;
import dev.parley.testing.RawClients;
import dev.parley.testing.TestCoturn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The credentials the room server mints are the ones a real coturn (started with
 * {@code use-auth-secret} and the shared secret) accepts: coturn's own test client allocates a
 * relay with them and passes data through it; with a wrong secret or an expired credential the
 * allocation is refused.
 */
class TurnRelayTest {
    private static final Pattern RELAYED = Pattern.compile("tot_send_msgs=(\\d+), tot_recv_msgs=(\\d+)");
    private final RawClients clients = new RawClients();
    private TestCoturn coturn;

    @BeforeEach
    void start() throws Exception {
        TestCoturn.assumeAvailable();
        coturn = TestCoturn.start("10.77.0.1");
    }

    @AfterEach
    void stop() {
        clients.close();
        if (coturn != null) {
            coturn.close();
        }
    }

    /** coturn's test client through the relay with these credentials; the messages it got back. */
    private int relayedMessages(String username, String password) throws Exception {
        Process client = new ProcessBuilder("turnutils_uclient", "-p", Integer.toString(coturn.port()), "-u", username,
                "-w", password, "-y", "-n", "5", coturn.address()).redirectErrorStream(true).start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(client.waitFor(30, TimeUnit.SECONDS), "turnutils_uclient hangs");
        Matcher m = RELAYED.matcher(output);
        int received = 0;
        while (m.find()) {
            received = Integer.parseInt(m.group(2));
        }
        return output.contains("Cannot complete Allocation") ? 0 : received;
    }

    private IceServer loginCredentials(ParleyServer server, String userId) {
        RawClient c = clients.connect(server);
        ServerMessage.LoginAccepted accepted = c.login("room", userId, false);
        return accepted.iceServers().stream().filter(s -> s.urls().get(0).startsWith("turn:")).findFirst().orElseThrow();
    }

    @Test
    void coturnAcceptsTheMintedCredentials() throws Exception {
        ParleyServer server = clients.start(b -> b.turn(new TurnConfig(List.of(coturn.url("udp"), coturn.url("tcp")),
                coturn.secret(), Duration.ofHours(1))));
        IceServer turn = loginCredentials(server, "alice");
        assertTrue(relayedMessages(turn.username(), turn.credential()) > 0, coturn.log());
    }

    @Test
    void aWrongSecretOrAnExpiredCredentialIsRefused() throws Exception {
        ParleyServer wrong = clients.start(b -> b.turn(new TurnConfig(List.of(coturn.url("udp")), "not-the-secret",
                Duration.ofHours(1))));
        IceServer forged = loginCredentials(wrong, "mallory");
        assertFalse(relayedMessages(forged.username(), forged.credential()) > 0);

        long expired = System.currentTimeMillis() / 1000 - 60;
        String username = expired + ":mallory";
        assertFalse(relayedMessages(username, TurnCredentials.password(coturn.secret(), username)) > 0);
    }
}
