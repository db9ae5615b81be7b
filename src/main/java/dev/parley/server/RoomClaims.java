package dev.parley.server;

import dev.parley.server.cluster.Cluster;
import dev.parley.server.cluster.RoomClaim;
import dev.parley.server.cluster.RoomKey;
import dev.parley.server.cluster.StreamClaim;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rooms this node asks the other nodes for, and lets go of: a room is released when it is
 * dropped here and no login for it is still waiting for its claim (which would otherwise find the
 * lease it was granted deleted behind it).
 *
 * <p>Not thread-safe; used on the server's core thread only.
 */
final class RoomClaims {
    private final Cluster cluster;
    private final RoomDirectory directory;
    private final Map<RoomKey, Integer> waiting = new HashMap<>();

    RoomClaims(Cluster cluster, RoomDirectory directory) {
        this.cluster = cluster;
        this.directory = directory;
    }

    /** Claims the room for a login; {@code then} runs on the core thread with the answer. */
    void claim(RoomKey room, List<StreamClaim> carried, Consumer<RoomClaim> then) {
        waiting.merge(room, 1, Integer::sum);
        cluster.claimRoom(room, carried, claim -> {
            waiting.computeIfPresent(room, (k, n) -> n == 1 ? null : n - 1);
            then.accept(claim);
            settle(room);
        });
    }

    /** The room was dropped here (it emptied, or moved). */
    void dropped(Room room) {
        settle(new RoomKey(room.appId(), room.roomId()));
    }

    private void settle(RoomKey room) {
        if (!waiting.containsKey(room) && directory.room(room.appId(), room.roomId()) == null) {
            cluster.releaseRoom(room);
        }
    }
}
