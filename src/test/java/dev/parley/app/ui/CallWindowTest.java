package dev.parley.app.ui;

import static dev.parley.app.ui.WindowFixture.awaitFx;
import static dev.parley.app.ui.WindowFixture.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.app.CallPhase;
import dev.parley.engine.Canvas;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PublisherState;
import dev.parley.engine.RemoteDeviceState;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.TestPattern;
import dev.parley.engine.User;
import dev.parley.engine.VideoConfig;
import dev.parley.server.ParleyServer;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.BroadcastReceived;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import dev.parley.testing.EventRecorder.RemoteDevice;
import dev.parley.testing.MediaNetwork;
import dev.parley.testing.TcpProxy;
import dev.parley.testing.TestServers;
import java.time.Duration;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real window, driven through TestFX on the headless Monocle stage, in calls with real
 * engines: frames in its panes are read back as pixels and checked against the test pattern.
 */
class CallWindowTest {
    private static final Duration MEDIA = Duration.ofSeconds(20);
    private ParleyServer server;
    private WindowFixture app;
    private ParleyEngine bob;
    private final EventRecorder bobEvents = new EventRecorder();

    @BeforeEach
    void setUp() throws Exception {
        MediaNetwork.require();
        server = TestServers.start();
        app = new WindowFixture(server);
    }

    @AfterEach
    void tearDown() throws Exception {
        Engines.destroy(bob);
        if (app != null) {
            app.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void joinFromTheForm(String room, String user, String name) {
        type("room", room);
        type("user-id", user);
        type("user-name", name);
        app.robot.clickOn("#join");
        awaitFx("in the call", MEDIA, () -> app.session.phaseProperty().get() == CallPhase.IN_CALL);
        awaitFx("publishing", MEDIA, () -> app.session.publisherStateProperty().get() == PublisherState.PUBLISHING);
    }

    private void type(String id, String text) {
        app.robot.clickOn("#" + id);
        app.robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        app.robot.type(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            app.robot.write(text);
        }
    }

    private ParleyEngine bobJoins(boolean publish) {
        bob = TestServers.engine(server, bobEvents);
        bob.setVideoConfig(new VideoConfig(640, 360, 15, 800));
        bob.loginRoom("standup", new User("bob", "Bob"));
        bobEvents.awaitReason(RoomStateChangedReason.LOGINED);
        if (publish) {
            bob.startPublishingStream("bob-main");
            bobEvents.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISHING);
        }
        return bob;
    }

    private TestPattern.Marks remoteMarks(String streamID) {
        return fx(() -> {
            VideoPane pane = (VideoPane) app.window.stage().getScene().lookup("#remote-" + streamID);
            return pane == null ? null : WindowFixture.marks(pane.surface().image());
        });
    }

    @Test
    void joinSeeTheOtherUsersPatternChatAndSeeThemLeave() {
        joinFromTheForm("standup", "alice", "Alice");
        assertEquals("Parley \u2014 standup", fx(() -> app.window.stage().getTitle()));
        bobJoins(true);

        awaitFx("Bob in the participant list", MEDIA, () -> {
            ListView<?> people = (ListView<?>) app.window.stage().getScene().lookup("#participants");
            return people.getItems().size() == 1 && ((User) people.getItems().get(0)).userName().equals("Bob");
        });
        awaitFx("Bob's pattern drawn in his pane", MEDIA, () -> {
            VideoPane pane = (VideoPane) app.window.stage().getScene().lookup("#remote-bob-main");
            return pane != null && WindowFixture.marks(pane.surface().image()) != null;
        });
        TestPattern.Marks first = remoteMarks("bob-main");
        awaitFx("the frame counter moves on in the pane", MEDIA, () -> {
            TestPattern.Marks now = remoteMarks("bob-main");
            return now != null && now.frameCounter() > first.frameCounter() + 5;
        });
        int[] size = fx(() -> {
            VideoPane pane = (VideoPane) app.window.stage().getScene().lookup("#remote-bob-main");
            return new int[] {(int) pane.surface().image().getWidth(), (int) pane.surface().image().getHeight()};
        });
        assertEquals(640, size[0]);
        assertEquals(360, size[1]);
        assertTrue(fx(() -> ((Label) app.window.stage().getScene().lookup("#status-users")).getText()).startsWith("2 in"));

        app.robot.clickOn("Chat");
        type("chat-input", "hello from alice");
        app.robot.type(KeyCode.ENTER);
        BroadcastReceived atBob = bobEvents.await(BroadcastReceived.class, b -> true, MEDIA);
        assertEquals("hello from alice", atBob.messages().get(0).message());
        assertEquals("alice", atBob.messages().get(0).fromUser().userID());
        bob.sendBroadcastMessage("standup", "hi alice", null);
        awaitFx("Bob's line in the chat", MEDIA, () -> {
            ListView<?> lines = (ListView<?>) app.window.stage().getScene().lookup("#chat-lines");
            return lines.getItems().stream().anyMatch(m -> m.toString().contains("hi alice"));
        });

        bob.stopPublishingStream();
        awaitFx("Bob's pane gone when his stream stops", MEDIA, () -> app.node("remote-bob-main") == null
                && app.session.playing().isEmpty());
        bob.logoutRoom();
        awaitFx("Bob gone from the participants", MEDIA, () -> app.session.users().isEmpty());
    }

    @Test
    void microphoneAndCameraTogglesReachTheOtherSide() {
        joinFromTheForm("standup", "alice", "Alice");
        bobJoins(false);
        FrameCounterSink aliceAtBob = new FrameCounterSink();
        bob.startPlayingStream("alice_main", new Canvas(aliceAtBob));
        bobEvents.await(RemoteDevice.class, d -> d.device().equals("microphone") && d.state() == RemoteDeviceState.OPEN, MEDIA);

        app.robot.clickOn("#toggle-microphone");
        bobEvents.await(RemoteDevice.class, d -> d.device().equals("microphone") && d.state() == RemoteDeviceState.MUTE, MEDIA);
        assertTrue(app.showing("local-preview"));
        assertEquals("Unmute", fx(() -> ((javafx.scene.control.ToggleButton) app.window.stage().getScene()
                .lookup("#toggle-microphone")).getText()));

        app.robot.clickOn("#toggle-camera");
        bobEvents.await(RemoteDevice.class, d -> d.device().equals("camera") && d.state() == RemoteDeviceState.MUTE, MEDIA);
        assertNull(fx(() -> ((VideoPane) app.window.stage().getScene().lookup("#local-preview")).surface().image()));

        long opens = bobEvents.all(RemoteDevice.class).stream()
                .filter(d -> d.device().equals("microphone") && d.state() == RemoteDeviceState.OPEN).count();
        app.robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        bobEvents.awaitThat(r -> r.all(RemoteDevice.class).stream()
                .filter(d -> d.device().equals("microphone") && d.state() == RemoteDeviceState.OPEN).count() > opens,
                MEDIA, "microphone open again after Ctrl+D");
        assertTrue(fx(() -> app.session.microphoneOnProperty().get()));
    }

    @Test
    void shareScreenPublishesTheScreenToTheOthers() {
        org.junit.jupiter.api.Assumptions.assumeFalse(java.awt.GraphicsEnvironment.isHeadless(), "needs a display (xvfb-run)");
        joinFromTheForm("standup", "alice", "Alice");
        bobJoins(false);
        app.robot.clickOn("#share-screen");
        EventRecorder.StreamUpdate added = bobEvents.await(EventRecorder.StreamUpdate.class, u -> u.type()
                == dev.parley.engine.UpdateType.ADD && u.streams().stream().anyMatch(s -> s.streamID().equals("alice_screen")), MEDIA);
        assertEquals(dev.parley.engine.PublishChannel.AUX, added.streams().stream()
                .filter(s -> s.streamID().equals("alice_screen")).findFirst().orElseThrow().channel());
        FrameCounterSink screenAtBob = new FrameCounterSink();
        bob.startPlayingStream("alice_screen", new Canvas(screenAtBob));
        var screen = java.awt.Toolkit.getDefaultToolkit().getScreenSize();
        org.awaitility.Awaitility.await("screen frames at Bob").atMost(MEDIA)
                .until(() -> screenAtBob.frames() > 3 && screenAtBob.width() == (screen.width & ~1));
        assertEquals("Stop sharing", fx(() -> ((javafx.scene.control.ToggleButton) app.node("share-screen")).getText()));

        // the Devices menu offers the screens when there are several (the test display has a second, 800x600)
        app.robot.clickOn("#devices");
        String picked = fx(() -> {
            var menu = (javafx.scene.control.MenuButton) app.node("devices");
            var screens = (javafx.scene.control.Menu) menu.getItems().stream()
                    .filter(i -> "Screen to share".equals(i.getText())).findFirst().orElseThrow();
            var second = screens.getItems().stream().filter(i -> i.getText().contains("800x600")).findFirst().orElseThrow();
            second.fire();
            menu.hide();
            return second.getText();
        });
        org.awaitility.Awaitility.await("the second screen at Bob (" + picked + ")").atMost(MEDIA)
                .until(() -> screenAtBob.width() == 800 && screenAtBob.height() == 600);

        app.robot.clickOn("#share-screen");
        bobEvents.await(EventRecorder.StreamUpdate.class, u -> u.type() == dev.parley.engine.UpdateType.DELETE
                && u.streams().stream().anyMatch(s -> s.streamID().equals("alice_screen")), MEDIA);
        assertTrue(fx(() -> !app.session.screenSharingProperty().get()));
    }

    private String bannerOf(String streamID) {
        VideoPane pane = (VideoPane) app.node("remote-" + streamID);
        return pane == null ? "no pane" : pane.bannerTextProperty().get();
    }

    @Test
    void panesSayWhenVideoIsPausedOrTheCallIsReconnecting() throws Exception {
        try (TcpProxy proxy = new TcpProxy(server.port())) {
            type("server", proxy.url());
            joinFromTheForm("standup", "alice", "Alice");
            bobJoins(true);
            awaitFx("Bob's frames", MEDIA, () -> remoteMarks("bob-main") != null);
            assertNull(fx(() -> bannerOf("bob-main")));

            MediaNetwork.cutPeers();
            try {
                awaitFx("video paused", MEDIA, () -> "Video paused".equals(bannerOf("bob-main")));
            } finally {
                MediaNetwork.restorePeers();
            }
            awaitFx("banner gone when the video is back", MEDIA, () -> bannerOf("bob-main") == null);

            proxy.freeze();
            awaitFx("reconnecting", MEDIA, () -> "Reconnecting\u2026".equals(bannerOf("bob-main")));
            proxy.unfreeze();
            awaitFx("banner gone when the room is back", MEDIA, () -> bannerOf("bob-main") == null
                    && app.session.roomStateProperty().get() == dev.parley.engine.RoomState.CONNECTED);
        }
    }

    @Test
    void invalidRoomIdShowsWhatIsWrong() {
        type("user-id", "alice");
        type("room", "");
        app.robot.clickOn("#join");
        String problem = fx(() -> ((Label) app.window.stage().getScene().lookup("#join-problem")).getText());
        assertEquals("Enter a room ID. (1002001)", problem);

        WindowFixture.fxRun(() -> ((TextField) app.window.stage().getScene().lookup("#room")).setText("r".repeat(129)));
        app.robot.clickOn("#join");
        problem = fx(() -> ((Label) app.window.stage().getScene().lookup("#join-problem")).getText());
        assertEquals("The room ID is longer than 128 bytes. (1002001)", problem);
        assertEquals(CallPhase.IDLE, fx(() -> app.session.phaseProperty().get()));
        assertEquals(0, server.stats().sessions());
    }

    @Test
    void kickOutShowsTheBannerAndReturnsToTheJoinView() {
        joinFromTheForm("standup", "alice", "Alice");
        EventRecorder otherAliceEvents = new EventRecorder();
        bob = TestServers.engine(server, otherAliceEvents);
        bob.loginRoom("standup", new User("alice", "Alice elsewhere"));
        otherAliceEvents.awaitReason(RoomStateChangedReason.LOGINED);

        awaitFx("kick-out banner", MEDIA, () -> app.showing("error-banner")
                && ((Label) app.node("error-banner")).getText().endsWith("(1002016)"));
        awaitFx("back at the join view", MEDIA, () -> app.showing("join"));
        assertEquals(CallPhase.IDLE, fx(() -> app.session.phaseProperty().get()));

        app.robot.clickOn("#dismiss-error");
        awaitFx("banner dismissed", MEDIA, () -> !app.showing("error-banner"));
    }

    @Test
    void endCallReturnsToTheJoinViewAndLeavesNoEngineThreads() {
        Set<String> before = Engines.threadNames();
        joinFromTheForm("standup", "alice", "Alice");
        bobJoins(true);
        awaitFx("Bob's pane", MEDIA, () -> app.node("remote-bob-main") != null);

        app.robot.clickOn("#end-call");
        awaitFx("back at the join view", MEDIA, () -> app.showing("join") && app.node("end-call") == null);
        awaitFx("engine destroyed", MEDIA, () -> !app.session.engineRunningProperty().get());
        Engines.destroy(bob);
        bob = null;
        org.awaitility.Awaitility.await("engine threads gone").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<String> left = new java.util.TreeSet<>(Engines.threadNames());
            left.removeAll(before);
            assertTrue(left.isEmpty(), "engine threads left: " + left);
        });
        bobEvents.awaitThat(r -> r.all(EventRecorder.UserUpdate.class).stream()
                .anyMatch(u -> u.type() == dev.parley.engine.UpdateType.DELETE), MEDIA, "Bob saw Alice leave");
        assertNotNull(app.node("join-preview"));
        assertEquals("Parley", fx(() -> app.window.stage().getTitle()));
    }

    @Test
    void closingTheWindowDestroysTheEngineFirst() throws Exception {
        Set<String> before = Engines.threadNames();
        joinFromTheForm("standup", "alice", "Alice");
        app.close();
        assertTrue(app.awaitClosed(Duration.ofSeconds(1)));
        assertEquals(CallPhase.CLOSED, fx(() -> app.session.phaseProperty().get()));
        org.awaitility.Awaitility.await("engine threads gone").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<String> left = new java.util.TreeSet<>(Engines.threadNames());
            left.removeAll(before);
            assertTrue(left.isEmpty(), "engine threads left: " + left);
        });
        org.awaitility.Awaitility.await("session ended on the server").atMost(Duration.ofSeconds(5))
                .until(() -> server.stats().sessions() == 0);
        app = null;
    }
}
