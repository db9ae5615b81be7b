package dev.parley.protocol;

/**
 * A user as the protocol carries it. Immutable.
 *
 * @param userId unique within an appID, at most 64 bytes
 * @param userName display name, at most 256 bytes; may be empty
 */
public record UserInfo(String userId, String userName) {
}
