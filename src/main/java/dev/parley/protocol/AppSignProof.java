package dev.parley.protocol;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proof that a client knows its app's appSign without sending it: an HMAC-SHA256, keyed by the
 * appSign, over the appID, the userID, the server's per-connection nonce and the client's clock.
 *
 * <p>Immutable. The static methods are thread-safe.
 *
 * @param signature lowercase hex of the HMAC
 * @param timestamp the client's clock in epoch milliseconds when it signed
 */
public record AppSignProof(String signature, long timestamp) {

    /** Signs on the client side. */
    public static AppSignProof sign(String appSign, long appId, String userId, String nonce, long timestamp) {
        return new AppSignProof(hmacHex(appSign, appId + "\n" + userId + "\n" + nonce + "\n" + timestamp), timestamp);
    }

    /** Checks the signature in constant time on the server side; the caller checks the clock skew. */
    public boolean verifies(String appSign, long appId, String userId, String nonce) {
        if (signature == null) {
            return false;
        }
        String expected = hmacHex(appSign, appId + "\n" + userId + "\n" + nonce + "\n" + timestamp);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmacHex(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
