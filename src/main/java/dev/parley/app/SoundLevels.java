package dev.parley.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyFloatProperty;
import javafx.beans.property.ReadOnlyFloatWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Who is speaking, from the engine's sound level reports: the captured level (the join view's
 * microphone meter) and whether this user speaks (the ring on the preview), each played stream's
 * level and speaking state ({@link RemoteStream#speakingProperty()}), and the current speaker:
 * the loudest speaking stream once it has been the loudest for {@link #SWITCH_MILLIS}; it stays
 * the current speaker through silence until another one takes over or its stream stops.
 *
 * <p>Threading: FX thread only (the engine's callbacks arrive there); needs no running toolkit.
 * Lifecycle: one per session; {@link #reset()} when the engine goes.
 */
public final class SoundLevels {
    /** How long a stream must be the loudest speaker before it becomes the current speaker. */
    static final long SWITCH_MILLIS = 400;

    private final LongSupplier clock;
    private final ReadOnlyFloatWrapper captured = new ReadOnlyFloatWrapper(this, "captured");
    private final ReadOnlyBooleanWrapper localSpeaking = new ReadOnlyBooleanWrapper(this, "localSpeaking");
    private final ReadOnlyObjectWrapper<RemoteStream> currentSpeaker = new ReadOnlyObjectWrapper<>(this, "currentSpeaker");
    private Speech local = new Speech();
    private final Map<RemoteStream, Speech> remote = new HashMap<>();
    private RemoteStream candidate;
    private long candidateSince;

    /** @param clock milliseconds, monotonic */
    SoundLevels(LongSupplier clock) {
        this.clock = clock;
    }

    /** The level of what this engine captures, 0 to 100; 0 while muted or before the first report. */
    public ReadOnlyFloatProperty capturedLevelProperty() {
        return captured.getReadOnlyProperty();
    }

    /** Whether this user is speaking (captured level over the threshold, with a hold). */
    public ReadOnlyBooleanProperty localSpeakingProperty() {
        return localSpeaking.getReadOnlyProperty();
    }

    /** The played stream of whoever speaks now, or null; see the class comment. */
    public ReadOnlyObjectProperty<RemoteStream> currentSpeakerProperty() {
        return currentSpeaker.getReadOnlyProperty();
    }

    void captured(float level) {
        captured.set(level);
        localSpeaking.set(local.update(level, clock.getAsLong()));
    }

    /**
     * One report of the played streams' levels; streams of {@code playing} it does not name count
     * as silent, and streams no longer playing are forgotten.
     */
    void remote(Map<String, Float> levels, List<RemoteStream> playing) {
        long now = clock.getAsLong();
        remote.keySet().retainAll(playing);
        RemoteStream loudest = null;
        float loudestLevel = -1;
        for (RemoteStream stream : playing) {
            float level = levels.getOrDefault(stream.streamID(), 0f);
            boolean speaking = remote.computeIfAbsent(stream, s -> new Speech()).update(level, now);
            stream.soundLevel(level, speaking);
            if (speaking && level >= Speech.THRESHOLD && level > loudestLevel) {
                loudest = stream;
                loudestLevel = level;
            }
        }
        if (currentSpeaker.get() != null && !playing.contains(currentSpeaker.get())) {
            currentSpeaker.set(null);
        }
        if (loudest == null || loudest == currentSpeaker.get()) {
            candidate = null;
        } else if (loudest != candidate) {
            candidate = loudest;
            candidateSince = now;
        }
        if (candidate != null && (currentSpeaker.get() == null || now - candidateSince >= SWITCH_MILLIS)) {
            currentSpeaker.set(candidate);
            candidate = null;
        }
    }

    /** Forgets every level: the engine is gone. */
    void reset() {
        local = new Speech();
        captured.set(0);
        localSpeaking.set(false);
        remote.keySet().forEach(s -> s.soundLevel(0, false));
        remote.clear();
        candidate = null;
        currentSpeaker.set(null);
    }
}
