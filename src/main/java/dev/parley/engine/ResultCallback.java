package dev.parley.engine;

/** The result of a request such as a custom command or an extra info update; runs on the callback executor. */
@FunctionalInterface
public interface ResultCallback {
    /** @param errorCode 0 on success, else an {@link dev.parley.protocol.ErrorCode} value */
    void onResult(int errorCode);
}
