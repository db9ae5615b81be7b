package dev.parley.server.cluster;

/**
 * One logged-in user, as the nodes see it: a userID is unique per app across every node. Immutable.
 *
 * @param sessionId the session on this node; a later login elsewhere ends exactly this session
 * @param loginMillis when the session logged in; of two claims found after Redis was unreachable,
 *                    the later login keeps the user
 */
public record UserClaim(long appId, String userId, String sessionId, long loginMillis) {
}
