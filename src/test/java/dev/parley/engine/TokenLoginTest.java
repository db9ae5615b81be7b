package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.ErrorCode;
import dev.parley.server.ParleyServer;
import dev.parley.server.token.TokenFormat;
import dev.parley.server.token.TokenMinter;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.RoomStateChanged;
import dev.parley.testing.EventRecorder.TokenRenewFailed;
import dev.parley.testing.EventRecorder.TokenWillExpire;
import dev.parley.testing.TestServers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Token logins through the engine: refusals arrive as LOGIN_FAILED with their codes; expiry is warned and renewable. */
class TokenLoginTest {
    private ParleyServer server = TestServers.start(c -> c.tokenWarning(Duration.ofSeconds(3)));
    private final TokenMinter minter = new TokenMinter(TestServers.APP_ID, TestServers.SERVER_SECRET);
    private ParleyEngine engine;
    private ParleyEngine other;

    @AfterEach
    void tearDown() {
        Engines.destroy(engine, other);
        server.close();
    }

    private ParleyEngine tokenEngine(EventRecorder events) {
        return ParleyEngine.createEngine(TestServers.profile(server.url()).appSign(null).build(), events);
    }

    private int loginWith(String roomId, String userId, String token) throws Exception {
        EventRecorder events = new EventRecorder();
        engine = tokenEngine(events);
        CompletableFuture<Integer> result = new CompletableFuture<>();
        engine.loginRoom(roomId, new User(userId), RoomConfig.defaults().withToken(token), (code, data) -> result.complete(code));
        int code = result.get(10, TimeUnit.SECONDS);
        if (code != 0) {
            RoomStateChanged failed = events.awaitReason(RoomStateChangedReason.LOGIN_FAILED);
            assertEquals(code, failed.errorCode());
        }
        Engines.destroy(engine);
        return code;
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void validTokensOfBothFormatsLogIn(TokenFormat format) throws Exception {
        TokenMinter m = new TokenMinter(TestServers.APP_ID, TestServers.SERVER_SECRET, format, Clock.systemUTC());
        assertEquals(0, loginWith("room", "u1", m.mint("u1", "room", true, null, Duration.ofMinutes(5))));
    }

    @Test
    void badTokensAreRefusedWithDistinctCodes() throws Exception {
        Clock lastYear = Clock.fixed(Instant.now().minus(Duration.ofDays(365)), ZoneOffset.UTC);
        String expired = new TokenMinter(TestServers.APP_ID, TestServers.SERVER_SECRET, TokenFormat.SIGNED, lastYear)
                .mint("u1", null, true, null, Duration.ofHours(1));
        String good = minter.mint("u1", "room", true, null, Duration.ofMinutes(5));
        String tampered = good.substring(0, 10) + (good.charAt(10) == 'A' ? 'B' : 'A') + good.substring(11);
        String otherApp = new TokenMinter(TestServers.OTHER_APP_ID, TestServers.OTHER_SECRET).mint("u1", null, true, null,
                Duration.ofMinutes(5));

        assertEquals(ErrorCode.ROOM_TOKEN_EXPIRED.code(), loginWith("room", "u1", expired));
        assertEquals(ErrorCode.ROOM_TOKEN_INVALID.code(), loginWith("room", "u1", tampered));
        assertEquals(ErrorCode.ROOM_TOKEN_WRONG_APP.code(), loginWith("room", "u1", otherApp));
        assertEquals(ErrorCode.ROOM_TOKEN_WRONG_ROOM.code(), loginWith("elsewhere", "u1", good));
        assertEquals(ErrorCode.ROOM_TOKEN_WRONG_USER.code(), loginWith("room", "u2", good));
        assertEquals(ErrorCode.ROOM_TOKEN_INVALID.code(), loginWith("room", "u1", "not-a-token"));
    }

    @Test
    void aRefusedRenewalReachesTheAppAndTheSessionGoesOnWithItsToken() {
        EventRecorder events = new EventRecorder();
        engine = tokenEngine(events);
        engine.loginRoom("room", new User("keeper"),
                RoomConfig.defaults().withToken(minter.mint("keeper", "room", true, null, Duration.ofMinutes(10))));
        events.awaitReason(RoomStateChangedReason.LOGINED);

        engine.renewToken("room", minter.mint("someone-else", "room", true, null, Duration.ofMinutes(10)));
        TokenRenewFailed refused = events.await(TokenRenewFailed.class, f -> true);
        assertEquals(new TokenRenewFailed("room", ErrorCode.ROOM_TOKEN_RENEW_FAILED.code()), refused);
        engine.renewToken("elsewhere", minter.mint("keeper", "room", true, null, Duration.ofMinutes(10)));
        assertEquals(new TokenRenewFailed("elsewhere", ErrorCode.ROOM_NOT_LOGGED_IN_TO_ROOM.code()),
                events.await(TokenRenewFailed.class, f -> f.roomID().equals("elsewhere")));

        // a restarted server has lost the session: the engine logs in again with the token it still holds
        int port = server.port();
        server.close();
        events.awaitReason(RoomStateChangedReason.RECONNECTING);
        server = TestServers.start(c -> c.port(port));
        RoomStateChanged back = events.await(RoomStateChanged.class, e -> e.reason() == RoomStateChangedReason.RECONNECTED
                || e.reason() == RoomStateChangedReason.RECONNECT_FAILED, Duration.ofSeconds(15));
        assertEquals(RoomStateChangedReason.RECONNECTED, back.reason(), "re-login with the refused token: " + back);
        assertEquals(1, server.stats().sessions());
        assertEquals(2, events.all(TokenRenewFailed.class).size());
    }

    @Test
    void expiryIsWarnedAndRenewalKeepsTheSession() {
        EventRecorder renewing = new EventRecorder() {
            @Override
            public void onRoomTokenWillExpire(String roomID, int remainTimeInSecond) {
                super.onRoomTokenWillExpire(roomID, remainTimeInSecond);
                engine.renewToken(roomID, minter.mint("keeper", "room", true, null, Duration.ofMinutes(10)));
            }
        };
        EventRecorder lapsing = new EventRecorder();
        engine = tokenEngine(renewing);
        other = tokenEngine(lapsing);
        engine.loginRoom("room", new User("keeper"),
                RoomConfig.defaults().withToken(minter.mint("keeper", "room", true, null, Duration.ofSeconds(5))));
        other.loginRoom("room", new User("lapser"),
                RoomConfig.defaults().withToken(minter.mint("lapser", "room", true, null, Duration.ofSeconds(5))));

        TokenWillExpire warning = renewing.await(TokenWillExpire.class, w -> true);
        assertEquals("room", warning.roomID());
        lapsing.await(TokenWillExpire.class, w -> w.secondsLeft() <= 3);

        RoomStateChanged kicked = lapsing.await(RoomStateChanged.class,
                e -> e.reason() == RoomStateChangedReason.KICK_OUT, Duration.ofSeconds(15));
        assertEquals(ErrorCode.ROOM_TOKEN_EXPIRED.code(), kicked.errorCode());
        // the renewed session outlives the first token by well over the sweep interval
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> renewing.all(RoomStateChanged.class).stream().map(RoomStateChanged::reason).toList()
                        .equals(List.of(RoomStateChangedReason.LOGINING, RoomStateChangedReason.LOGINED)));
    }
}
