package dev.parley.server.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The byte-level work behind tokens: JSON of the claims, HMAC-SHA256, AES-256-GCM, base64url.
 *
 * <p>Stateless and thread-safe.
 */
final class TokenCrypto {
    static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int GCM_IV_BYTES = 12;
    private static final int GCM_TAG_BITS = 128;

    private TokenCrypto() {
    }

    static byte[] claimsJson(TokenClaims claims) {
        try {
            return JSON.writeValueAsBytes(claims);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static TokenClaims parseClaims(byte[] json) throws JsonProcessingException {
        try {
            return JSON.readValue(json, TokenClaims.class);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException | RuntimeException e) {
            throw new JsonProcessingException(e.getMessage()) { };
        }
    }

    static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    static byte[] unb64(String text) {
        return B64D.decode(text);
    }

    static byte[] hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] seal(String secret, byte[] plaintext, byte[] aad) {
        try {
            byte[] iv = new byte[GCM_IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, aesKey(secret), new GCMParameterSpec(GCM_TAG_BITS, iv));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = Arrays.copyOf(iv, iv.length + sealed.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the plaintext, or throws if the box was not sealed with this secret and aad. */
    static byte[] open(String secret, byte[] box, byte[] aad) throws GeneralSecurityException {
        if (box.length < GCM_IV_BYTES + GCM_TAG_BITS / 8) {
            throw new GeneralSecurityException("too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, aesKey(secret), new GCMParameterSpec(GCM_TAG_BITS, box, 0, GCM_IV_BYTES));
        cipher.updateAAD(aad);
        return cipher.doFinal(box, GCM_IV_BYTES, box.length - GCM_IV_BYTES);
    }

    private static SecretKeySpec aesKey(String secret) throws GeneralSecurityException {
        byte[] key = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        return new SecretKeySpec(key, "AES");
    }
}
