package dev.parley.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.app.DevApp;
import dev.parley.engine.Canvas;
import dev.parley.engine.EngineProfile;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayerState;
import dev.parley.engine.PublisherState;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.UpdateType;
import dev.parley.engine.User;
import dev.parley.engine.VideoConfig;
import dev.parley.server.ParleyServer;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.BroadcastReceived;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import dev.parley.testing.EventRecorder.StreamUpdate;
import dev.parley.testing.EventRecorder.UserUpdate;
import dev.parley.testing.MediaNetwork;
import dev.parley.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;

/**
 * The server's debug page in a real Chromium calls a Java engine: each plays the other's stream,
 * chat goes both ways, and the browser leaving is seen by the engine. The page fills in the
 * development app of a server that accepts it, and says why it cannot log in elsewhere.
 */
class BrowserInteropTest {
    private static final Duration MEDIA = Duration.ofSeconds(30);
    private ParleyServer server;
    private ParleyEngine desktop;
    private Chromium browser;
    private final List<PlayerState> playerStates = new CopyOnWriteArrayList<>();
    private final EventRecorder desktopEvents = new EventRecorder() {
        @Override
        public void onPlayerStateUpdate(String streamID, PlayerState state, int errorCode, String extendedData) {
            playerStates.add(state);
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        MediaNetwork.require();
        Chromium.require();
        browser = Chromium.start();
    }

    private void openPage() {
        browser.driver.get(server.webUrl());
        Awaitility.await("page ready").atMost(MEDIA).until(() -> !browser.driver.findElement(By.id("server"))
                .getAttribute("value").isEmpty());
    }

    private String value(String id) {
        return browser.driver.findElement(By.id(id)).getAttribute("value");
    }

    @AfterEach
    void tearDown() throws Exception {
        Engines.destroy(desktop);
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void type(String id, String text) {
        var field = browser.driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    @Test
    void pageAndEngineCallEachOther() throws Exception {
        // as `parley server` runs with no config: the development app, which the page fills in
        server = ParleyServer.start(TestServers.config().webPort(0).app(DevApp.credentials()).build(), DevApp.APP_ID);
        desktop = ParleyEngine.createEngine(EngineProfile.builder(DevApp.APP_ID, server.url()).appSign(DevApp.APP_SIGN)
                .build(), desktopEvents);
        desktop.setVideoConfig(new VideoConfig(640, 360, 15, 800));
        desktop.loginRoom("interop", new User("desktop", "Desktop"));
        desktopEvents.awaitReason(RoomStateChangedReason.LOGINED);
        desktop.startPublishingStream("desktop_main");
        desktopEvents.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISHING);

        openPage();
        assertEquals(String.valueOf(DevApp.APP_ID), value("appId"));
        assertEquals(DevApp.APP_SIGN, value("appSign"));
        assertTrue(text("appNote").startsWith("This server accepts the public development app (app ID 1)"), text("appNote"));
        type("room", "interop");
        type("user", "browser");
        type("name", "Browser");
        browser.driver.findElement(By.id("join")).click();
        Awaitility.await("browser in the room").atMost(MEDIA).until(() -> text("status").startsWith("In room interop"));
        desktopEvents.await(UserUpdate.class, u -> u.type() == UpdateType.ADD
                && u.users().stream().anyMatch(x -> x.userID().equals("browser")), MEDIA);

        // the browser plays the desktop's test pattern
        String desktopVideo = "const v = document.querySelector('figure[data-stream-id=\"desktop_main\"] video');"
                + "return v ? [v.videoWidth, v.videoHeight, v.currentTime] : null;";
        Awaitility.await("the desktop's video playing in the page").atMost(MEDIA).until(() -> {
            List<?> v = (List<?>) browser.js(desktopVideo);
            return v != null && ((Number) v.get(0)).intValue() > 0 && ((Number) v.get(2)).doubleValue() > 0;
        });
        List<?> first = (List<?>) browser.js(desktopVideo);
        assertEquals(640, ((Number) first.get(0)).intValue());
        assertEquals(360, ((Number) first.get(1)).intValue());
        double startTime = ((Number) first.get(2)).doubleValue();
        Awaitility.await("the page's video time advancing").atMost(MEDIA)
                .until(() -> ((Number) ((List<?>) browser.js(desktopVideo)).get(2)).doubleValue() > startTime + 1.0);

        // the desktop plays the browser's fake camera
        browser.driver.findElement(By.id("publish")).click();
        desktopEvents.await(StreamUpdate.class, u -> u.type() == UpdateType.ADD
                && u.streams().stream().anyMatch(s -> s.streamID().equals("browser_web")), MEDIA);
        FrameCounterSink browserAtDesktop = new FrameCounterSink();
        desktop.startPlayingStream("browser_web", new Canvas(browserAtDesktop));
        @SuppressWarnings("unchecked")
        Map<String, Object> camera = (Map<String, Object>) browser.js(
                "return document.getElementById('local').srcObject.getVideoTracks()[0].getSettings();");
        int cameraWidth = ((Number) camera.get("width")).intValue();
        int cameraHeight = ((Number) camera.get("height")).intValue();
        Awaitility.await("the browser's camera at the desktop, full size").atMost(MEDIA)
                .until(() -> browserAtDesktop.frames() > 10 && browserAtDesktop.width() == cameraWidth
                        && browserAtDesktop.height() == cameraHeight);
        assertTrue(playerStates.contains(PlayerState.PLAYING), playerStates.toString());

        // chat both ways
        type("chatInput", "hello from the browser");
        browser.driver.findElement(By.id("chatSend")).click();
        BroadcastReceived atDesktop = desktopEvents.await(BroadcastReceived.class, b -> true, MEDIA);
        assertEquals("hello from the browser", atDesktop.messages().get(0).message());
        assertEquals("browser", atDesktop.messages().get(0).fromUser().userID());
        desktop.sendBroadcastMessage("interop", "hello from the desktop", null);
        Awaitility.await("the desktop's line in the page").atMost(MEDIA)
                .until(() -> text("chat").contains("Desktop: hello from the desktop"));

        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        browser.js("window.scrollTo(0, 0);");
        Files.write(shots.resolve("debug-page.png"), browser.driver.getScreenshotAs(OutputType.BYTES));

        // the browser leaves
        browser.driver.findElement(By.id("leave")).click();
        desktopEvents.await(StreamUpdate.class, u -> u.type() == UpdateType.DELETE
                && u.streams().stream().anyMatch(s -> s.streamID().equals("browser_web")), MEDIA);
        desktopEvents.await(UserUpdate.class, u -> u.type() == UpdateType.DELETE
                && u.users().stream().anyMatch(x -> x.userID().equals("browser")), MEDIA);
        assertTrue(text("status").startsWith("Not in a room"), text("status"));
    }

    /** In an SFU room the page sends its camera once to Janus and plays a stream from it. */
    @Test
    void thePageCallsThroughTheMediaServerInAnSfuRoom() throws Exception {
        dev.parley.testing.TestJanus.assumeAvailable();
        server = TestServers.start(b -> b.webPort(0).media(dev.parley.server.MediaConfig.MESH
                .withAllApps(dev.parley.protocol.MediaMode.SFU).withManagedJanus(dev.parley.testing.TestJanus.config())));
        try (dev.parley.testing.RawSfuPeer desktopMedia = dev.parley.testing.RawSfuPeer.open();
             dev.parley.testing.RawClient alice = dev.parley.testing.RawClient.connect(server);
             dev.parley.testing.RawClient bob = dev.parley.testing.RawClient.connect(server)) {
            alice.login("sfu-interop", "alice", true);
            alice.startHeartbeats(Duration.ofMillis(250));
            alice.ok(id -> new dev.parley.protocol.ClientMessage.Publish(id, "alice_main",
                    dev.parley.protocol.PublishChannel.MAIN, "", false, true));
            desktopMedia.publish(new dev.parley.testing.RoomServerSfuPath(alice), "unused", "alice_main", 640, 360, 30, false,
                    e -> { }).get(30, java.util.concurrent.TimeUnit.SECONDS);
            bob.login("sfu-interop", "bob", true);
            bob.startHeartbeats(Duration.ofMillis(250));

            openPage();
            type("appId", String.valueOf(TestServers.APP_ID));
            type("appSign", TestServers.APP_SIGN);
            type("room", "sfu-interop");
            type("user", "browser");
            browser.driver.findElement(By.id("join")).click();
            Awaitility.await("browser in the room").atMost(MEDIA).until(() -> text("status").startsWith("In room sfu-interop"));

            // the page plays alice's pattern from Janus
            String aliceVideo = "const v = document.querySelector('figure[data-stream-id=\"alice_main\"] video');"
                    + "return v ? [v.videoWidth, v.videoHeight, v.currentTime] : null;";
            Awaitility.await("alice's video playing in the page").atMost(MEDIA).until(() -> {
                List<?> v = (List<?>) browser.js(aliceVideo);
                return v != null && ((Number) v.get(0)).intValue() == 640 && ((Number) v.get(2)).doubleValue() > 0;
            });
            double startTime = ((Number) ((List<?>) browser.js(aliceVideo)).get(2)).doubleValue();
            Awaitility.await("the page's video time advancing").atMost(MEDIA)
                    .until(() -> ((Number) ((List<?>) browser.js(aliceVideo)).get(2)).doubleValue() > startTime + 1.0);

            // the page publishes once to Janus, and bob plays it from there
            browser.driver.findElement(By.id("publish")).click();
            bob.awaitPush(dev.parley.protocol.ServerMessage.StreamUpdate.class, u -> u.streams().stream()
                    .anyMatch(st -> st.streamId().equals("browser_web")), MEDIA);
            try (dev.parley.testing.RawSfuPeer bobMedia = dev.parley.testing.RawSfuPeer.open()) {
                var atBob = bobMedia.subscribe(new dev.parley.testing.RoomServerSfuPath(bob), "browser", "browser_web",
                        e -> { }).get(30, java.util.concurrent.TimeUnit.SECONDS);
                @SuppressWarnings("unchecked")
                Map<String, Object> camera = (Map<String, Object>) browser.js(
                        "return document.getElementById('local').srcObject.getVideoTracks()[0].getSettings();");
                int cameraWidth = ((Number) camera.get("width")).intValue();
                Awaitility.await("the browser's camera at bob through Janus").atMost(MEDIA)
                        .until(() -> atBob.received().frames() > 10 && atBob.received().width() == cameraWidth);
                // one connection per publication and per player, all through Janus: alice's and the page's
                // publishers, the page playing alice, bob playing the page
                assertEquals(4, new dev.parley.testing.JanusAdmin(server.mediaServer().process().endpoint()).handles().size());
            }
        }
    }

    @Test
    void thePageSaysWhatIsMissingAndWhatItsPolicyBlocks() throws Exception {
        server = TestServers.start(b -> b.webPort(0));
        try (ParleyServer other = TestServers.start()) {
            openPage();
            assertEquals("", value("appSign"));
            assertTrue(browser.driver.findElement(By.id("appNote")).getAttribute("hidden") != null, "no development app note");
            type("room", "elsewhere");
            type("user", "browser");
            browser.driver.findElement(By.id("join")).click();
            Awaitility.await("the missing app sign named").atMost(MEDIA)
                    .until(() -> text("status").equals("Enter the app sign or a token."));

            // another server's WebSocket is outside the page's connect-src
            type("appId", String.valueOf(TestServers.APP_ID));
            type("appSign", TestServers.APP_SIGN);
            type("server", other.url());
            browser.driver.findElement(By.id("join")).click();
            Awaitility.await("the policy named").atMost(MEDIA).until(() -> text("status").startsWith("Login failed"));
            assertEquals("Login failed: This page's security policy blocks connections to " + other.url() + ": the page may"
                    + " only connect to the room server that serves it. Open that server's own debug page instead. (1001002)",
                    text("status"));
            assertEquals(0, other.stats().connections());

            // the page's own server, reachable, logs in
            type("server", server.url());
            browser.driver.findElement(By.id("join")).click();
            Awaitility.await("in the room").atMost(MEDIA).until(() -> text("status").startsWith("In room elsewhere"));
        }
    }
}
