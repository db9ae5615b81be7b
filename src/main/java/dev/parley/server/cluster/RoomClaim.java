package dev.parley.server.cluster;

import java.util.Set;

/** What a node may do with a room a login asked for. Immutable. */
public sealed interface RoomClaim {
    /** This node holds the room: the login goes ahead, with the carried streams it may register. */
    record Here(Set<String> grantedStreams) implements RoomClaim {
        public Here {
            grantedStreams = Set.copyOf(grantedStreams);
        }
    }

    /** Another live node holds the room: the client is sent there. */
    record Elsewhere(String nodeId, String url) implements RoomClaim {
    }

    /** This node is draining and takes no room. */
    record Draining() implements RoomClaim {
    }
}
