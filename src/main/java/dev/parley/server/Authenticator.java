package dev.parley.server;

import dev.parley.protocol.AppSignProof;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.server.token.TokenClaims;
import dev.parley.server.token.TokenException;
import dev.parley.server.token.TokenPrivileges;
import dev.parley.server.token.TokenVerifier;
import java.time.Duration;
import java.util.Map;

/**
 * Decides whether a login, or a room-users query, may proceed: by token, or by an appSign proof
 * over this connection's nonce.
 *
 * <p>Immutable and thread-safe.
 */
final class Authenticator {
    /** How far a client's clock may be from the server's when it signs with its appSign. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /** The outcome of a login check: either the privileges granted, or why not. */
    record Result(ErrorCode error, TokenPrivileges privileges, long tokenExpiresAtMillis) {
        static Result refused(ErrorCode error) {
            return new Result(error, null, 0);
        }

        boolean ok() {
            return error == null;
        }
    }

    private final Map<Long, AppCredentials> apps;
    private final TokenVerifier tokens;

    Authenticator(Map<Long, AppCredentials> apps) {
        this.apps = apps;
        this.tokens = new TokenVerifier(appId -> {
            AppCredentials app = apps.get(appId);
            return app == null ? null : app.serverSecret();
        });
    }

    /**
     * @param login the login, with its IDs in NFC
     * @param signedUserId the user ID as the client sent it, which its appSign proof signs
     */
    Result login(ClientMessage.Login login, String signedUserId, String nonce, long nowMillis) {
        return check(login.appId(), login.user().userId(), signedUserId, login.roomId(), login.token(), login.proof(),
                nonce, nowMillis);
    }

    /**
     * Checks a room-users query exactly as a login of the same user to the same room.
     *
     * @param userId the query's user ID in NFC
     * @param roomId the query's room ID in NFC
     */
    Result query(ClientMessage.QueryRoomUsers query, String userId, String roomId, String nonce, long nowMillis) {
        return check(query.appId(), userId, query.userId(), roomId, query.token(), query.proof(), nonce, nowMillis);
    }

    private Result check(long appId, String userId, String signedUserId, String roomId, String token, AppSignProof proof,
                         String nonce, long nowMillis) {
        AppCredentials app = apps.get(appId);
        if (app == null) {
            return Result.refused(ErrorCode.ROOM_UNKNOWN_APP);
        }
        if (token != null) {
            return checkToken(token, appId, userId, roomId, nowMillis);
        }
        if (proof == null) {
            return Result.refused(ErrorCode.ROOM_TOKEN_MISSING);
        }
        if (app.appSign() == null) {
            return Result.refused(ErrorCode.ROOM_AUTH_FAILED);
        }
        if (Math.abs(nowMillis - proof.timestamp()) > MAX_CLOCK_SKEW.toMillis()) {
            return Result.refused(ErrorCode.ROOM_SIGNATURE_EXPIRED);
        }
        if (!proof.verifies(app.appSign(), appId, signedUserId, nonce)) {
            return Result.refused(ErrorCode.ROOM_AUTH_FAILED);
        }
        return new Result(null, TokenPrivileges.all(), 0);
    }

    Result checkToken(String token, long appId, String userId, String roomId, long nowMillis) {
        try {
            TokenClaims claims = tokens.verify(token, appId, userId, roomId, nowMillis / 1000);
            return new Result(null, claims.privileges(), claims.expiresAt() * 1000);
        } catch (TokenException e) {
            return Result.refused(e.error());
        }
    }
}
