package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayerState;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.MediaNetwork;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A network change mid-call: both peers' addresses change, the receive connection goes
 * disconnected, and an ICE restart on the same connection brings the frames back without the
 * player ever leaving PLAYING.
 */
class IceRestartTest {
    @RegisterExtension
    final MediaRoom room = new MediaRoom();
    private ParleyEngine publisher;
    private ParleyEngine player;

    @Test
    void newAddressesRecoverOnTheSameConnection() throws Exception {
        List<PlayerState> states = new CopyOnWriteArrayList<>();
        EventRecorder playerEvents = new EventRecorder() {
            @Override
            public void onPlayerStateUpdate(String streamID, PlayerState state, int errorCode, String extendedData) {
                states.add(state);
            }
        };
        publisher = room.publisher(new EventRecorder(), "room", "pub", "moving", e -> { });
        FrameCounterSink sink = new FrameCounterSink();
        player = room.player(playerEvents, "room", "sub", "moving", sink);
        Awaitility.await("frames before the change").atMost(Duration.ofSeconds(15)).until(() -> sink.frames() > 10);
        Awaitility.await("playing").atMost(Duration.ofSeconds(5)).until(() -> states.contains(PlayerState.PLAYING));
        int statesBefore = states.size();

        room.afterTest(MediaNetwork::restoreAddresses);
        MediaNetwork.renumberPeers();
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
