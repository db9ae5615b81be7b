package dev.parley.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.Canvas;
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
 * chat goes both ways, and the browser leaving is seen by the engine.
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
        server = TestServers.start(b -> b.webPort(0));
        browser = Chromium.start();
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
        desktop = TestServers.engine(server, desktopEvents);
        desktop.setVideoConfig(new VideoConfig(640, 360, 15, 800));
        desktop.loginRoom("interop", new User("desktop", "Desktop"));
        desktopEvents.awaitReason(RoomStateChangedReason.LOGINED);
        desktop.startPublishingStream("desktop_main");
        desktopEvents.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISHING);

        browser.driver.get(server.webUrl());
        Awaitility.await("page ready").atMost(MEDIA).until(() -> !browser.driver.findElement(By.id("server"))
                .getAttribute("value").isEmpty());
        type("appId", String.valueOf(TestServers.APP_ID));
        type("appSign", TestServers.APP_SIGN);
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
}
