package dev.parley.app;

import dev.parley.engine.CandidatePair;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.PublishStreamQuality;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One quality report of one stream, published or played, in the figures the statistics panel
 * shows: what the engine reported, at the time it arrived. Immutable.
 *
 * @param at when the report arrived
 * @param codec such as "video/VP8"; empty while the engine knows none (a published stream nobody plays)
 * @param width frame width sent or received
 * @param height frame height sent or received
 * @param fps frames per second: sent for a published stream, drawn (or decoded, when none were drawn) for a played one
 * @param kbps video and audio kbit/s together, sent or received
 * @param rttMillis round-trip time
 * @param lossRate fraction of packets lost, 0 to 1
 * @param jitterMillis interarrival jitter; reported for played streams only
 * @param candidatePairs the ICE candidate pair of each connection that carries the stream
 */
public record StreamReport(Instant at, String codec, int width, int height, double fps, double kbps, int rttMillis,
                           double lossRate, OptionalDouble jitterMillis, List<CandidatePair> candidatePairs) {
    public StreamReport {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(jitterMillis, "jitterMillis");
        candidatePairs = List.copyOf(candidatePairs);
    }

    /** A played stream's report. */
    public static StreamReport of(PlayStreamQuality q, Instant at) {
        double fps = q.videoRenderFPS() > 0 ? q.videoRenderFPS() : q.videoDecodeFPS();
        return new StreamReport(at, q.videoCodec(), q.width(), q.height(), fps, q.videoKBPS() + q.audioKBPS(), q.rtt(),
                q.packetLostRate(), OptionalDouble.of(q.jitterMillis()), List.of(q.candidatePair()));
    }

    /** A published stream's report. */
    public static StreamReport of(PublishStreamQuality q, Instant at) {
        return new StreamReport(at, q.videoCodec(), q.width(), q.height(), q.videoSendFPS(), q.videoKBPS() + q.audioKBPS(),
                q.rtt(), q.packetLostRate(), OptionalDouble.empty(), q.candidatePairs());
    }
}
