package dev.parley.engine.internal.media;

import dev.parley.engine.internal.audio.CapturedSoundLevel;
import dev.parley.engine.internal.audio.SoundMeter;
import dev.parley.engine.internal.core.CallbackDispatcher;
import dev.parley.engine.internal.core.Cancellable;
import dev.parley.engine.internal.core.Scheduler;
import dev.parley.engine.internal.rtc.RtcThread;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The sound level monitor: while it runs, every interval it takes the level of what this engine
 * captured ({@link CapturedSoundLevel}; 0 while the microphone is muted) and of the decoded audio
 * of each played stream since the last look, and reports them with onCapturedSoundLevelUpdate and
 * onRemoteSoundLevelUpdate. A played stream's level is what arrives, before its play volume and
 * the speaker mute.
 *
 * <p>{@link #start}, {@link #stop} and the timer run on the engine loop, the measuring on the RTC
 * thread; {@link #played} and {@link #unplayed} may come from any thread. Lives as long as the
 * engine's media.
 */
final class SoundLevels {
    private final Scheduler loop;
    private final RtcThread rtc;
    private final CallbackDispatcher callbacks;
    private final CapturedSoundLevel captured;
    private final BooleanSupplier microphoneMuted;
    /** The meter of each played stream's decoded audio, by stream ID. */
    private final Map<String, SoundMeter> remote = new ConcurrentHashMap<>();
    /** What feeds each meter, switched on (RTC thread) only while the monitor runs. */
    private final Map<SoundMeter, Consumer<Boolean>> taps = new ConcurrentHashMap<>();
    /** Written on the engine loop; read on the RTC thread when a play starts. */
    private volatile boolean running;
    private Cancellable timer;

    SoundLevels(Scheduler loop, RtcThread rtc, CallbackDispatcher callbacks, CapturedSoundLevel captured,
                BooleanSupplier microphoneMuted) {
        this.loop = loop;
        this.rtc = rtc;
        this.callbacks = callbacks;
        this.captured = captured;
        this.microphoneMuted = microphoneMuted;
    }

    /** Engine loop: reports every {@code intervalMillis} from now on; a running monitor takes the new interval. */
    void start(int intervalMillis) {
        loop.confinement().check();
        if (timer != null) {
            timer.cancel();
        } else {
            running = true;
            rtc.execute("start sound levels", () -> {
                captured.start();
                taps.values().forEach(tap -> tap.accept(true));
            });
        }
        timer = loop.scheduleWithFixedDelay(this::measure, intervalMillis, intervalMillis);
    }

    /** Engine loop: no more reports; the microphone's level recording closes. */
    void stop() {
        loop.confinement().check();
        if (timer == null) {
            return;
        }
        timer.cancel();
        timer = null;
        running = false;
        rtc.execute("stop sound levels", () -> {
            captured.stop();
            taps.values().forEach(tap -> tap.accept(false));
        });
    }

    /**
     * A played stream's decoded audio goes to {@code meter} from now on, through {@code tap}, which
     * this class switches on and off on the RTC thread as the monitor starts and stops.
     */
    void played(String streamId, SoundMeter meter, Consumer<Boolean> tap) {
        remote.put(streamId, meter);
        taps.put(meter, tap);
        rtc.execute("tap played audio", () -> {
            if (taps.containsKey(meter)) {
                tap.accept(running);
            }
        });
    }

    /** The play that fed {@code meter} ended; a newer play of the stream keeps its own. */
    void unplayed(String streamId, SoundMeter meter) {
        remote.remove(streamId, meter);
        taps.remove(meter);
    }

    private void measure() {
        rtc.execute("measure sound levels", () -> {
            float mine = captured.take();
            float level = microphoneMuted.getAsBoolean() ? 0 : mine;
            Map<String, Float> levels = new LinkedHashMap<>();
            remote.forEach((streamId, meter) -> levels.put(streamId, meter.take()));
            Map<String, Float> report = Collections.unmodifiableMap(levels);
            callbacks.emit(h -> h.onCapturedSoundLevelUpdate(level));
            callbacks.emit(h -> h.onRemoteSoundLevelUpdate(report));
        });
    }

    /** RTC thread, at destroy: the recording module closes. */
    void dispose() {
        captured.stop();
    }
}
