package dev.parley.server.sfu;

/**
 * A request to Janus failed: Janus answered with an error (its own or the plugin's, with
 * Janus's code), did not answer in time, or the connection to it was lost.
 */
public final class JanusException extends RuntimeException {
    /** Janus's error code, or one of the negative codes below. */
    private final int code;

    /** Janus did not answer within the transaction timeout. */
    public static final int TIMEOUT = -1;
    /** The WebSocket to Janus closed or could not be opened. */
    public static final int DISCONNECTED = -2;

    public JanusException(int code, String message) {
        super(message + " (" + code + ")");
        this.code = code;
    }

    public int code() {
        return code;
    }
}
