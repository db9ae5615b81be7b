package dev.parley.engine.internal.media;

import java.util.function.Consumer;

/** A connection whose counters the quality reports read: a {@link PeerLink}, or a fake in tests. */
interface StatsSource {
    /** Reads the counters; {@code onSnapshot} runs on the engine loop, or never if the connection is gone. Any thread. */
    void stats(Consumer<StatsSnapshot> onSnapshot);

    /** The user at the other end. */
    String remoteUserId();
}
