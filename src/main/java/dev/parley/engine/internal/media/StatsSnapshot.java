package dev.parley.engine.internal.media;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.Map;

/**
 * The counters Parley reads from one peer connection's stats report, for its video. Counters are
 * cumulative; rates come from the difference of two snapshots. Immutable.
 */
record StatsSnapshot(long timestampMicros, double bytes, double packets, double packetsLost, double frames,
                     double framesPerSecond, double captureFramesPerSecond, double rttSeconds, double fractionLost,
                     double jitterSeconds, int width, int height, String codec, double audioBytes, double audioPackets) {

    static final StatsSnapshot EMPTY = new StatsSnapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "", 0, 0);

    /** Reads the video counters of a send-only ({@code sending}) or receive-only connection. */
    static StatsSnapshot of(RTCStatsReport report, boolean sending) {
        Map<String, RTCStats> stats = report.getStats();
        RTCStatsType rtpType = sending ? RTCStatsType.OUTBOUND_RTP : RTCStatsType.INBOUND_RTP;
        Map<String, Object> rtp = null;
        Map<String, Object> remoteInbound = null;
        Map<String, Object> mediaSource = null;
        Map<String, Object> audioRtp = null;
        double pairRtt = 0;
        for (RTCStats s : stats.values()) {
            Map<String, Object> a = s.getAttributes();
            if (s.getType() == rtpType && "video".equals(a.get("kind"))) {
                rtp = a;
            } else if (s.getType() == rtpType && "audio".equals(a.get("kind"))) {
                audioRtp = a;
            } else if (s.getType() == RTCStatsType.REMOTE_INBOUND_RTP && "video".equals(a.get("kind"))) {
                remoteInbound = a;
            } else if (s.getType() == RTCStatsType.MEDIA_SOURCE && "video".equals(a.get("kind"))) {
                mediaSource = a;
            } else if (s.getType() == RTCStatsType.CANDIDATE_PAIR && Boolean.TRUE.equals(a.get("nominated"))) {
                pairRtt = number(a, "currentRoundTripTime");
            }
        }
        double audioBytes = number(audioRtp, sending ? "bytesSent" : "bytesReceived");
        double audioPackets = number(audioRtp, sending ? "packetsSent" : "packetsReceived");
        if (rtp == null) {
            return new StatsSnapshot(report.getTimestamp(), 0, 0, 0, 0, 0, 0, pairRtt, 0, 0, 0, 0, "", audioBytes,
                    audioPackets);
        }
        String codec = "";
        Object codecId = rtp.get("codecId");
        if (codecId != null && stats.get(codecId.toString()) != null) {
            Object mime = stats.get(codecId.toString()).getAttributes().get("mimeType");
            codec = mime == null ? "" : mime.toString();
        }
        double rtt = remoteInbound != null && remoteInbound.containsKey("roundTripTime")
                ? number(remoteInbound, "roundTripTime") : pairRtt;
        return new StatsSnapshot(report.getTimestamp(),
                number(rtp, sending ? "bytesSent" : "bytesReceived"),
                number(rtp, sending ? "packetsSent" : "packetsReceived"),
                sending ? number(remoteInbound, "packetsLost") : number(rtp, "packetsLost"),
                number(rtp, sending ? "framesEncoded" : "framesDecoded"),
                number(rtp, "framesPerSecond"),
                number(mediaSource, "framesPerSecond"),
                rtt,
                number(remoteInbound, "fractionLost"),
                number(rtp, "jitter"),
                (int) number(rtp, "frameWidth"),
                (int) number(rtp, "frameHeight"),
                codec, audioBytes, audioPackets);
    }

    /** webrtc-java gives uint64 counters as BigInteger, uint32 as Long, doubles as Double. */
    private static double number(Map<String, Object> attributes, String key) {
        if (attributes == null) {
            return 0;
        }
        Object v = attributes.get(key);
        return v instanceof Number n ? n.doubleValue() : 0;
    }

    double seconds(StatsSnapshot earlier) {
        return Math.max(0.001, (timestampMicros - earlier.timestampMicros) / 1_000_000.0);
    }

    double kbps(StatsSnapshot earlier) {
        return earlier == EMPTY ? 0 : Math.max(0, bytes - earlier.bytes) * 8 / 1000 / seconds(earlier);
    }

    double audioKbps(StatsSnapshot earlier) {
        return earlier == EMPTY ? 0 : Math.max(0, audioBytes - earlier.audioBytes) * 8 / 1000 / seconds(earlier);
    }

    double audioPacketsPerSecond(StatsSnapshot earlier) {
        return earlier == EMPTY ? 0 : Math.max(0, audioPackets - earlier.audioPackets) / seconds(earlier);
    }

    double framesPerSecondSince(StatsSnapshot earlier) {
        return earlier == EMPTY ? framesPerSecond : Math.max(0, frames - earlier.frames) / seconds(earlier);
    }

    /** Lost packets over the period, as a fraction of those expected. */
    double lossRate(StatsSnapshot earlier) {
        double lost = Math.max(0, packetsLost - earlier.packetsLost);
        double arrived = Math.max(0, packets - earlier.packets);
        return lost + arrived == 0 ? 0 : lost / (lost + arrived);
    }
}
