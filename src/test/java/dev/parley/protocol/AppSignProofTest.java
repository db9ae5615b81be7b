package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AppSignProofTest {
    private static final String APP_SIGN = "3f1c9a7e5b2d4c6a8e0f1b3d5c7a9e2f4b6d8c0a1e3f5b7d9c2a4e6f8b0d1c3e";
    private static final long APP_ID = 1_234_567_890L;
    private static final String USER = "alice";
    private static final String NONCE = "n-4f2a9c1e7b";
    private static final long TIME = 1_732_233_600_000L;

    private static AppSignProof signed() {
        return AppSignProof.sign(APP_SIGN, APP_ID, USER, NONCE, TIME);
    }

    @Test
    void signedProofVerifiesWithTheSameInputs() {
        AppSignProof proof = signed();
        assertEquals(TIME, proof.timestamp());
        assertTrue(proof.verifies(APP_SIGN, APP_ID, USER, NONCE));
    }

    @Test
    void signatureIs64LowercaseHexCharacters() {
        assertTrue(signed().signature().matches("[0-9a-f]{64}"), signed().signature());
    }

    @Test
    void signingIsDeterministic() {
        assertEquals(signed(), AppSignProof.sign(APP_SIGN, APP_ID, USER, NONCE, TIME));
    }

    @Test
    void signatureIsHmacSha256OfAppIdUserNonceAndTimeKeyedByAppSign() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(APP_SIGN.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String data = APP_ID + "\n" + USER + "\n" + NONCE + "\n" + TIME;
        String expected = HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, signed().signature());
    }

    @Test
    void survivesACodecRoundTripInsideALogin() throws CodecException {
        MessageCodec codec = new MessageCodec();
        ClientMessage.Login login = new ClientMessage.Login(1, MessageCodec.PROTOCOL_VERSION, APP_ID, "room", new UserInfo(USER, "Alice"),
                false, 0, null, signed(), null);
        ClientMessage.Login decoded = (ClientMessage.Login) codec.decodeClient(codec.encode(login));
        assertTrue(decoded.proof().verifies(APP_SIGN, APP_ID, USER, NONCE));
    }

    @Test
    void wrongAppSignFails() {
        assertFalse(signed().verifies(APP_SIGN.replace('3', '4'), APP_ID, USER, NONCE));
        assertFalse(signed().verifies("other-app-sign", APP_ID, USER, NONCE));
    }

    @Test
    void wrongAppIdFails() {
        assertFalse(signed().verifies(APP_SIGN, APP_ID + 1, USER, NONCE));
    }

    @Test
    void wrongNonceFails() {
        assertFalse(signed().verifies(APP_SIGN, APP_ID, USER, NONCE + "x"));
        assertFalse(signed().verifies(APP_SIGN, APP_ID, USER, "n-4f2a9c1e7c"));
        assertFalse(signed().verifies(APP_SIGN, APP_ID, USER, ""));
    }

    @Test
    void wrongUserFails() {
        assertFalse(signed().verifies(APP_SIGN, APP_ID, "bob", NONCE));
        assertFalse(signed().verifies(APP_SIGN, APP_ID, "Alice", NONCE));
        assertFalse(signed().verifies(APP_SIGN, APP_ID, USER + " ", NONCE));
    }

    @Test
    void fieldsCannotBeShiftedAcrossTheSeparators() {
        AppSignProof proof = AppSignProof.sign(APP_SIGN, APP_ID, "ab", "c", TIME);
        assertFalse(proof.verifies(APP_SIGN, APP_ID, "a", "bc"));
    }

    @Test
    void changedTimestampFails() {
        AppSignProof proof = signed();
        assertFalse(new AppSignProof(proof.signature(), TIME + 1).verifies(APP_SIGN, APP_ID, USER, NONCE));
        assertFalse(new AppSignProof(proof.signature(), TIME - 60_000).verifies(APP_SIGN, APP_ID, USER, NONCE));
    }

    @Test
    void everySingleCharacterChangeOfTheSignatureFails() {
        String signature = signed().signature();
        for (int i = 0; i < signature.length(); i++) {
            char original = signature.charAt(i);
            char replacement = original == '0' ? '1' : '0';
            String tampered = signature.substring(0, i) + replacement + signature.substring(i + 1);
            assertNotEquals(signature, tampered);
            assertFalse(new AppSignProof(tampered, TIME).verifies(APP_SIGN, APP_ID, USER, NONCE), "position " + i);
        }
    }

    @Test
    void truncatedExtendedOrReformattedSignatureFails() {
        String signature = signed().signature();
        for (String tampered : new String[] {
                signature.substring(0, 63),
                signature.substring(1),
                signature + "0",
                signature.toUpperCase(),
                "",
                "?".repeat(64),
                " " + signature.substring(1),
                "\u00e9" + signature.substring(1),
        }) {
            assertFalse(new AppSignProof(tampered, TIME).verifies(APP_SIGN, APP_ID, USER, NONCE), tampered);
        }
    }

    @Test
    void nullSignatureFails() {
        assertFalse(new AppSignProof(null, TIME).verifies(APP_SIGN, APP_ID, USER, NONCE));
    }

    @Test
    void nonAsciiUserIdsSignAndVerify() {
        AppSignProof proof = AppSignProof.sign(APP_SIGN, APP_ID, "J\u00fcrgen-\u7528\u6237", NONCE, TIME);
        assertTrue(proof.verifies(APP_SIGN, APP_ID, "J\u00fcrgen-\u7528\u6237", NONCE));
        assertFalse(proof.verifies(APP_SIGN, APP_ID, "Jurgen-\u7528\u6237", NONCE));
    }
}
