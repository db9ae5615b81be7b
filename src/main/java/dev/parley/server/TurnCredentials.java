package dev.parley.server;

import dev.parley.protocol.IceServer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints time-limited TURN credentials (the TURN REST API form): the user name is
 * {@code EXPIRY:USERID} with EXPIRY in epoch seconds, the password the base64 HMAC-SHA1 of the
 * user name keyed with the shared secret, which is what coturn's {@code use-auth-secret} checks.
 *
 * <p>Stateless and thread-safe.
 */
final class TurnCredentials {
    private final TurnConfig config;

    TurnCredentials(TurnConfig config) {
        this.config = config;
    }

    /** A TURN server entry for {@code userId}, valid from {@code nowMillis} for the configured lifetime. */
    IceServer mint(String userId, long nowMillis) {
        long expiry = (nowMillis + config.lifetime().toMillis()) / 1000;
        String username = expiry + ":" + userId;
        return new IceServer(config.urls(), username, password(config.secret(), username));
    }

    /** When credentials minted at {@code mintedAtMillis} should be replaced: at four fifths of their life. */
    long refreshAtMillis(long mintedAtMillis) {
        return mintedAtMillis + config.lifetime().toMillis() * 4 / 5;
    }

    static String password(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
        }
    }
}
