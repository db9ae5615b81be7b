package dev.parley.app;

import dev.parley.engine.Canvas;
import dev.parley.engine.EngineProfile;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.RoomConfig;
import dev.parley.engine.Stream;
import dev.parley.engine.TestPattern;
import dev.parley.engine.UpdateType;
import dev.parley.engine.User;
import dev.parley.engine.VideoConfig;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The headless call bot: joins a room, publishes the test pattern (or a camera), plays the
 * streams it is told to, and prints every callback as one JSON line, plus a {@code frames} line per
 * played stream every 3 s.
 *
 * <p>{@link #run} blocks until the duration ends or {@link #stop()} is called, then destroys the
 * engine. One instance per run.
 */
public final class CallBot {
    private static final long FRAMES_PERIOD_MILLIS = 3000;
    private final CallBotOptions options;
    private final JsonEventPrinter printer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Map<String, FrameCounterSink> sinks = new ConcurrentHashMap<>();
    private volatile ParleyEngine engine;

    public CallBot(CallBotOptions options, PrintStream out) {
        this.options = options;
        this.printer = new JsonEventPrinter(out, Clock.systemUTC()) {
            @Override
            public void onRoomStreamUpdate(String roomID, UpdateType type, List<Stream> streams, String data) {
                super.onRoomStreamUpdate(roomID, type, streams, data);
                for (Stream s : streams) {
                    if (!options.plays(s.streamID())) {
                        continue;
                    }
                    if (type == UpdateType.ADD) {
                        FrameCounterSink sink = new FrameCounterSink();
                        sinks.put(s.streamID(), sink);
                        engine.startPlayingStream(s.streamID(), new Canvas(sink));
                    } else {
                        engine.stopPlayingStream(s.streamID());
                    }
                }
            }
        };
    }

    /** Runs the bot; returns the process exit code: 0, or 1 when the login failed. */
    public int run() throws InterruptedException {
        try {
            return runUntilStopped();
        } finally {
            finished.countDown();
        }
    }

    /** Waits until {@link #run} has destroyed the engine, for a shutdown hook. */
    public void awaitFinished(long millis) throws InterruptedException {
        finished.await(millis, TimeUnit.MILLISECONDS);
    }

    private int runUntilStopped() throws InterruptedException {
        // a bot sends the test tone and plays nothing aloud, whatever sound devices the machine has
        EngineProfile.Builder profile = ServerList.parse(options.serverUrl()).profile(options.appId()).appSign(options.appSign())
                .audioDevices(dev.parley.engine.AudioDeviceMode.HEADLESS).iceTransportPolicy(options.iceTransportPolicy());
        engine = ParleyEngine.createEngine(profile.build(), printer);
        engine.setVideoConfig(new VideoConfig(options.width(), options.height(), options.fps(), options.bitrateKbps()));
        engine.enableCamera(!options.audioOnly());
        if ("camera".equals(options.source())) {
            engine.getVideoDevices().stream().filter(d -> !d.deviceID().equals(TestPattern.DEVICE_ID)).findFirst()
                    .ifPresentOrElse(d -> engine.useVideoDevice(d.deviceID()),
                            () -> printer.print("notice", "message", "no camera found; publishing the test pattern"));
        }
        int[] loginCode = {-1};
        CountDownLatch loggedIn = new CountDownLatch(1);
        engine.loginRoom(options.roomId(), new User(options.userId(), options.userName()),
                new RoomConfig(0, true, options.token()), (code, data) -> {
                    loginCode[0] = code;
                    loggedIn.countDown();
                });
        loggedIn.await();
        if (loginCode[0] != 0) {
            destroy();
            return 1;
        }
        for (String streamId : options.play()) {
            if (!streamId.equals("all") && !streamId.equals("none")) {
                FrameCounterSink sink = new FrameCounterSink();
                sinks.put(streamId, sink);
                engine.startPlayingStream(streamId, new Canvas(sink));
            }
        }
        if (options.publishStreamId() != null) {
            engine.startPublishingStream(options.publishStreamId());
        }
        if (options.soundLevelIntervalMillis() > 0) {
            engine.startSoundLevelMonitor(options.soundLevelIntervalMillis());
        }
        long end = options.duration() == null ? Long.MAX_VALUE : System.nanoTime() + options.duration().toNanos();
        while (System.nanoTime() < end) {
            long wait = Math.min(FRAMES_PERIOD_MILLIS, Math.max(1, (end - System.nanoTime()) / 1_000_000));
            if (stopped.await(wait, TimeUnit.MILLISECONDS)) {
                break;
            }
            sinks.forEach((streamId, sink) -> {
                TestPattern.Marks marks = sink.lastMarks();
                printer.print("frames", "streamID", streamId, "frames", sink.frames(), "width", sink.width(),
                        "height", sink.height(), "frameCounter", marks == null ? null : marks.frameCounter());
            });
        }
        destroy();
        return 0;
    }

    /** Ends {@link #run} early, as Ctrl-C does. */
    public void stop() {
        stopped.countDown();
    }

    private void destroy() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        engine.destroyEngine(done::countDown);
        done.await(10, TimeUnit.SECONDS);
        printer.print("destroyed");
    }
}
