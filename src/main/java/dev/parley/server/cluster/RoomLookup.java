package dev.parley.server.cluster;

/**
 * The answer to a room-users query across nodes. Immutable.
 *
 * @param ownerUrl the URL of the other node that holds the room, or null when this node does or none does
 * @param userElsewhere whether the user ID has a session on another live node
 */
public record RoomLookup(String ownerUrl, boolean userElsewhere) {
    /** Nothing elsewhere: the answer of a single node. */
    public static final RoomLookup NOTHING_ELSEWHERE = new RoomLookup(null, false);
}
