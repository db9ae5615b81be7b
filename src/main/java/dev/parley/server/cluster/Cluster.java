package dev.parley.server.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The room server's one door to the other nodes: who holds which room, which user and which
 * stream, and how to reach a node. {@link #singleNode()} is a server alone (everything is here,
 * answered at once); {@link #redis(ClusterConfig)} shares the rooms of several nodes through Redis.
 *
 * <p>Threading: every method except {@link #drain} and {@link #close} is called on the server's
 * core thread and never blocks it; answers ({@code Consumer}s) and {@link ClusterListener} calls
 * arrive on the executor given to {@link #start}, which is that thread. The single node answers
 * inline. Lifecycle: {@link #start} once, then use, then {@link #drain} (optional) and
 * {@link #close}.
 */
public interface Cluster extends AutoCloseable {
    /** A server alone: it holds every room, user and stream. */
    static Cluster singleNode() {
        return SingleNode.INSTANCE;
    }

    /** A node of those sharing the Redis of {@code config}. */
    static Cluster redis(ClusterConfig config) {
        return new RedisCluster(config);
    }

    /** Whether other nodes may exist; false for {@link #singleNode()}. */
    boolean shared();

    /** This node's ID; null for a single node. */
    String nodeId();

    /**
     * Registers this node, reachable at {@code publicUrl}, and starts keeping its records. Waits
     * at most a moment for Redis; when Redis cannot be reached the node starts anyway and joins
     * the others once it can.
     */
    void start(String publicUrl, Executor core, ClusterListener listener);

    /**
     * Claims {@code room} for this node (or keeps it) and the streams a login carries. The answer
     * says whether the login goes ahead here or the client goes elsewhere.
     */
    void claimRoom(RoomKey room, List<StreamClaim> carried, Consumer<RoomClaim> answer);

    /** The room is empty here: lets it go, unless another node holds it already. */
    void releaseRoom(RoomKey room);

    /** A user logged in here: an earlier session of the same user on another node ends. */
    void userJoined(UserClaim user);

    /** A session ended here. */
    void userLeft(UserClaim user);

    /** Claims a stream ID for a publish; the answer is false when it is live on another node. */
    void claimStream(StreamClaim stream, Consumer<Boolean> granted);

    /** A stream ended here. */
    void releaseStream(StreamClaim stream);

    /** The URL of the live node {@code nodeId}, or empty when it is gone (or unknown). */
    void locateNode(String nodeId, Consumer<Optional<String>> url);

    /** For a room-users query: which other node holds the room, and whether the user is on another node. */
    void lookup(RoomKey room, String userId, Consumer<RoomLookup> answer);

    /**
     * Leaves the others: this node's record, rooms, users and streams are released at once, and
     * the plan says where its clients go. From then on rooms are answered {@link RoomClaim.Draining}.
     * Blocks the calling thread (never the core thread) for at most {@code timeout}.
     */
    DrainPlan drain(Duration timeout);

    /** Stops the node's threads and connections; records left in Redis expire. */
    @Override
    void close();
}
