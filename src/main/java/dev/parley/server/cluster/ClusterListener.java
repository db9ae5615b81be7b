package dev.parley.server.cluster;

/**
 * What the other nodes make a node do. Called on the executor given to {@link Cluster#start}, the
 * server's core thread.
 */
public interface ClusterListener {
    /** The session's user logged in on another node (or did so later while Redis was unreachable): end it with a kick-out. */
    void sessionTakenElsewhere(long appId, String sessionId);

    /** Another node holds the room now: its clients here must log in again at {@code url}. */
    void roomMoved(RoomKey room, String url);
}
