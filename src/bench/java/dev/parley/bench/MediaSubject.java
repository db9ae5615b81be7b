package dev.parley.bench;

/**
 * One way of sending the test pattern from A to B's sink in this JVM: Parley's engines through a
 * room server, or the raw peer-connection pair of the baseline.
 *
 * <p>Used from the benchmark's main thread only, one play at a time. Opened with one video size;
 * {@link #close()} ends any play and frees everything.
 */
interface MediaSubject extends AutoCloseable {
    /** Starts a play: B asks for A's video. Returns at once; the log sees the frames. */
    ArrivalLog play() throws Exception;

    /** Ends the current play; the next {@link #play()} negotiates a new connection. */
    void stop() throws Exception;
}
