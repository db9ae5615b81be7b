package dev.parley.server;

import dev.parley.protocol.UserInfo;
import dev.parley.server.cluster.UserClaim;
import dev.parley.server.token.TokenPrivileges;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One user's presence in one room. It outlives a dropped connection for the presence timeout, so
 * that the client can resume it.
 *
 * <p>Not thread-safe; used on the server's core thread only.
 */
final class Session {
    private final String sessionId;
    private final long appId;
    private final UserInfo user;
    private final Room room;
    private final boolean userStatusNotify;
    private final Set<String> publishedStreamIds = new LinkedHashSet<>();
    private final Set<String> playingStreamIds = new LinkedHashSet<>();
    private final SlidingWindowLimiter broadcastRate;
    private TokenPrivileges privileges;
    private ClientConnection connection;
    private long lastHeardMillis;
    private final long loginMillis;
    private long tokenExpiresAtMillis;
    private boolean tokenWarned;
    /** When this session's TURN credentials are due for replacement; 0 when it has none. */
    private long turnRefreshAtMillis;

    Session(String sessionId, long appId, UserInfo user, Room room, boolean userStatusNotify,
            TokenPrivileges privileges, long tokenExpiresAtMillis, SlidingWindowLimiter broadcastRate, long nowMillis) {
        this.sessionId = sessionId;
        this.appId = appId;
        this.user = user;
        this.room = room;
        this.userStatusNotify = userStatusNotify;
        this.privileges = privileges;
        this.tokenExpiresAtMillis = tokenExpiresAtMillis;
        this.broadcastRate = broadcastRate;
        this.lastHeardMillis = nowMillis;
        this.loginMillis = nowMillis;
    }

    /** When the session logged in. */
    long loginMillis() {
        return loginMillis;
    }

    /** The session as the other nodes know it. */
    UserClaim claim() {
        return new UserClaim(appId, user.userId(), sessionId, loginMillis);
    }

    String sessionId() {
        return sessionId;
    }

    long appId() {
        return appId;
    }

    UserInfo user() {
        return user;
    }

    Room room() {
        return room;
    }

    boolean userStatusNotify() {
        return userStatusNotify;
    }

    Set<String> publishedStreamIds() {
        return publishedStreamIds;
    }

    Set<String> playingStreamIds() {
        return playingStreamIds;
    }

    SlidingWindowLimiter broadcastRate() {
        return broadcastRate;
    }

    TokenPrivileges privileges() {
        return privileges;
    }

    ClientConnection connection() {
        return connection;
    }

    void attach(ClientConnection value) {
        this.connection = value;
    }

    void detach() {
        this.connection = null;
    }

    long lastHeardMillis() {
        return lastHeardMillis;
    }

    void heard(long nowMillis) {
        this.lastHeardMillis = nowMillis;
    }

    /** 0 when the session was not opened with a token. */
    long tokenExpiresAtMillis() {
        return tokenExpiresAtMillis;
    }

    boolean tokenWarned() {
        return tokenWarned;
    }

    void tokenWarned(boolean value) {
        this.tokenWarned = value;
    }

    void renew(TokenPrivileges newPrivileges, long newExpiresAtMillis) {
        this.privileges = newPrivileges;
        this.tokenExpiresAtMillis = newExpiresAtMillis;
        this.tokenWarned = false;
    }

    long turnRefreshAtMillis() {
        return turnRefreshAtMillis;
    }

    void turnRefreshAtMillis(long value) {
        this.turnRefreshAtMillis = value;
    }
}
