package dev.parley.engine.internal.media;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How this engine plays other users' streams: each stream's play volume and audio and video
 * mutes, by stream ID, and the speaker mute for all of them. Set by the app, before or while a
 * stream plays, and kept for the engine's life (a setting back at its default is forgotten), so
 * that every connection of a play (a fresh one, after an ICE restart or a reconnect) starts with
 * it.
 *
 * <p>A stream is silent while {@link #audible} is false, heard as received at the default volume,
 * and scaled by {@link PlayedAudio} at any other.
 *
 * <p>Thread-safe: written on the engine loop, read on the engine loop and the RTC thread.
 */
final class PlaybackSettings {
    static final int DEFAULT_VOLUME = 100;

    /** One stream's settings. */
    record Stream(int volume, boolean audioMuted, boolean videoMuted) {
        static final Stream DEFAULT = new Stream(DEFAULT_VOLUME, false, false);
    }

    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private volatile boolean speakerMuted;

    Stream of(String streamId) {
        return streams.getOrDefault(streamId, Stream.DEFAULT);
    }

    void volume(String streamId, int volume) {
        put(streamId, new Stream(volume, of(streamId).audioMuted(), of(streamId).videoMuted()));
    }

    void muteAudio(String streamId, boolean mute) {
        put(streamId, new Stream(of(streamId).volume(), mute, of(streamId).videoMuted()));
    }

    void muteVideo(String streamId, boolean mute) {
        put(streamId, new Stream(of(streamId).volume(), of(streamId).audioMuted(), mute));
    }

    private void put(String streamId, Stream settings) {
        if (settings.equals(Stream.DEFAULT)) {
            streams.remove(streamId);
        } else {
            streams.put(streamId, settings);
        }
    }

    void muteSpeaker(boolean mute) {
        speakerMuted = mute;
    }

    boolean speakerMuted() {
        return speakerMuted;
    }

    /** Whether the stream's audio reaches the speakers. */
    boolean audible(String streamId) {
        Stream s = of(streamId);
        return !speakerMuted && !s.audioMuted() && s.volume() > 0;
    }

    /** Whether the stream's video is received. */
    boolean receivesVideo(String streamId) {
        return !of(streamId).videoMuted();
    }
}
