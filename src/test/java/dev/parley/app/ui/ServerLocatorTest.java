package dev.parley.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.app.DevApp;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.User;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The first window starts the embedded server on the local port; the next one uses it. */
class ServerLocatorTest {

    @Test
    void firstWindowEmbedsTheServerAndTheNextUsesIt() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ServerLocator.Located first = new ServerLocator(port).locate();
        try {
            assertNotNull(first.embedded(), "nothing listened, so the server is embedded");
            assertEquals("ws://127.0.0.1:" + port, first.url());
            ServerLocator.Located second = new ServerLocator(port).locate();
            assertNull(second.embedded(), "the second window uses the running server");
            assertEquals(first.url(), second.url());

            EventRecorder events = new EventRecorder();
            var engine = dev.parley.engine.ParleyEngine.createEngine(dev.parley.engine.EngineProfile
                    .builder(DevApp.APP_ID, second.url()).appSign(DevApp.APP_SIGN).build(), events);
            engine.loginRoom("r", new User("u"));
            events.awaitReason(RoomStateChangedReason.LOGINED);
            Engines.destroy(engine);
        } finally {
            first.embedded().close();
        }
    }
}
