package dev.parley.engine.internal.media;

import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/** A connection whose counters the quality reports read: a {@link PeerLink}, or a fake in tests. */
interface StatsSource {
    /** Reads the counters; {@code onSnapshot} runs on the engine loop, or never if the connection is gone. Any thread. */
    void stats(Consumer<StatsSnapshot> onSnapshot);

    /**
     * Reads a figure that grows while audio arrives and stands still when none does (0 before any
     * arrived); {@code onProgress} runs on the engine loop, or never if the connection is gone. Any
     * thread. The audio stall check asks every 500 ms, so a connection answers it without a whole
     * {@link #stats} report if it can; by default, from the audio packets of one.
     */
    default void audioProgress(DoubleConsumer onProgress) {
        stats(snapshot -> onProgress.accept(snapshot.audioPackets()));
    }

    /** The user at the other end. */
    String remoteUserId();
}
