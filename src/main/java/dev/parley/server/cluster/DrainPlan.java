package dev.parley.server.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the clients of a draining node go: the other live nodes, by ID, with their URLs. Every
 * client of one room is sent to the same node (the one whose hash with the room is highest), so
 * that the room meets again there. Immutable.
 */
public record DrainPlan(Map<String, String> nodeUrls) {
    /** No other node known: clients are only told that this node goes away. */
    public static final DrainPlan NOWHERE = new DrainPlan(Map.of());

    public DrainPlan {
        nodeUrls = Map.copyOf(new TreeMap<>(nodeUrls));
    }

    /** The URL of the node the clients of {@code room} move to, or null when there is none. */
    public String target(RoomKey room) {
        String best = null;
        long bestScore = Long.MIN_VALUE;
        for (Map.Entry<String, String> node : new TreeMap<>(nodeUrls).entrySet()) {
            long score = score(node.getKey(), room);
            if (best == null || score > bestScore) {
                best = node.getValue();
                bestScore = score;
            }
        }
        return best;
    }

    private static long score(String nodeId, RoomKey room) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest((nodeId + "\n" + room.appId() + "\n" + room.roomId()).getBytes(StandardCharsets.UTF_8));
            long score = 0;
            for (int i = 0; i < 8; i++) {
                score = (score << 8) | (hash[i] & 0xff);
            }
            return score;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
