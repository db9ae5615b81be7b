package dev.parley.app;

import dev.parley.engine.ParleyEngine;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The play volume and audio mute chosen for each stream ID: passed to the engine, shown on the
 * stream's {@link RemoteStream}, and shown again on a new {@link RemoteStream} of the same stream
 * ID (the engine keeps them for new plays of the ID too), until the engine goes.
 *
 * <p>Threading: FX thread only. Lifecycle: one per session; {@link #clear()} when the engine goes.
 */
final class PlayControls {
    static final int DEFAULT_VOLUME = 100;
    private final Map<String, Integer> volumes = new HashMap<>();
    private final Set<String> muted = new HashSet<>();

    void setVolume(ParleyEngine engine, RemoteStream stream, int volume) {
        if (volume < 0 || volume > 200) {
            throw new IllegalArgumentException("volume " + volume + " is not within 0..200");
        }
        if (engine == null) {
            return;
        }
        engine.setPlayVolume(stream.streamID(), volume);
        volumes.put(stream.streamID(), volume);
        show(stream);
    }

    void muteAudio(ParleyEngine engine, RemoteStream stream, boolean mute) {
        if (engine == null) {
            return;
        }
        engine.mutePlayStreamAudio(stream.streamID(), mute);
        if (mute) {
            muted.add(stream.streamID());
        } else {
            muted.remove(stream.streamID());
        }
        show(stream);
    }

    /** Shows on {@code stream} what was chosen for its stream ID. */
    void show(RemoteStream stream) {
        stream.playback(volumes.getOrDefault(stream.streamID(), DEFAULT_VOLUME), muted.contains(stream.streamID()));
    }

    void clear() {
        volumes.clear();
        muted.clear();
    }
}
