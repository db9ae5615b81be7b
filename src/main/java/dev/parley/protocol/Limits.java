package dev.parley.protocol;

/**
 * The size and rate limits of the room contract (listed in the README, "The room server"), checked
 * by both the server and the engine.
 *
 * <p>Constants only.
 */
public final class Limits {
    public static final int MAX_ROOM_ID_BYTES = 128;
    public static final int MAX_USER_ID_BYTES = 64;
    public static final int MAX_USER_NAME_BYTES = 256;
    public static final int MAX_STREAM_ID_CHARS = 256;
    public static final int MAX_EXTRA_INFO_BYTES = 1024;
    public static final int MAX_MESSAGE_BYTES = 1024;
    public static final int MAX_ROOM_EXTRA_INFO_KEY_BYTES = 128;
    public static final int MAX_BROADCASTS_PER_ROOM_PER_SECOND = 10;
    public static final int MAX_BROADCASTS_PER_USER_PER_SECOND = 2;
    public static final int MAX_PLAYING_STREAMS = 12;
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    public static final int MAX_SIGNAL_PAYLOAD_CHARS = 48 * 1024;
    public static final int MAX_COMMAND_RECIPIENTS = 500;
    public static final int MAX_JSON_NESTING_DEPTH = 16;

    private Limits() {
    }
}
