package dev.parley.app.ui;

import static dev.parley.app.ui.WindowFixture.awaitFx;
import static dev.parley.app.ui.WindowFixture.fx;

import dev.parley.app.CallPhase;
import dev.parley.app.JoinRequest;
import dev.parley.engine.IceTransportPolicy;
import dev.parley.engine.User;
import dev.parley.engine.VideoConfig;
import dev.parley.server.TurnConfig;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.TestCoturn;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The status bar says how each played stream comes: through a TURN relay when the other side
 * sends only through one (its profile's RELAY policy, with a real coturn in the tests' namespace),
 * while the window itself uses every kind of candidate; and that the relay refuses the
 * credentials when it does.
 */
class RelayedStatusTest {
    private static final Duration MEDIA = Duration.ofSeconds(30);
    private static final Pattern RELAYED = Pattern.compile(
            "Bob: 640x360 \u00B7 [1-9]\\d* fps \u00B7 [1-9]\\d* kbps( \u00B7 [a-z ]+)? \u00B7 relayed");
    @RegisterExtension
    final WindowRoom room = WindowRoom.startedByTheTest();
    private TestCoturn coturn;

    @BeforeEach
    void setUp() throws Exception {
        TestCoturn.assumeAvailable();
        coturn = room.closeAfterServer(TestCoturn.start("10.77.0.1"));
    }

    /** The server, handing out coturn with credentials minted with {@code secret}, and the window on it. */
    private void serverAndWindow(String secret) throws Exception {
        room.start(b -> b.turn(new TurnConfig(List.of(coturn.url("udp")), secret, Duration.ofHours(1))));
    }

    @Test
    void aStreamSentThroughARelayIsShownAsRelayed() throws Exception {
        serverAndWindow(coturn.secret());
        bobPublishesThroughTheRelayOnly();
        join();
        awaitFx("Bob's stream shown as relayed", MEDIA, () -> RELAYED.matcher(statusLine()).matches());
    }

    @Test
    void aStreamWhoseRelayRefusesTheCredentialsSaysSo() throws Exception {
        serverAndWindow("not-the-secret-of-this-coturn");
        bobPublishesThroughTheRelayOnly();
        join();
        awaitFx("Bob's stream shown as refused by the relay", MEDIA, () -> statusLine().equals("Bob: relay refused"));
    }

    private void bobPublishesThroughTheRelayOnly() {
        room.publisher(new EventRecorder(), new User("bob", "Bob"), profile -> profile.iceTransportPolicy(IceTransportPolicy.RELAY),
                engine -> engine.setVideoConfig(new VideoConfig(640, 360, 15, 800)));
    }

    private void join() {
        WindowFixture.fxRun(() -> room.app().session.join(new JoinRequest(room.server().url(), "standup", "alice", "Alice")));
        awaitFx("in the call", MEDIA, () -> room.app().session.phaseProperty().get() == CallPhase.IN_CALL);
    }

    private String statusLine() {
        return fx(() -> ((Labeled) room.app().node("status-quality")).getText());
    }
}
