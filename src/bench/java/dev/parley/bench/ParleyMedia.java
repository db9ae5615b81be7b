package dev.parley.bench;

import dev.parley.engine.Canvas;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.TestPattern;
import dev.parley.engine.VideoConfig;

/**
 * Parley under test: a room server on port 0 and two engines in this JVM. A publishes its test
 * pattern at the config's size, rate and bitrate; each play is B's {@code startPlayingStream} into
 * a sink that reads the pattern of every frame.
 *
 * <p>Used from the benchmark's main thread; the engines call the sink on their decode thread.
 * {@link #close()} destroys both engines, then the server.
 */
final class ParleyMedia implements MediaSubject {
    private static final String ROOM = "media-bench";
    private static final String STREAM = "a-main";
    private final BenchCall call;
    private final ParleyEngine player;

    private ParleyMedia(BenchCall call, ParleyEngine player) {
        this.call = call;
        this.player = player;
    }

    /** Starts the server, logs both users in, and waits until A publishes. */
    static ParleyMedia open(VideoConfig config) throws Exception {
        BenchCall call = BenchCall.start();
        try {
            call.publisher(ROOM, "a", STREAM, config);
            return new ParleyMedia(call, call.player(ROOM, "b"));
        } catch (Exception | Error e) {
            call.close();
            throw e;
        }
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
