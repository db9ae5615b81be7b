package dev.parley.app.ui;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.app.DevApp;
import dev.parley.engine.EngineProfile;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.User;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the window that embedded the local server closes, another window's call carries on. */
class LocalServerKeeperTest {

    @Test
    void aSurvivingWindowEmbedsTheServerAgainAndItsCallReconnects() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ServerLocator locator = new ServerLocator(port);
        LocalServerKeeper first = new LocalServerKeeper(locator, Runnable::run);
        LocalServerKeeper second = new LocalServerKeeper(locator, Runnable::run);
        ParleyEngine engine = null;
        try {
            assertNotNull(first.locate().embedded(), "the first window embeds the server");
            String url = second.locate().url();
            assertNull(second.embedded(), "the second window uses it");

            EventRecorder events = new EventRecorder();
            engine = ParleyEngine.createEngine(EngineProfile.builder(DevApp.APP_ID, url).appSign(DevApp.APP_SIGN)
                    .reconnectBackoffCap(Duration.ofMillis(500)).build(), events);
            engine.loginRoom("room", new User("second"));
            events.awaitReason(RoomStateChangedReason.LOGINED);

            first.close();
            events.awaitReason(RoomStateChangedReason.RECONNECTING);
            second.onRoomReason(RoomStateChangedReason.RECONNECTING);
            assertNotNull(second.embedded(), "the second window now runs the server");
            events.awaitReason(RoomStateChangedReason.RECONNECTED);
        } finally {
            Engines.destroy(engine);
            first.close();
            second.close();
        }
    }
}
