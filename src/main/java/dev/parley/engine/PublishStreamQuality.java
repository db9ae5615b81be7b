package dev.parley.engine;

import java.util.List;

/**
 * How a published stream is doing, reported every 3 s by {@link EventHandler#onPublisherQualityUpdate}.
 * Rates are over the last period; with several players, bitrates add up and RTT and loss are the
 * worst player's. Immutable.
 *
 * @param videoCaptureFPS frames captured per second
 * @param videoEncodeFPS frames encoded per second (first player's connection)
 * @param videoSendFPS frames sent per second (first player's connection)
 * @param videoKBPS video kbit/s sent to all players
 * @param rtt round-trip time in milliseconds
 * @param packetLostRate fraction of packets lost, 0 to 1
 * @param width sent frame width
 * @param height sent frame height
 * @param videoCodec such as "video/VP8"; empty before there is a player
 * @param players connections sending this stream
 * @param audioKBPS audio kbit/s sent to all players
 * @param level summary
 * @param candidatePairs the ICE candidate pair each connection sending this stream uses now, one per
 *                       connection (one per player in a mesh room, one to the media server in an SFU room)
 */
public record PublishStreamQuality(double videoCaptureFPS, double videoEncodeFPS, double videoSendFPS, double videoKBPS,
                                   int rtt, double packetLostRate, int width, int height, String videoCodec, int players,
                                   double audioKBPS, QualityLevel level, List<CandidatePair> candidatePairs) {
    public PublishStreamQuality {
        candidatePairs = List.copyOf(candidatePairs);
    }
}
