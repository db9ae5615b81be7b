package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.AppSignProof;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.PublishChannel;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.ServerMessage.KickedOut;
import dev.parley.protocol.ServerMessage.LoginAccepted;
import dev.parley.protocol.ServerMessage.TokenWillExpire;
import dev.parley.protocol.UpdateType;
import dev.parley.protocol.UserInfo;
import dev.parley.server.token.TokenClaims;
import dev.parley.server.token.TokenException;
import dev.parley.server.token.TokenFormat;
import dev.parley.server.token.TokenMinter;
import dev.parley.server.token.TokenPrivileges;
import dev.parley.server.token.TokenVerifier;
import dev.parley.testing.RawClient;
import dev.parley.testing.RawClients;
import dev.parley.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tokens: minting and verification as units, then login, privileges, warning, renewal and expiry over the wire. */
class TokenTest {
    private static final long APP = TestServers.APP_ID;
    private static final String SECRET = TestServers.SERVER_SECRET;
    private static final TokenVerifier VERIFIER = new TokenVerifier(appId -> appId == TestServers.APP_ID
            ? TestServers.SERVER_SECRET : appId == TestServers.OTHER_APP_ID ? TestServers.OTHER_SECRET : null);

    private static long nowSeconds() {
        return Instant.now().getEpochSecond();
    }

    private static TokenMinter minter(TokenFormat format) {
        return new TokenMinter(APP, SECRET, format, Clock.systemUTC());
    }

    private static ErrorCode refusal(String token, long appId, String userId, String roomId, long nowSeconds) {
        TokenException e = assertThrows(TokenException.class,
                () -> VERIFIER.verify(token, appId, userId, roomId, nowSeconds));
        return e.error();
    }

    /** Replaces one character in the middle of the token's last part, where every bit counts. */
    private static String tampered(String token) {
        int at = token.lastIndexOf('.') + (token.length() - token.lastIndexOf('.')) / 2;
        char replacement = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + replacement + token.substring(at + 1);
    }

    @Nested
    class Units {
        @ParameterizedTest
        @EnumSource(TokenFormat.class)
        void mintedTokenVerifiesWithItsClaims(TokenFormat format) throws TokenException {
            String token = minter(format).mint("alice", "room", true, List.of("cam"), Duration.ofHours(1));
            assertTrue(token.startsWith(format == TokenFormat.SIGNED ? "P1." : "P2."));
            TokenClaims claims = VERIFIER.verify(token, APP, "alice", "room", nowSeconds());
            assertEquals(APP, claims.appId());
            assertEquals("alice", claims.userId());
            assertEquals("room", claims.roomId());
            assertEquals(new TokenPrivileges(true, true, List.of("cam")), claims.privileges());
            assertEquals(3600, claims.expiresAt() - claims.issuedAt());
            assertTrue(Math.abs(claims.issuedAt() - nowSeconds()) <= 2);
            assertFalse(claims.nonce().isBlank());
        }

        @ParameterizedTest
        @EnumSource(TokenFormat.class)
        void tokenWithoutRoomAdmitsToAnyRoom(TokenFormat format) throws TokenException {
            String token = minter(format).mint("alice", null, false, null, Duration.ofMinutes(5));
            assertEquals("alice", VERIFIER.verify(token, APP, "alice", "any-room", nowSeconds()).userId());
            assertEquals("alice", VERIFIER.verify(token, APP, "alice", "other-room", nowSeconds()).userId());
        }

        @ParameterizedTest
        @EnumSource(TokenFormat.class)
        void everyRefusalHasItsOwnCode(TokenFormat format) {
            long now = nowSeconds();
            Clock past = Clock.fixed(Instant.ofEpochSecond(now - 7200), ZoneOffset.UTC);
            String expired = new TokenMinter(APP, SECRET, format, past).mint("alice", "room", true, null, Duration.ofHours(1));
            String good = minter(format).mint("alice", "room", true, null, Duration.ofHours(1));
            String foreign = new TokenMinter(TestServers.OTHER_APP_ID, TestServers.OTHER_SECRET, format, Clock.systemUTC())
                    .mint("alice", "room", true, null, Duration.ofHours(1));
            String noLogin = minter(format).mint(new TokenClaims(APP, "alice", "room",
                    new TokenPrivileges(false, true, null), now, now + 3600, "n0nce"));

            List<ErrorCode> codes = List.of(
                    refusal(expired, APP, "alice", "room", now),
                    refusal(tampered(good), APP, "alice", "room", now),
                    refusal(foreign, APP, "alice", "room", now),
                    refusal(good, APP, "bob", "room", now),
                    refusal(good, APP, "alice", "elsewhere", now),
                    refusal(noLogin, APP, "alice", "room", now));
            assertEquals(List.of(ErrorCode.ROOM_TOKEN_EXPIRED, ErrorCode.ROOM_TOKEN_INVALID, ErrorCode.ROOM_TOKEN_WRONG_APP,
                    ErrorCode.ROOM_TOKEN_WRONG_USER, ErrorCode.ROOM_TOKEN_WRONG_ROOM,
                    ErrorCode.ROOM_TOKEN_NO_LOGIN_PRIVILEGE), codes);
        }

        @ParameterizedTest
        @EnumSource(TokenFormat.class)
        void expiryIsExactToTheSecond(TokenFormat format) throws TokenException {
            long now = nowSeconds();
            String token = minter(format).mint(new TokenClaims(APP, "alice", null, TokenPrivileges.all(), now, now + 10, "n"));
            VERIFIER.verify(token, APP, "alice", "room", now + 9);
            assertEquals(ErrorCode.ROOM_TOKEN_EXPIRED, refusal(token, APP, "alice", "room", now + 10));
        }

        @ParameterizedTest
        @EnumSource(TokenFormat.class)
        void tokenSignedWithAnotherSecretIsInvalid(TokenFormat format) {
            String forged = new TokenMinter(APP, "not-the-server-secret-0123456789", format, Clock.systemUTC())
                    .mint("alice", "room", true, null, Duration.ofHours(1));
            assertEquals(ErrorCode.ROOM_TOKEN_INVALID, refusal(forged, APP, "alice", "room", nowSeconds()));
        }

        @ParameterizedTest
        @EnumSource(TokenFormat.class)
        void tokenOfAnUnknownAppIsRefused(TokenFormat format) {
            String token = new TokenMinter(4242, "secret-of-an-unknown-app-0123", format, Clock.systemUTC())
                    .mint("alice", "room", true, null, Duration.ofHours(1));
            assertEquals(ErrorCode.ROOM_UNKNOWN_APP, refusal(token, 4242, "alice", "room", nowSeconds()));
        }

        @Test
        void signedClaimsWithAnEditedPayloadAreInvalid() {
            String token = minter(TokenFormat.SIGNED).mint("alice", "room", false, null, Duration.ofHours(1));
            String[] parts = token.split("\\.");
            String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            String elevated = json.replace("\"publish\":false", "\"publish\":true");
            assertNotEquals(json, elevated);
            String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(elevated.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
            assertEquals(ErrorCode.ROOM_TOKEN_INVALID, refusal(forged, APP, "alice", "room", nowSeconds()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "P1", "P1.", "P1.a", "P1.!!!.x", "P1.e30.e30", "P2.1001.AAAA", "P2.x.AAAA",
                "P3.a.b", "P1.a.b.c", "garbage"})
        void malformedTokensAreInvalid(String token) {
            assertEquals(ErrorCode.ROOM_TOKEN_INVALID, refusal(token, APP, "alice", "room", nowSeconds()));
        }

        /**
         * A token has one spelling: no other character anywhere, not even one that decodes to the
         * same bytes (the last character of a base64url part carries bits that encoding leaves zero).
         */
        @ParameterizedTest
        @EnumSource(TokenFormat.class)
        void everySingleCharacterChangeIsRefused(TokenFormat format) throws TokenException {
            String token = minter(format).mint("alice", "room", true, null, Duration.ofHours(1));
            VERIFIER.verify(token, APP, "alice", "room", nowSeconds());
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=.+/";
            List<String> accepted = new java.util.ArrayList<>();
            int tried = 0;
            for (int at = 0; at < token.length(); at++) {
                for (char c : alphabet.toCharArray()) {
                    if (c == token.charAt(at)) {
                        continue;
                    }
                    String changed = token.substring(0, at) + c + token.substring(at + 1);
                    tried++;
                    try {
                        VERIFIER.verify(changed, APP, "alice", "room", nowSeconds());
                        accepted.add(at + ":" + token.charAt(at) + "->" + c);
                    } catch (TokenException refused) {
                        // as it should be
                    }
                }
            }
            assertTrue(tried > 5000, "tried " + tried);
            assertEquals(List.of(), accepted, "changes accepted out of " + tried);
        }

        @ParameterizedTest
        @EnumSource(TokenFormat.class)
        void paddingAndOtherSpellingsOfTheSameBytesAreRefused(TokenFormat format) {
            String token = minter(format).mint("alice", "room", true, null, Duration.ofHours(1));
            String[] parts = token.split("\\.");
            List<String> variants = new java.util.ArrayList<>(List.of(token + "=", token + "==", token + " ", " " + token,
                    parts[0] + "." + parts[1] + "=." + parts[2], parts[0] + "." + parts[1] + "==." + parts[2]));
            // the standard alphabet's spelling of the same bytes
            variants.add(parts[0] + "." + parts[1] + "." + Base64.getEncoder().withoutPadding()
                    .encodeToString(Base64.getUrlDecoder().decode(parts[2])));
            if (format == TokenFormat.SEALED) {
                variants.add(parts[0] + ".0" + parts[1] + "." + parts[2]);
                variants.add(parts[0] + ".+" + parts[1] + "." + parts[2]);
            }
            for (String variant : variants) {
                if (!variant.equals(token)) {
                    assertEquals(ErrorCode.ROOM_TOKEN_INVALID, refusal(variant, APP, "alice", "room", nowSeconds()), variant);
                }
            }
        }

        @Test
        void nullAndHugeTokensAreInvalid() {
            assertEquals(ErrorCode.ROOM_TOKEN_INVALID, refusal(null, APP, "alice", "room", nowSeconds()));
            assertEquals(ErrorCode.ROOM_TOKEN_INVALID, refusal("P1." + "A".repeat(5000) + ".x", APP, "alice", "room",
                    nowSeconds()));
        }

        @Test
        void signedTokensAreReadableAndSealedTokensAreNot() {
            String signed = minter(TokenFormat.SIGNED).mint("alice-in-clear", "room", true, null, Duration.ofHours(1));
            String sealed = minter(TokenFormat.SEALED).mint("alice-in-clear", "room", true, null, Duration.ofHours(1));
            assertTrue(new String(Base64.getUrlDecoder().decode(signed.split("\\.")[1]), StandardCharsets.UTF_8)
                    .contains("alice-in-clear"));
            assertFalse(new String(Base64.getUrlDecoder().decode(sealed.split("\\.")[2]), StandardCharsets.ISO_8859_1)
                    .contains("alice-in-clear"));
        }

        @ParameterizedTest
        @EnumSource(TokenFormat.class)
        void twoTokensForTheSameClaimsDiffer(TokenFormat format) {
            TokenMinter minter = minter(format);
            assertNotEquals(minter.mint("alice", "room", true, null, Duration.ofHours(1)),
                    minter.mint("alice", "room", true, null, Duration.ofHours(1)));
        }

        @Test
        void mintingRefusesClaimsOfAnotherAppAndBackwardTimes() {
            long now = nowSeconds();
            assertThrows(IllegalArgumentException.class, () -> minter(TokenFormat.SIGNED).mint(
                    new TokenClaims(TestServers.OTHER_APP_ID, "alice", null, TokenPrivileges.all(), now, now + 60, "n")));
            assertThrows(IllegalArgumentException.class,
                    () -> new TokenClaims(APP, "alice", null, TokenPrivileges.all(), now, now, "n"));
        }

        @Test
        void privilegesAllowOnlyTheListedStreams() {
            assertTrue(TokenPrivileges.all().allowsStream("anything"));
            TokenPrivileges listed = new TokenPrivileges(true, true, List.of("cam"));
            assertTrue(listed.allowsStream("cam"));
            assertFalse(listed.allowsStream("screen"));
            assertFalse(new TokenPrivileges(true, false, null).allowsStream("cam"));
        }
    }

    @Nested
    class OverTheWire {
        private ParleyServer server;
        private final RawClients clients = new RawClients();

        @AfterEach
        void stop() {
            clients.close();
        }

        private RawClient client() {
            return clients.connect(server);
        }

        private static ClientMessage.Login tokenLogin(long id, long appId, String roomId, String userId, String token) {
            return new ClientMessage.Login(id, MessageCodec.PROTOCOL_VERSION, appId, roomId, new UserInfo(userId, userId),
                    true, 0, token, null, List.of());
        }

        @ParameterizedTest
        @EnumSource(TokenFormat.class)
        void validTokensLogIn(TokenFormat format) {
            server = clients.start();
            String token = minter(format).mint("alice", "room", true, null, Duration.ofMinutes(10));
            LoginAccepted accepted = client().loginWithToken(APP, "room", "alice", token);
            long expectedExpiry = (nowSeconds() + 600) * 1000;
            assertTrue(Math.abs(accepted.tokenExpiresAt() - expectedExpiry) <= 2000, "expiry " + accepted.tokenExpiresAt());

            // the other app has no appSign: tokens are its only way in
            String other = new TokenMinter(TestServers.OTHER_APP_ID, TestServers.OTHER_SECRET, format, Clock.systemUTC())
                    .mint("alice", null, true, null, Duration.ofMinutes(10));
            client().loginWithToken(TestServers.OTHER_APP_ID, "room", "alice", other);
            // the same userID in two apps is two users
            assertEquals(new ServerStats(2, 2, 0, 2), server.stats());
        }

        @Test
        void refusedTokensGetDistinctCodesAndTheConnectionStaysUsable() {
            server = clients.start();
            long now = nowSeconds();
            TokenMinter minter = minter(TokenFormat.SEALED);
            String good = minter.mint("alice", "room", true, null, Duration.ofMinutes(10));
            String expired = new TokenMinter(APP, SECRET, TokenFormat.SEALED,
                    Clock.fixed(Instant.ofEpochSecond(now - 7200), ZoneOffset.UTC))
                    .mint("alice", "room", true, null, Duration.ofHours(1));
            String foreign = new TokenMinter(TestServers.OTHER_APP_ID, TestServers.OTHER_SECRET).mint("alice", "room",
                    true, null, Duration.ofMinutes(10));
            String noLogin = minter.mint(new TokenClaims(APP, "alice", "room", new TokenPrivileges(false, true, null),
                    now, now + 600, "n"));

            RawClient c = client();
            Set<Integer> codes = new HashSet<>();
            codes.add(c.expectError(ErrorCode.ROOM_TOKEN_EXPIRED, id -> tokenLogin(id, APP, "room", "alice", expired)).code());
            codes.add(c.expectError(ErrorCode.ROOM_TOKEN_INVALID,
                    id -> tokenLogin(id, APP, "room", "alice", tampered(good))).code());
            codes.add(c.expectError(ErrorCode.ROOM_TOKEN_WRONG_APP, id -> tokenLogin(id, APP, "room", "alice", foreign)).code());
            codes.add(c.expectError(ErrorCode.ROOM_TOKEN_WRONG_USER, id -> tokenLogin(id, APP, "room", "bob", good)).code());
            codes.add(c.expectError(ErrorCode.ROOM_TOKEN_WRONG_ROOM, id -> tokenLogin(id, APP, "other", "alice", good)).code());
            codes.add(c.expectError(ErrorCode.ROOM_TOKEN_NO_LOGIN_PRIVILEGE,
                    id -> tokenLogin(id, APP, "room", "alice", noLogin)).code());
            codes.add(c.expectError(ErrorCode.ROOM_TOKEN_MISSING, id -> tokenLogin(id, APP, "room", "alice", null)).code());
            codes.add(c.expectError(ErrorCode.ROOM_UNKNOWN_APP, id -> tokenLogin(id, 4242, "room", "alice", good)).code());
            assertEquals(8, codes.size());
            assertEquals(new ServerStats(0, 0, 0, 1), server.stats());
            c.loginWithToken(APP, "room", "alice", good);
        }

        @Test
        void publishNeedsThePrivilegeAndAListedStream() {
            server = clients.start();
            TokenMinter minter = minter(TokenFormat.SIGNED);
            RawClient viewer = client();
            viewer.loginWithToken(APP, "room", "viewer", minter.mint("viewer", "room", false, null, Duration.ofMinutes(5)));
            viewer.expectError(ErrorCode.PUBLISHER_NO_PRIVILEGE,
                    id -> new ClientMessage.Publish(id, "cam", PublishChannel.MAIN, "", true, true));

            RawClient restricted = client();
            restricted.loginWithToken(APP, "room", "restricted",
                    minter.mint("restricted", "room", true, List.of("allowed-cam"), Duration.ofMinutes(5)));
            restricted.expectError(ErrorCode.PUBLISHER_STREAM_NOT_ALLOWED,
                    id -> new ClientMessage.Publish(id, "other-cam", PublishChannel.MAIN, "", true, true));
            restricted.ok(id -> new ClientMessage.Publish(id, "allowed-cam", PublishChannel.MAIN, "", true, true));
            viewer.awaitPush(ServerMessage.StreamUpdate.class, u -> u.updateType() == UpdateType.ADD);
            assertEquals(1, server.stats().streams());
        }

        @Test
        void warningComesBeforeExpiryRenewalKeepsTheSessionAndAnUnrenewedTokenIsKickedOut() {
            server = clients.start(b -> b.tokenWarning(Duration.ofSeconds(2)).presenceTimeout(Duration.ofSeconds(30)));
            RawClient watcher = client();
            watcher.login("room", "watcher", true);
            // both tokens expire at the same second, 2 to 3 s from now
            long now = nowSeconds();
            long expiresAt = now + 3;
            TokenMinter minter = minter(TokenFormat.SIGNED);
            RawClient renewer = client();
            renewer.loginWithToken(APP, "room", "renewer", minter.mint(new TokenClaims(APP, "renewer", "room",
                    TokenPrivileges.all(), now, expiresAt, "n1")));
            RawClient lapser = client();
            LoginAccepted lapserLogin = lapser.loginWithToken(APP, "room", "lapser", minter.mint(new TokenClaims(APP,
                    "lapser", "room", TokenPrivileges.all(), now, expiresAt, "n2")));
            assertEquals(expiresAt * 1000, lapserLogin.tokenExpiresAt());

            for (RawClient c : List.of(renewer, lapser)) {
                TokenWillExpire warning = c.awaitPush(TokenWillExpire.class, w -> true);
                assertTrue(c.arrivalMillis(warning) < expiresAt * 1000, "the warning comes before the expiry");
                assertTrue(warning.secondsLeft() >= 0 && warning.secondsLeft() <= 2, "seconds left " + warning.secondsLeft());
                assertEquals("room", warning.roomId());
            }
            renewer.expectError(ErrorCode.ROOM_TOKEN_RENEW_FAILED, id -> new ClientMessage.RenewToken(id,
                    minter.mint("someone-else", "room", true, null, Duration.ofMinutes(5))));
            renewer.ok(id -> new ClientMessage.RenewToken(id, minter.mint("renewer", "room", true, null,
                    Duration.ofMinutes(5))));

            KickedOut kicked = lapser.awaitPush(KickedOut.class, k -> true, Duration.ofSeconds(5));
            assertEquals(ErrorCode.ROOM_TOKEN_EXPIRED.code(), kicked.code());
            assertTrue(lapser.arrivalMillis(kicked) >= expiresAt * 1000, "kicked only once expired");
            assertEquals(SessionLifecycle.CLOSE_SESSION_ENDED, lapser.awaitClose());
            watcher.awaitPush(ServerMessage.UserUpdate.class,
                    u -> u.updateType() == UpdateType.DELETE && u.users().get(0).userId().equals("lapser"));

            // the sweep that removed the lapser has also looked at the renewer, whose old token expired too
            renewer.assertNone(KickedOut.class, k -> true);
            assertEquals(1, renewer.all(TokenWillExpire.class).size());
            renewer.ok(id -> new ClientMessage.SendBroadcast(id, "still here"));
            watcher.awaitPush(ServerMessage.BroadcastReceived.class, b -> b.message().equals("still here"));
            assertEquals(new ServerStats(1, 2, 0, 2), awaitConnections(2));
        }

        @Test
        void aClientAwayDuringTheWarningIsWarnedOnceItResumes() {
            server = clients.start(b -> b.tokenWarning(Duration.ofSeconds(2)).presenceTimeout(Duration.ofSeconds(30)));
            long now = nowSeconds();
            long expiresAt = now + 4;
            TokenMinter minter = minter(TokenFormat.SEALED);
            RawClient present = client();
            present.loginWithToken(APP, "room", "present", minter.mint(new TokenClaims(APP, "present", "room",
                    TokenPrivileges.all(), now, expiresAt, "n1")));
            RawClient away = client();
            away.loginWithToken(APP, "room", "away", minter.mint(new TokenClaims(APP, "away", "room",
                    TokenPrivileges.all(), now, expiresAt, "n2")));
            away.barrier();
            String sessionId = away.sessionId();
            long lastSeq = away.lastSeq();
            away.dropAbruptly();

            // the sweep that warns the present client also finds the away one, with no connection
            present.awaitPush(TokenWillExpire.class, w -> true);
            RawClient back = client();
            assertTrue(back.request(id -> new ClientMessage.Resume(id, sessionId, lastSeq)) instanceof ServerMessage.ResumeAccepted);
            TokenWillExpire late = back.awaitPush(TokenWillExpire.class, w -> true, Duration.ofSeconds(2));
            assertTrue(back.arrivalMillis(late) < expiresAt * 1000, "still before the expiry");
            back.ok(id -> new ClientMessage.RenewToken(id, minter.mint("away", "room", true, null, Duration.ofMinutes(5))));
        }

        @Test
        void everyRefusedRenewalIsRenewFailedWithItsCauseAndTheSessionKeepsItsTokenAndExpiry() {
            server = clients.start(b -> b.presenceTimeout(Duration.ofSeconds(30)));
            long now = nowSeconds();
            TokenMinter minter = minter(TokenFormat.SIGNED);
            long expiresAt = now + 3;
            RawClient c = client();
            c.loginWithToken(APP, "room", "alice", minter.mint(new TokenClaims(APP, "alice", "room",
                    TokenPrivileges.all(), now, expiresAt, "n0")));
            String good = minter.mint("alice", "room", true, null, Duration.ofMinutes(20));
            String expired = new TokenMinter(APP, SECRET, TokenFormat.SIGNED,
                    Clock.fixed(Instant.ofEpochSecond(now - 7200), ZoneOffset.UTC))
                    .mint("alice", "room", true, null, Duration.ofHours(1));
            String foreign = new TokenMinter(TestServers.OTHER_APP_ID, TestServers.OTHER_SECRET).mint("alice", "room",
                    true, null, Duration.ofMinutes(10));
            String noLogin = minter.mint(new TokenClaims(APP, "alice", "room", new TokenPrivileges(false, true, null),
                    now, now + 600, "n"));
            List<Object[]> refusals = List.of(
                    new Object[] {"garbage", ErrorCode.ROOM_TOKEN_INVALID},
                    new Object[] {tampered(good), ErrorCode.ROOM_TOKEN_INVALID},
                    new Object[] {good + "=", ErrorCode.ROOM_TOKEN_INVALID},
                    new Object[] {expired, ErrorCode.ROOM_TOKEN_EXPIRED},
                    new Object[] {foreign, ErrorCode.ROOM_TOKEN_WRONG_APP},
                    new Object[] {minter.mint("bob", "room", true, null, Duration.ofMinutes(5)), ErrorCode.ROOM_TOKEN_WRONG_USER},
                    new Object[] {minter.mint("alice", "other", true, null, Duration.ofMinutes(5)), ErrorCode.ROOM_TOKEN_WRONG_ROOM},
                    new Object[] {noLogin, ErrorCode.ROOM_TOKEN_NO_LOGIN_PRIVILEGE});
            for (Object[] refusal : refusals) {
                ServerMessage.Reply reply = c.expectError(ErrorCode.ROOM_TOKEN_RENEW_FAILED,
                        id -> new ClientMessage.RenewToken(id, (String) refusal[0]));
                String message = ((ServerMessage.Ack) reply).message();
                ErrorCode cause = (ErrorCode) refusal[1];
                assertTrue(message.startsWith(ErrorCode.ROOM_TOKEN_RENEW_FAILED.message()), message);
                assertTrue(message.endsWith("Cause: " + cause.describe()), message);
            }
            // none of them took the place of the first token: the session ends at its expiry
            c.ok(id -> new ClientMessage.SendBroadcast(id, "still in"));
            KickedOut kicked = c.awaitPush(KickedOut.class, k -> true, Duration.ofSeconds(5));
            assertEquals(ErrorCode.ROOM_TOKEN_EXPIRED.code(), kicked.code());
            assertTrue(c.arrivalMillis(kicked) >= expiresAt * 1000, "kicked only once the first token expired");
        }

        private ServerStats awaitConnections(int connections) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                    .until(() -> server.stats().connections() == connections);
            return server.stats();
        }

        private static ClientMessage.Login signedLogin(long id, long appId, String userId, AppSignProof proof) {
            return new ClientMessage.Login(id, MessageCodec.PROTOCOL_VERSION, appId, "room", new UserInfo(userId, userId),
                    true, 0, null, proof, List.of());
        }

        @Test
        void appSignProofsAreChecked() {
            server = clients.start();
            RawClient c = client();
            String nonce = c.nonce();
            long now = System.currentTimeMillis();
            String appSign = TestServers.APP_SIGN;
            List<Object[]> cases = List.of(
                    new Object[] {ErrorCode.ROOM_AUTH_FAILED, AppSignProof.sign("wrong-app-sign-0123456789", APP, "u", nonce, now)},
                    new Object[] {ErrorCode.ROOM_AUTH_FAILED, AppSignProof.sign(appSign, APP, "u", "another-nonce", now)},
                    new Object[] {ErrorCode.ROOM_AUTH_FAILED, AppSignProof.sign(appSign, APP, "someone-else", nonce, now)},
                    new Object[] {ErrorCode.ROOM_AUTH_FAILED, new AppSignProof(null, now)},
                    new Object[] {ErrorCode.ROOM_AUTH_FAILED, new AppSignProof("zz", now)},
                    new Object[] {ErrorCode.ROOM_SIGNATURE_EXPIRED,
                            AppSignProof.sign(appSign, APP, "u", nonce, now - Duration.ofMinutes(6).toMillis())},
                    new Object[] {ErrorCode.ROOM_SIGNATURE_EXPIRED,
                            AppSignProof.sign(appSign, APP, "u", nonce, now + Duration.ofMinutes(6).toMillis())});
            for (Object[] k : cases) {
                AppSignProof proof = (AppSignProof) k[1];
                c.expectError((ErrorCode) k[0], id -> signedLogin(id, APP, "u", proof));
            }
            c.expectError(ErrorCode.ROOM_UNKNOWN_APP,
                    id -> signedLogin(id, 4242, "u", AppSignProof.sign(appSign, 4242, "u", nonce, now)));
            // the other app has no appSign, so no proof can pass
            c.expectError(ErrorCode.ROOM_AUTH_FAILED, id -> signedLogin(id, TestServers.OTHER_APP_ID, "u",
                    AppSignProof.sign(appSign, TestServers.OTHER_APP_ID, "u", nonce, now)));

            // a proof made for one connection does not open another
            RawClient other = client();
            LongFunction<ClientMessage> replay = id -> signedLogin(id, APP, "u", AppSignProof.sign(appSign, APP, "u", nonce, now));
            other.expectError(ErrorCode.ROOM_AUTH_FAILED, replay);
            c.accepted(c.request(replay));
            // a little clock skew is fine
            other.accepted(other.request(id -> signedLogin(id, APP, "v",
                    AppSignProof.sign(appSign, APP, "v", other.nonce(), now - Duration.ofMinutes(4).toMillis()))));
        }
    }
}
