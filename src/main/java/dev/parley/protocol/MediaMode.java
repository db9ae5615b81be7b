package dev.parley.protocol;

/**
 * How a room carries media. The server decides per app and tells the client at login.
 */
public enum MediaMode {
    /** Every publisher sends to every player directly (one connection per player). */
    MESH,
    /**
     * Every publisher sends each stream once to the media server, which forwards it to the
     * players. Negotiation goes between the client and the room server, which speaks for the
     * media server: its signals carry the empty user ID {@link #MEDIA_SERVER_PEER}.
     */
    SFU;

    /** The user ID that stands for the media server in SFU rooms' signals (no user can have it). */
    public static final String MEDIA_SERVER_PEER = "";
}
