package dev.parley.server.token;

import java.util.Objects;

/**
 * What a token says. Immutable.
 *
 * @param appId the app it was minted for
 * @param userId the user it was minted for
 * @param roomId the only room it admits to, or null for any
 * @param privileges what it allows
 * @param issuedAt epoch seconds
 * @param expiresAt epoch seconds
 * @param nonce random text so that two tokens never look alike
 */
public record TokenClaims(long appId, String userId, String roomId, TokenPrivileges privileges, long issuedAt,
                          long expiresAt, String nonce) {
    public TokenClaims {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(privileges, "privileges");
        Objects.requireNonNull(nonce, "nonce");
        if (expiresAt <= issuedAt) {
            throw new IllegalArgumentException("a token must expire after it is issued");
        }
    }
}
