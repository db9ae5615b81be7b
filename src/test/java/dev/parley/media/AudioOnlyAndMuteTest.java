package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.PlayerState;
import dev.parley.engine.RemoteDeviceState;
import dev.parley.testing.EventRecorder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audio-only call (enableCamera(false) before publishing), and mute states seen by the other side. */
class AudioOnlyAndMuteTest {
    @RegisterExtension
    final MediaRoom room = new MediaRoom();
    private ParleyEngine publisher;
    private ParleyEngine player;

    static final class DeviceRecorder extends EventRecorder {
        final List<String> devices = new CopyOnWriteArrayList<>();
        final List<PlayStreamQuality> quality = new CopyOnWriteArrayList<>();
        final List<PlayerState> states = new CopyOnWriteArrayList<>();

        @Override
        public void onRemoteCameraStateUpdate(String streamID, RemoteDeviceState state) {
            devices.add("camera " + state);
        }

        @Override
        public void onRemoteMicStateUpdate(String streamID, RemoteDeviceState state) {
            devices.add("mic " + state);
        }

        @Override
        public void onPlayerQualityUpdate(String streamID, PlayStreamQuality q) {
            quality.add(q);
        }

        @Override
        public void onPlayerStateUpdate(String streamID, PlayerState state, int errorCode, String extendedData) {
            states.add(state);
        }
    }

    private FrameCounterSink call(DeviceRecorder sub, boolean camera) {
        EventRecorder pub = new EventRecorder();
        publisher = room.publisher(pub, "r", "pub", "pub-main", e -> e.enableCamera(camera));
        FrameCounterSink sink = new FrameCounterSink();
        player = room.player(sub, "r", "sub", "pub-main", sink);
        return sink;
    }

    @Test
    void audioOnlyCallSendsNoVideoAndAudioFlows() {
        DeviceRecorder sub = new DeviceRecorder();
        FrameCounterSink sink = call(sub, false);
        Awaitility.await("audio flows").atMost(Duration.ofSeconds(15))
                .until(() -> sub.quality.stream().anyMatch(q -> q.audioRecvFPS() > 20 && q.audioKBPS() > 5));
        assertEquals(List.of(PlayerState.PLAY_REQUESTING, PlayerState.PLAYING), sub.states);
        assertEquals(List.of("camera DISABLE", "mic OPEN"), sub.devices);
        assertEquals(0, sink.frames(), "no video in an audio-only call");
        sub.quality.forEach(q -> assertEquals(0.0, q.videoDecodeFPS(), "no video decoded"));
    }

    @Test
    void muteAndUnmuteAreSeenRemotely() {
        DeviceRecorder sub = new DeviceRecorder();
        FrameCounterSink sink = call(sub, true);
        Awaitility.await("video").atMost(Duration.ofSeconds(15)).until(() -> sink.frames() > 5);
        assertEquals(List.of("camera OPEN", "mic OPEN"), sub.devices);

        publisher.mutePublishStreamVideo(true);
        Awaitility.await("camera muted").atMost(Duration.ofSeconds(10)).until(() -> sub.devices.contains("camera MUTE"));
        publisher.muteMicrophone(true);
        Awaitility.await("mic muted").atMost(Duration.ofSeconds(10)).until(() -> sub.devices.contains("mic MUTE"));
        publisher.mutePublishStreamVideo(false);
        publisher.muteMicrophone(false);
        Awaitility.await("both back").atMost(Duration.ofSeconds(10))
                .until(() -> sub.devices.size() >= 8 && sub.devices.subList(sub.devices.size() - 2, sub.devices.size())
                        .equals(List.of("camera OPEN", "mic OPEN")));
    }
}
