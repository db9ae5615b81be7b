package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayerState;
import dev.parley.server.ParleyServer;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.MediaNetwork;
import dev.parley.testing.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A network change mid-call: both peers' addresses change, the receive connection goes
 * disconnected, and an ICE restart on the same connection brings the frames back without the
 * player ever leaving PLAYING.
 */
class IceRestartTest {
    private ParleyServer server;
    private ParleyEngine publisher;
    private ParleyEngine player;
    private boolean renumbered;

    @BeforeEach
    void setUp() {
        MediaNetwork.require();
        server = TestServers.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        Engines.destroy(publisher, player);
        server.close();
        if (renumbered) {
            MediaNetwork.restoreAddresses();
        }
    }

    @Test
    void newAddressesRecoverOnTheSameConnection() throws Exception {
        List<PlayerState> states = new CopyOnWriteArrayList<>();
        EventRecorder playerEvents = new EventRecorder() {
            @Override
            public void onPlayerStateUpdate(String streamID, PlayerState state, int errorCode, String extendedData) {
                states.add(state);
            }
        };
        publisher = MediaCalls.publisher(server, new EventRecorder(), "room", "pub", "moving", e -> { });
        FrameCounterSink sink = new FrameCounterSink();
        player = MediaCalls.player(server, playerEvents, "room", "sub", "moving", sink);
        Awaitility.await("frames before the change").atMost(Duration.ofSeconds(15)).until(() -> sink.frames() > 10);
        Awaitility.await("playing").atMost(Duration.ofSeconds(5)).until(() -> states.contains(PlayerState.PLAYING));
        int statesBefore = states.size();

        MediaNetwork.renumberPeers();
        renumbered = true;
        long framesAtChange = sink.frames();
        Awaitility.await("the frames stop with the old addresses").atMost(Duration.ofSeconds(10))
                .until(() -> System.currentTimeMillis() - sink.lastArrivalMillis() > 1000);
        long framesWhileDown = sink.frames();
        Awaitility.await("frames again after the ICE restart").atMost(Duration.ofSeconds(30))
                .until(() -> sink.frames() > framesWhileDown + 20);
        List<PlayerState> after = states.subList(statesBefore, states.size());
        assertFalse(after.contains(PlayerState.PLAY_REQUESTING), "the player never renegotiated from scratch: " + after);
        assertFalse(framesAtChange == 0);
    }
}
