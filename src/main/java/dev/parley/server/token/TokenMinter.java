package dev.parley.server.token;

import dev.parley.protocol.Normalization;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Mints login tokens for one app. App backends use it (or {@code parley token}) to hand tokens to
 * their users; the server secret never leaves the backend.
 *
 * <p>Immutable and thread-safe.
 */
public final class TokenMinter {
    private final long appId;
    private final String serverSecret;
    private final TokenFormat format;
    private final Clock clock;

    public TokenMinter(long appId, String serverSecret, TokenFormat format, Clock clock) {
        this.appId = appId;
        this.serverSecret = Objects.requireNonNull(serverSecret, "serverSecret");
        this.format = Objects.requireNonNull(format, "format");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public TokenMinter(long appId, String serverSecret) {
        this(appId, serverSecret, TokenFormat.SIGNED, Clock.systemUTC());
    }

    /**
     * Mints a token for {@code userId}. The user and room IDs go into the claims in NFC, the
     * form the server compares them in.
     *
     * @param roomId the only room it admits to, or null for any
     * @param publish whether the holder may publish
     * @param streamIds the only stream IDs the holder may publish, or null for any
     * @param ttl how long it is valid
     */
    public String mint(String userId, String roomId, boolean publish, List<String> streamIds, Duration ttl) {
        long now = clock.instant().getEpochSecond();
        byte[] nonce = new byte[12];
        TokenCrypto.RANDOM.nextBytes(nonce);
        TokenClaims claims = new TokenClaims(appId, Normalization.nfc(userId), Normalization.nfc(roomId),
                new TokenPrivileges(true, publish, streamIds),
                now, now + Math.max(1, ttl.toSeconds()), TokenCrypto.b64(nonce));
        return mint(claims);
    }

    /** Mints a token with exactly these claims; the claims' appID must be this minter's. */
    public String mint(TokenClaims claims) {
        if (claims.appId() != appId) {
            throw new IllegalArgumentException("claims are for app " + claims.appId() + ", this minter is for " + appId);
        }
        byte[] json = TokenCrypto.claimsJson(claims);
        if (format == TokenFormat.SIGNED) {
            String head = format.prefix() + "." + TokenCrypto.b64(json);
            return head + "." + TokenCrypto.b64(TokenCrypto.hmac(serverSecret, head));
        }
        String head = format.prefix() + "." + appId;
        byte[] box = TokenCrypto.seal(serverSecret, json, head.getBytes(StandardCharsets.US_ASCII));
        return head + "." + TokenCrypto.b64(box);
    }
}
