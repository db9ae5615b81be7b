package dev.parley.engine;

/** The result of {@link ParleyEngine#sendBroadcastMessage}; runs on the callback executor. */
@FunctionalInterface
public interface BroadcastMessageCallback {
    /**
     * @param errorCode 0 on success, else an {@link dev.parley.protocol.ErrorCode} value
     * @param messageID the ID the server gave the message; 0 on failure
     */
    void onResult(int errorCode, long messageID);
}
