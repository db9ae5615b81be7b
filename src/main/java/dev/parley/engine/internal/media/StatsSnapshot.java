package dev.parley.engine.internal.media;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import dev.parley.engine.CandidatePair;
import dev.parley.engine.CandidateType;
import java.util.HashMap;
import java.util.Map;

/**
 * The counters Parley reads from one peer connection's stats report, for its video, and the
 * candidate pair the connection uses. A simulcast sender's layers count together for bytes,
 * packets and losses; frames, rate, size, codec and round trip are those of its largest layer. Counters are cumulative; rates come from the difference of
 * two snapshots. Immutable.
 */
record StatsSnapshot(long timestampMicros, double bytes, double packets, double packetsLost, double frames,
                     double framesPerSecond, double captureFramesPerSecond, double rttSeconds, double fractionLost,
                     double jitterSeconds, int width, int height, String codec, double audioBytes, double audioPackets,
                     CandidatePair pair) {

    static final StatsSnapshot EMPTY = new StatsSnapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "", 0, 0,
            CandidatePair.NONE);

    /** Reads the video counters of a send-only ({@code sending}) or receive-only connection. */
    static StatsSnapshot of(RTCStatsReport report, boolean sending) {
        Map<String, RTCStats> stats = report.getStats();
        RTCStatsType rtpType = sending ? RTCStatsType.OUTBOUND_RTP : RTCStatsType.INBOUND_RTP;
        Map<String, Object> rtp = null;
        String rtpId = null;
        Map<String, Map<String, Object>> remoteInbounds = new HashMap<>();
        Map<String, Object> mediaSource = null;
        Map<String, Object> audioRtp = null;
        double pairRtt = 0;
        // a simulcast sender has one outbound-rtp per layer: the bytes of all, the rest of the largest
        double videoBytes = 0;
        double videoPackets = 0;
        for (RTCStats s : stats.values()) {
            Map<String, Object> a = s.getAttributes();
            if (s.getType() == rtpType && "video".equals(a.get("kind"))) {
                videoBytes += number(a, sending ? "bytesSent" : "bytesReceived");
                videoPackets += number(a, sending ? "packetsSent" : "packetsReceived");
                if (rtp == null || largerLayer(a, rtp)) {
                    rtp = a;
                    rtpId = s.getId();
                }
            } else if (s.getType() == rtpType && "audio".equals(a.get("kind"))) {
                audioRtp = a;
            } else if (s.getType() == RTCStatsType.REMOTE_INBOUND_RTP && "video".equals(a.get("kind"))) {
                remoteInbounds.put(String.valueOf(a.get("localId")), a);
            } else if (s.getType() == RTCStatsType.MEDIA_SOURCE && "video".equals(a.get("kind"))) {
                mediaSource = a;
            } else if (s.getType() == RTCStatsType.CANDIDATE_PAIR && Boolean.TRUE.equals(a.get("nominated"))) {
                pairRtt = number(a, "currentRoundTripTime");
            }
        }
        double audioBytes = number(audioRtp, sending ? "bytesSent" : "bytesReceived");
        double audioPackets = number(audioRtp, sending ? "packetsSent" : "packetsReceived");
        CandidatePair pair = selectedPair(stats);
        if (rtp == null) {
            return new StatsSnapshot(report.getTimestamp(), 0, 0, 0, 0, 0, 0, pairRtt, 0, 0, 0, 0, "", audioBytes,
                    audioPackets, pair);
        }
        Map<String, Object> remoteInbound = remoteInbounds.containsKey(rtpId) ? remoteInbounds.get(rtpId)
                : remoteInbounds.values().stream().findFirst().orElse(null);
        double remoteLost = remoteInbounds.values().stream().mapToDouble(r -> number(r, "packetsLost")).sum();
        String codec = "";
        Object codecId = rtp.get("codecId");
        if (codecId != null && stats.get(codecId.toString()) != null) {
            Object mime = stats.get(codecId.toString()).getAttributes().get("mimeType");
            codec = mime == null ? "" : mime.toString();
        }
        double rtt = remoteInbound != null && remoteInbound.containsKey("roundTripTime")
                ? number(remoteInbound, "roundTripTime") : pairRtt;
        return new StatsSnapshot(report.getTimestamp(),
                videoBytes,
                videoPackets,
                sending ? remoteLost : number(rtp, "packetsLost"),
                number(rtp, sending ? "framesEncoded" : "framesDecoded"),
                number(rtp, "framesPerSecond"),
                number(mediaSource, "framesPerSecond"),
                rtt,
                number(remoteInbound, "fractionLost"),
                number(rtp, "jitter"),
                (int) number(rtp, "frameWidth"),
                (int) number(rtp, "frameHeight"),
                codec, audioBytes, audioPackets, pair);
    }

    /**
     * The pair the transport selected ({@code selectedCandidatePairId}), or else a nominated pair
     * whose checks succeeded, with the types of its local and remote candidates; NONE before ICE
     * has chosen one.
     */
    static CandidatePair selectedPair(Map<String, RTCStats> stats) {
        Map<String, Object> pair = null;
        for (RTCStats s : stats.values()) {
            if (s.getType() == RTCStatsType.TRANSPORT && s.getAttributes().get("selectedCandidatePairId") != null) {
                RTCStats selected = stats.get(s.getAttributes().get("selectedCandidatePairId").toString());
                pair = selected == null ? null : selected.getAttributes();
                break;
            }
        }
        if (pair == null) {
            for (RTCStats s : stats.values()) {
                Map<String, Object> a = s.getAttributes();
                if (s.getType() == RTCStatsType.CANDIDATE_PAIR && Boolean.TRUE.equals(a.get("nominated"))
                        && "succeeded".equals(a.get("state"))) {
                    pair = a;
                    break;
                }
            }
        }
        if (pair == null) {
            return CandidatePair.NONE;
        }
        Map<String, Object> local = attributes(stats, pair.get("localCandidateId"));
        Map<String, Object> remote = attributes(stats, pair.get("remoteCandidateId"));
        CandidateType localType = candidateType(local);
        Object relayProtocol = local == null ? null : local.get("relayProtocol");
        return new CandidatePair(localType, candidateType(remote),
                localType == CandidateType.RELAY && relayProtocol != null ? relayProtocol.toString() : "");
    }

    private static Map<String, Object> attributes(Map<String, RTCStats> stats, Object id) {
        RTCStats s = id == null ? null : stats.get(id.toString());
        return s == null ? null : s.getAttributes();
    }

    /** The stats' {@code candidateType}: host, srflx, prflx or relay. */
    static CandidateType candidateType(Map<String, Object> candidate) {
        Object type = candidate == null ? null : candidate.get("candidateType");
        return switch (type == null ? "" : type.toString()) {
            case "host" -> CandidateType.HOST;
            case "srflx" -> CandidateType.SERVER_REFLEXIVE;
            case "prflx" -> CandidateType.PEER_REFLEXIVE;
            case "relay" -> CandidateType.RELAY;
            default -> CandidateType.UNKNOWN;
        };
    }

    /** webrtc-java gives uint64 counters as BigInteger, uint32 as Long, doubles as Double. */
    /** Whether {@code a} is a larger layer than {@code b}: more pixels, or as many and more bytes. */
    private static boolean largerLayer(Map<String, Object> a, Map<String, Object> b) {
        double pixelsA = number(a, "frameWidth") * number(a, "frameHeight");
        double pixelsB = number(b, "frameWidth") * number(b, "frameHeight");
        if (pixelsA != pixelsB) {
            return pixelsA > pixelsB;
        }
        return number(a, "bytesSent") + number(a, "bytesReceived") > number(b, "bytesSent") + number(b, "bytesReceived");
    }

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
