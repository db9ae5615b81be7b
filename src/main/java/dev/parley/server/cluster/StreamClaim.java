package dev.parley.server.cluster;

/**
 * One live stream, as the nodes see it: a streamID is unique per app across every node, except
 * that its own user may take it to another node (a login there ends the earlier session). Immutable.
 */
public record StreamClaim(long appId, String streamId, String userId) {
}
