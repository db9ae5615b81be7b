package dev.parley.server.token;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Normalization;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.function.LongFunction;

/**
 * Checks tokens presented at login or renewal: format, signature or seal, app, user, room and
 * expiry, each refusal with its own room error code.
 *
 * <p>A token has exactly one spelling: each base64url part must be exactly what encoding its
 * bytes gives (no padding, no non-zero bits after the last byte) and the appID of a sealed token
 * plain decimal, so a token that differs from the minted one in any character is refused, even
 * where the change would decode to the same bytes. The user and room IDs in the claims are
 * compared in NFC, as the server compares all IDs.
 *
 * <p>Immutable and thread-safe.
 */
public final class TokenVerifier {
    private static final int MAX_TOKEN_CHARS = 4096;
    private final LongFunction<String> secretOfApp;

    /** @param secretOfApp the server secret of an appID, or null for an unknown app */
    public TokenVerifier(LongFunction<String> secretOfApp) {
        this.secretOfApp = secretOfApp;
    }

    /**
     * Returns the claims of a token valid for this app, user and room at {@code nowEpochSeconds}.
     *
     * @throws TokenException with the reason for refusal
     */
    public TokenClaims verify(String token, long appId, String userId, String roomId, long nowEpochSeconds)
            throws TokenException {
        TokenClaims claims = open(token, appId);
        if (claims.appId() != appId) {
            throw new TokenException(ErrorCode.ROOM_TOKEN_WRONG_APP, "token is for app " + claims.appId());
        }
        if (!Normalization.nfc(claims.userId()).equals(Normalization.nfc(userId))) {
            throw new TokenException(ErrorCode.ROOM_TOKEN_WRONG_USER, "token is for another user");
        }
        if (claims.roomId() != null && !Normalization.nfc(claims.roomId()).equals(Normalization.nfc(roomId))) {
            throw new TokenException(ErrorCode.ROOM_TOKEN_WRONG_ROOM, "token is for another room");
        }
        if (nowEpochSeconds >= claims.expiresAt()) {
            throw new TokenException(ErrorCode.ROOM_TOKEN_EXPIRED, "token expired");
        }
        if (!claims.privileges().login()) {
            throw new TokenException(ErrorCode.ROOM_TOKEN_NO_LOGIN_PRIVILEGE, "token does not allow login");
        }
        return claims;
    }

    private TokenClaims open(String token, long appId) throws TokenException {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            throw invalid();
        }
        String[] parts = token.split("\\.", -1);
        try {
            if (parts.length == 3 && parts[0].equals(TokenFormat.SIGNED.prefix())) {
                return openSigned(parts, appId);
            }
            if (parts.length == 3 && parts[0].equals(TokenFormat.SEALED.prefix())) {
                return openSealed(parts, appId);
            }
        } catch (IllegalArgumentException | GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid();
        }
        throw invalid();
    }

    private TokenClaims openSigned(String[] parts, long appId) throws TokenException,
            com.fasterxml.jackson.core.JsonProcessingException {
        TokenClaims claims = TokenCrypto.parseClaims(canonicalBytes(parts[1]));
        if (claims.appId() != appId) {
            throw new TokenException(ErrorCode.ROOM_TOKEN_WRONG_APP, "token is for app " + claims.appId());
        }
        String secret = secretOf(appId);
        byte[] expected = TokenCrypto.hmac(secret, parts[0] + "." + parts[1]);
        if (!MessageDigest.isEqual(expected, canonicalBytes(parts[2]))) {
            throw invalid();
        }
        return claims;
    }

    private TokenClaims openSealed(String[] parts, long appId) throws TokenException, GeneralSecurityException,
            com.fasterxml.jackson.core.JsonProcessingException {
        long tokenApp = Long.parseLong(parts[1]);
        if (!Long.toString(tokenApp).equals(parts[1])) {
            throw invalid();
        }
        if (tokenApp != appId) {
            throw new TokenException(ErrorCode.ROOM_TOKEN_WRONG_APP, "token is for app " + tokenApp);
        }
        String head = parts[0] + "." + parts[1];
        byte[] json = TokenCrypto.open(secretOf(appId), canonicalBytes(parts[2]), head.getBytes(StandardCharsets.US_ASCII));
        return TokenCrypto.parseClaims(json);
    }

    /** The bytes of a base64url part, if it is spelled exactly as encoding them spells it. */
    private static byte[] canonicalBytes(String part) throws TokenException {
        byte[] bytes = TokenCrypto.unb64(part);
        if (!TokenCrypto.b64(bytes).equals(part)) {
            throw invalid();
        }
        return bytes;
    }

    private String secretOf(long appId) throws TokenException {
        String secret = secretOfApp.apply(appId);
        if (secret == null) {
            throw new TokenException(ErrorCode.ROOM_UNKNOWN_APP, "unknown app " + appId);
        }
        return secret;
    }

    private static TokenException invalid() {
        return new TokenException(ErrorCode.ROOM_TOKEN_INVALID, "token is malformed or tampered with");
    }
}
