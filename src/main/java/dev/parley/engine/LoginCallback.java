package dev.parley.engine;

/** The result of {@link ParleyEngine#loginRoom}; runs on the callback executor. */
@FunctionalInterface
public interface LoginCallback {
    /**
     * @param errorCode 0 on success, else an {@link dev.parley.protocol.ErrorCode} value
     * @param extendedData JSON with details, "{}" when there are none
     */
    void onLoginResult(int errorCode, String extendedData);
}
