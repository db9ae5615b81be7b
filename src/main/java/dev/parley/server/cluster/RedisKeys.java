package dev.parley.server.cluster;

/**
 * The names of what the nodes keep in Redis, all under {@code parley:}:
 * <ul>
 *   <li>{@code parley:node:ID}: the node's public URL, kept for {@value RedisCluster#NODE_TTL_MILLIS} ms
 *       and refreshed every second;</li>
 *   <li>{@code parley:room:APP:ROOM}: the room's lease, {@code NODE|CLAIMED_AT_MILLIS|KIND};</li>
 *   <li>{@code parley:user:APP:USER}: the user's session, {@code NODE|LOGIN_MILLIS|SESSION_ID};</li>
 *   <li>{@code parley:stream:APP:STREAM}: the live stream, {@code NODE|USER};</li>
 *   <li>the pub/sub channel {@code parley:events:ID}: what other nodes tell this one.</li>
 * </ul>
 * Stateless.
 */
public final class RedisKeys {
    static final String NODE_PREFIX = "parley:node:";
    static final String CHANNEL_PREFIX = "parley:events:";

    private RedisKeys() {
    }

    /** The record of node {@code nodeId}. */
    public static String node(String nodeId) {
        return NODE_PREFIX + nodeId;
    }

    /** The lease of a room. */
    public static String room(long appId, String roomId) {
        return "parley:room:" + appId + ":" + roomId;
    }

    static String room(RoomKey room) {
        return room(room.appId(), room.roomId());
    }

    /** The session of a user. */
    public static String user(long appId, String userId) {
        return "parley:user:" + appId + ":" + userId;
    }

    /** The owner of a live stream. */
    public static String stream(long appId, String streamId) {
        return "parley:stream:" + appId + ":" + streamId;
    }

    /** The channel other nodes publish to for node {@code nodeId}. */
    static String channel(String nodeId) {
        return CHANNEL_PREFIX + nodeId;
    }

    /** The node ID in the value of a lease, a user's or a stream's key: what comes before the first {@code |}. */
    public static String holder(String value) {
        int bar = value.indexOf('|');
        return bar < 0 ? value : value.substring(0, bar);
    }
}
