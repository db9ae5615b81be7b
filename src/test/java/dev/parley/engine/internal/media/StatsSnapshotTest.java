package dev.parley.engine.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a stats report says about a connection's video, for one encoding and for simulcast layers. */
class StatsSnapshotTest {

    private static RTCStats stats(String id, RTCStatsType type, Map<String, Object> attributes) {
        return new RTCStats(1_000, type, id, attributes) { };
    }

    private static RTCStatsReport report(List<RTCStats> all) {
        Map<String, RTCStats> byId = new HashMap<>();
        all.forEach(s -> byId.put(s.getId(), s));
        return new RTCStatsReport(byId, 1_000) { };
    }

    private static RTCStats layer(String id, int width, int height, long bytes, long frames) {
        return stats(id, RTCStatsType.OUTBOUND_RTP, Map.of("kind", "video", "frameWidth", width, "frameHeight", height,
                "bytesSent", bytes, "packetsSent", bytes / 1000, "framesEncoded", frames, "framesPerSecond", 30.0,
                "codecId", "codec"));
    }

    private static RTCStats remoteInbound(String localId, long lost, double rtt) {
        return stats("remote-" + localId, RTCStatsType.REMOTE_INBOUND_RTP, Map.of("kind", "video", "localId", localId,
                "packetsLost", lost, "roundTripTime", rtt, "fractionLost", 0.0));
    }

    private static final RTCStats CODEC = stats("codec", RTCStatsType.CODEC, Map.of("mimeType", "video/VP8"));

    @Test
    void aSimulcastSenderCountsTheBytesOfEveryLayerAndTheFramesAndSizeOfTheLargest() {
        // listed with the full layer in the middle: the map's order must not matter
        StatsSnapshot snapshot = StatsSnapshot.of(report(List.of(
                layer("q", 320, 180, 100_000, 900), layer("f", 1280, 720, 1_000_000, 880), layer("h", 640, 360, 300_000, 890),
                remoteInbound("q", 1, 0.010), remoteInbound("f", 4, 0.020), remoteInbound("h", 2, 0.030), CODEC)), true);
        assertEquals(1280, snapshot.width());
        assertEquals(720, snapshot.height());
        assertEquals(1_400_000, snapshot.bytes());
        assertEquals(1_400, snapshot.packets());
        assertEquals(880, snapshot.frames(), "the frames of the full layer, not of all three");
        assertEquals(7, snapshot.packetsLost());
        assertEquals(0.020, snapshot.rttSeconds(), 1e-9, "the full layer's round trip");
        assertEquals("video/VP8", snapshot.codec());
    }

    @Test
    void oneEncodingIsReadAsItIs() {
        StatsSnapshot snapshot = StatsSnapshot.of(report(List.of(layer("v", 640, 360, 250_000, 300),
                remoteInbound("v", 3, 0.005), CODEC)), true);
        assertEquals(640, snapshot.width());
        assertEquals(250_000, snapshot.bytes());
        assertEquals(300, snapshot.frames());
        assertEquals(3, snapshot.packetsLost());
        assertEquals(0.005, snapshot.rttSeconds(), 1e-9);
    }
}
