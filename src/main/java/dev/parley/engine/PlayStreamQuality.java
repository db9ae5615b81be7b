package dev.parley.engine;

/**
 * How a played stream is doing, reported every 3 s by {@link EventHandler#onPlayerQualityUpdate}.
 * Rates are over the last period. Immutable.
 *
 * @param videoRecvFPS frames received per second
 * @param videoDecodeFPS frames decoded per second
 * @param videoRenderFPS frames handed to the canvas per second
 * @param videoKBPS video kbit/s received
 * @param rtt round-trip time in milliseconds
 * @param packetLostRate fraction of packets lost, 0 to 1
 * @param jitterMillis interarrival jitter
 * @param width received frame width
 * @param height received frame height
 * @param videoCodec such as "video/VP8"
 * @param audioRecvFPS audio packets received per second
 * @param audioKBPS audio kbit/s received
 * @param level summary
 * @param candidatePair the ICE candidate pair the connection uses now: direct, or through a TURN relay
 */
public record PlayStreamQuality(double videoRecvFPS, double videoDecodeFPS, double videoRenderFPS, double videoKBPS,
                                int rtt, double packetLostRate, double jitterMillis, int width, int height,
                                String videoCodec, double audioRecvFPS, double audioKBPS, QualityLevel level,
                                CandidatePair candidatePair) {
}
