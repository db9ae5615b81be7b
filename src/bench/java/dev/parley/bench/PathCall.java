package dev.parley.bench;

import dev.parley.engine.CandidatePair;
import dev.parley.engine.Canvas;
import dev.parley.engine.EventHandler;
import dev.parley.engine.IceTransportPolicy;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.TestPattern;
import dev.parley.engine.VideoConfig;
import dev.parley.server.ServerConfig;
import dev.parley.server.TurnConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * One Parley call for the relay benchmark: a room server on port 0 and two engines in this JVM, A
 * publishing the test pattern and B playing it, either direct (the servers hand out no relay, the
 * engines use every candidate) or relayed (the server hands out a coturn with credentials, and both
 * engines use the RELAY policy, so every packet goes A → coturn → B). B's quality reports tell
 * which candidate pair carried the play.
 *
 * <p>Used from the benchmark's main thread; the sink runs on B's decode thread. {@link #close()}
 * destroys both engines, then the server.
 */
final class PathCall implements MediaSubject {
    private static final String ROOM = "relay-bench";
    private static final String STREAM = "a-main";
    private final BenchCall call;
    private final ParleyEngine player;
    private volatile CandidatePair pair = CandidatePair.NONE;
    /** B's video kbit/s from each quality report, with the report's {@code System.nanoTime()}. */
    private final List<double[]> kbps = new CopyOnWriteArrayList<>();

    private PathCall(BenchCall call, VideoConfig config) throws InterruptedException {
        this.call = call;
        call.publisher(ROOM, "a", STREAM, config);
        this.player = call.player(ROOM, "b", new EventHandler() {
            @Override
            public void onPlayerQualityUpdate(String streamID, PlayStreamQuality quality) {
                if (quality.candidatePair() != CandidatePair.NONE) {
                    pair = quality.candidatePair();
                }
                kbps.add(new double[] {System.nanoTime(), quality.videoKBPS()});
            }
        });
    }

    static PathCall direct(VideoConfig config) throws Exception {
        return open(BenchCall.start(UnaryOperator.identity(), IceTransportPolicy.ALL), config);
    }

    /** Through the TURN server at {@code turnUrl}, which shares {@code secret} with the room server. */
    static PathCall relayed(VideoConfig config, String turnUrl, String secret) throws Exception {
        UnaryOperator<ServerConfig.Builder> turn = b -> b.turn(new TurnConfig(List.of(turnUrl), secret, Duration.ofHours(1)));
        return open(BenchCall.start(turn, IceTransportPolicy.RELAY), config);
    }

    private static PathCall open(BenchCall call, VideoConfig config) throws Exception {
        try {
            return new PathCall(call, config);
        } catch (Exception | Error e) {
            call.close();
            throw e;
        }
    }

    /** The candidate pair of B's last quality report that had one. */
    CandidatePair pair() {
        return pair;
    }

    /** The mean video kbit/s of B's quality reports between two {@code System.nanoTime()} readings; NaN for none. */
    double videoKbps(long fromNanos, long toNanos) {
        return kbps.stream().filter(k -> k[0] >= fromNanos && k[0] <= toNanos).mapToDouble(k -> k[1]).average()
                .orElse(Double.NaN);
    }

    @Override
    public ArrivalLog play() {
        ArrivalLog log = new ArrivalLog();
        player.startPlayingStream(STREAM, new Canvas(frame -> log.arrived(TestPattern.read(frame))));
        return log;
    }

    @Override
    public void stop() {
        player.stopPlayingStream(STREAM);
    }

    @Override
    public void close() throws Exception {
        call.close();
    }
}
