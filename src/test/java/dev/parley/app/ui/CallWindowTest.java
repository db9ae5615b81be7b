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
import dev.parley.engine.TestPattern;
import dev.parley.engine.User;
import dev.parley.engine.VideoConfig;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.BroadcastReceived;
import dev.parley.testing.EventRecorder.RemoteDevice;
import dev.parley.testing.MediaNetwork;
import dev.parley.testing.TcpProxy;
import dev.parley.app.RemoteStream;
import dev.parley.engine.PlayerMediaEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.text.Text;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real window, driven through TestFX on the headless Monocle stage, in calls with real
 * engines: frames in its panes are read back as pixels and checked against the test pattern.
 */
class CallWindowTest {
    private static final Duration MEDIA = Duration.ofSeconds(20);
    /** Bob's name: long, as names can be, so that his line in the status bar needs more than 800 pixels. */
    private static final String BOB = "Bob Whitfield-Stone (Accounts Payable and Receivables, Berlin office)";
    /**
     * A played stream's figures in the status bar, for example "Bob …: 640x360 · 15 fps · 812 kbps ·
     * excellent · direct" (the test network reaches the other engine without a relay).
     */
    private static final Pattern STATUS_FIGURES = Pattern.compile(Pattern.quote(BOB) + ": 640x360 \u00B7 [1-9]\\d* fps \u00B7 [1-9]\\d* kbps( \u00B7 (excellent|good|fair|poor|very poor))? \u00B7 direct");
    @RegisterExtension
    final WindowRoom room = WindowRoom.startedBeforeEachTest();
    private ParleyEngine bob;
    private final EventRecorder bobEvents = new EventRecorder();

    private void joinFromTheForm(String roomID, String user, String name) {
        type("room", roomID);
        type("user-id", user);
        type("user-name", name);
        room.app().robot.clickOn("#join");
        awaitFx("in the call", MEDIA, () -> room.app().session.phaseProperty().get() == CallPhase.IN_CALL);
        awaitFx("publishing", MEDIA, () -> room.app().session.publisherStateProperty().get() == PublisherState.PUBLISHING);
    }

    private void type(String id, String text) {
        room.app().robot.clickOn("#" + id);
        room.app().robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        room.app().robot.type(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            room.app().robot.write(text);
        }
    }

    private ParleyEngine bobJoins(boolean publish) {
        User user = new User("bob", BOB);
        Consumer<ParleyEngine> video = engine -> engine.setVideoConfig(new VideoConfig(640, 360, 15, 800));
        bob = publish ? room.publisher(bobEvents, user, video) : room.member(bobEvents, user, video);
        return bob;
    }

    private TestPattern.Marks remoteMarks(String streamID) {
        return fx(() -> {
            VideoPane pane = (VideoPane) room.app().window.stage().getScene().lookup("#remote-" + streamID);
            return pane == null ? null : WindowFixture.marks(pane.surface().image());
        });
    }

    private String text(String id) {
        return fx(() -> ((Labeled) room.app().node(id)).getText());
    }

    /** The text a picker shows for its current choice. */
    private String pickerShows(String id) {
        return fx(() -> ((ComboBox<?>) room.app().node(id)).getButtonCell().getText());
    }

    /** What the People list shows, in order. */
    private List<String> peopleShown() {
        return fx(() -> {
            ListView<?> people = (ListView<?>) room.app().node("participants");
            List<String> shown = new ArrayList<>();
            for (Node cell : people.lookupAll(".list-cell")) {
                String t = ((ListCell<?>) cell).getText();
                if (t != null && !((ListCell<?>) cell).isEmpty()) {
                    shown.add(((ListCell<?>) cell).getIndex() + ":" + t);
                }
            }
            shown.sort(null);
            return shown.stream().map(x -> x.substring(x.indexOf(':') + 1)).toList();
        });
    }

    private String findPeopleTab() {
        Node at = room.app().window.stage().getScene().lookup("#participants");
        while (at != null && !(at instanceof TabPane)) {
            at = at.getParent();
        }
        return at == null ? "no tabs" : ((TabPane) at).getTabs().get(0).getText();
    }

    /** [fitWidth, fitHeight, surfaceWidth, surfaceHeight] of a remote pane's picture. */
    private double[] placement(String streamID) {
        return fx(() -> {
            VideoPane pane = (VideoPane) room.app().node("remote-" + streamID);
            ImageView view = (ImageView) pane.surface().getChildrenUnmodifiable().get(0);
            return new double[] {view.getFitWidth(), view.getFitHeight(), pane.surface().getWidth(), pane.surface().getHeight()};
        });
    }

    @Test
    void joinSeeTheOtherUsersPatternChatAndSeeThemLeave() {
        joinFromTheForm("standup", "alice", "Alice");
        List<String> statusShown = new CopyOnWriteArrayList<>();
        WindowFixture.fxRun(() -> ((Label) room.app().node("status-quality")).textProperty()
                .addListener((obs, was, now) -> statusShown.add(now)));
        assertEquals("Parley \u2014 standup", fx(() -> room.app().window.stage().getTitle()));
        // alone: People and the status bar count the same one person, this user
        awaitFx("Alice in her own People list", MEDIA, () -> peopleShown().equals(List.of("Alice (you)")));
        assertEquals("People (1)", fx(this::findPeopleTab));
        assertEquals("1 in the room", text("status-users"));
        assertEquals("Room standup \u00B7 connected", text("status-room"));
        bobJoins(true);

        awaitFx("Bob in the participant list", MEDIA, () -> peopleShown().equals(List.of("Alice (you)", BOB)));
        assertEquals("People (2)", fx(this::findPeopleTab));
        assertEquals("2 in the room", text("status-users"));
        awaitFx("Bob's pattern drawn in his pane", MEDIA, () -> {
            VideoPane pane = (VideoPane) room.app().window.stage().getScene().lookup("#remote-bob-main");
            return pane != null && WindowFixture.marks(pane.surface().image()) != null;
        });
        TestPattern.Marks first = remoteMarks("bob-main");
        awaitFx("the frame counter moves on in the pane", MEDIA, () -> {
            TestPattern.Marks now = remoteMarks("bob-main");
            return now != null && now.frameCounter() > first.frameCounter() + 5;
        });
        int[] size = fx(() -> {
            VideoPane pane = (VideoPane) room.app().window.stage().getScene().lookup("#remote-bob-main");
            return new int[] {(int) pane.surface().image().getWidth(), (int) pane.surface().image().getHeight()};
        });
        assertEquals(640, size[0]);
        assertEquals(360, size[1]);

        // the status bar has figures in words once a report has them, and never said 0 fps or an enum
        awaitFx("Bob's figures in the status bar", MEDIA, () -> STATUS_FIGURES.matcher(text("status-quality")).matches());
        assertTrue(statusShown.stream().noneMatch(t -> t.contains("_") || t.matches(".*\\b0 fps.*")
                || t.matches(".*\\b0 kbps.*")), () -> "shown: " + statusShown);

        // a lone tile shows the whole picture; its menu can make it fill the tile instead
        awaitFx("the lone tile is laid out", MEDIA, () -> placement("bob-main")[0] > 0);
        double[] fit = placement("bob-main");
        assertTrue(fit[0] <= fit[2] + 0.5 && fit[1] <= fit[3] + 0.5, () -> "cropped: " + Arrays.toString(fit));
        room.app().robot.rightClickOn(room.app().node("remote-bob-main"));
        room.app().robot.clickOn("Fill: crop to the tile");
        awaitFx("filled", MEDIA, () -> placement("bob-main")[0] > placement("bob-main")[2] + 0.5
                || placement("bob-main")[1] > placement("bob-main")[3] + 0.5);

        // in an 800-pixel window Bob's line does not fit: it ends in an ellipsis, and the room and
        // the count stay whole
        WindowFixture.fxRun(() -> room.app().window.stage().setWidth(800));
        awaitFx("the status bar fits", MEDIA, () -> {
            Label line = (Label) room.app().node("status-quality");
            Label roomState = (Label) room.app().node("status-room");
            double right = line.localToScene(line.getLayoutBounds()).getMaxX();
            String drawn = ((Text) line.lookup(".text")).getText();
            String roomDrawn = ((Text) roomState.lookup(".text")).getText();
            String usersDrawn = ((Text) room.app().node("status-users").lookup(".text")).getText();
            return right <= line.getScene().getWidth() + 0.5 && line.getScene().getWidth() <= 800.5
                    && drawn.endsWith("\u2026") && drawn.startsWith("Bob Whitfield")
                    && roomDrawn.equals(roomState.getText()) && usersDrawn.equals("2 in the room");
        });

        // Bob turns his camera off: his initials, not a frozen frame, and no "Video paused"
        RemoteStream bobAtAlice = fx(() -> room.app().session.playing().get(0));
        bob.enableCamera(false);
        awaitFx("Bob's initials instead of his video", MEDIA, () ->
                ((VideoPane) room.app().node("remote-bob-main")).showsPlaceholder());
        assertEquals("BW", fx(() -> ((VideoPane) room.app().node("remote-bob-main")).placeholderText()));
        awaitFx("the frames have stopped", MEDIA, () -> bobAtAlice.mediaEventProperty().get() == PlayerMediaEvent.VIDEO_BREAK_OCCUR);
        assertNull(fx(() -> bannerOf("bob-main")));
        assertEquals(BOB + ": camera off", text("status-quality"));
        bob.enableCamera(true);
        awaitFx("Bob's video back", MEDIA, () -> !((VideoPane) room.app().node("remote-bob-main")).showsPlaceholder()
                && bobAtAlice.mediaEventProperty().get() == PlayerMediaEvent.VIDEO_BREAK_RESUME);
        TestPattern.Marks back = remoteMarks("bob-main");
        awaitFx("his frames move on again", MEDIA, () -> {
            TestPattern.Marks now = remoteMarks("bob-main");
            return now != null && back != null && now.frameCounter() > back.frameCounter();
        });
        assertNull(fx(() -> bannerOf("bob-main")));

        room.app().robot.clickOn("Chat");
        type("chat-input", "hello from alice");
        room.app().robot.type(KeyCode.ENTER);
        BroadcastReceived atBob = bobEvents.await(BroadcastReceived.class, b -> true, MEDIA);
        assertEquals("hello from alice", atBob.messages().get(0).message());
        assertEquals("alice", atBob.messages().get(0).fromUser().userID());
        bob.sendBroadcastMessage("standup", "hi alice", null);
        awaitFx("Bob's line in the chat", MEDIA, () -> {
            ListView<?> lines = (ListView<?>) room.app().window.stage().getScene().lookup("#chat-lines");
            return lines.getItems().stream().anyMatch(m -> m.toString().contains("hi alice"));
        });

        room.app().robot.clickOn("People (2)");
        bob.stopPublishingStream();
        awaitFx("Bob's pane gone when his stream stops", MEDIA, () -> room.app().node("remote-bob-main") == null
                && room.app().session.playing().isEmpty());
        bob.logoutRoom();
        awaitFx("Bob gone from the participants", MEDIA, () -> room.app().session.users().isEmpty()
                && peopleShown().equals(List.of("Alice (you)")));
        assertEquals("1 in the room", text("status-users"));
    }

    @Test
    void microphoneAndCameraTogglesReachTheOtherSide() {
        joinFromTheForm("standup", "alice", "Alice");
        bobJoins(false);
        FrameCounterSink aliceAtBob = new FrameCounterSink();
        bob.startPlayingStream("alice_main", new Canvas(aliceAtBob));
        bobEvents.await(RemoteDevice.class, d -> d.device().equals("microphone") && d.state() == RemoteDeviceState.OPEN, MEDIA);

        room.app().robot.clickOn("#toggle-microphone");
        bobEvents.await(RemoteDevice.class, d -> d.device().equals("microphone") && d.state() == RemoteDeviceState.MUTE, MEDIA);
        assertTrue(room.app().showing("local-preview"));
        assertEquals("Unmute", fx(() -> ((javafx.scene.control.ToggleButton) room.app().window.stage().getScene()
                .lookup("#toggle-microphone")).getText()));

        room.app().robot.clickOn("#toggle-camera");
        bobEvents.await(RemoteDevice.class, d -> d.device().equals("camera") && d.state() == RemoteDeviceState.MUTE, MEDIA);
        assertNull(fx(() -> ((VideoPane) room.app().window.stage().getScene().lookup("#local-preview")).surface().image()));

        long opens = bobEvents.all(RemoteDevice.class).stream()
                .filter(d -> d.device().equals("microphone") && d.state() == RemoteDeviceState.OPEN).count();
        room.app().robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        bobEvents.awaitThat(r -> r.all(RemoteDevice.class).stream()
                .filter(d -> d.device().equals("microphone") && d.state() == RemoteDeviceState.OPEN).count() > opens,
                MEDIA, "microphone open again after Ctrl+D");
        assertTrue(fx(() -> room.app().session.microphoneOnProperty().get()));
    }

    @Test
    void shareScreenPublishesTheScreenToTheOthers() {
        org.junit.jupiter.api.Assumptions.assumeFalse(java.awt.GraphicsEnvironment.isHeadless(), "needs a display (xvfb-run)");
        joinFromTheForm("standup", "alice", "Alice");
        bobJoins(false);
        room.app().robot.clickOn("#share-screen");
        EventRecorder.StreamUpdate added = bobEvents.await(EventRecorder.StreamUpdate.class, u -> u.type()
                == dev.parley.engine.UpdateType.ADD && u.streams().stream().anyMatch(s -> s.streamID().equals("alice_screen")), MEDIA);
        assertEquals(dev.parley.engine.PublishChannel.AUX, added.streams().stream()
                .filter(s -> s.streamID().equals("alice_screen")).findFirst().orElseThrow().channel());
        FrameCounterSink screenAtBob = new FrameCounterSink();
        bob.startPlayingStream("alice_screen", new Canvas(screenAtBob));
        var screen = java.awt.Toolkit.getDefaultToolkit().getScreenSize();
        org.awaitility.Awaitility.await("screen frames at Bob").atMost(MEDIA)
                .until(() -> screenAtBob.frames() > 3 && screenAtBob.width() == (screen.width & ~1));
        assertEquals("Stop sharing", fx(() -> ((javafx.scene.control.ToggleButton) room.app().node("share-screen")).getText()));

        // the Devices menu offers the screens when there are several (the test display has a second, 800x600)
        room.app().robot.clickOn("#devices");
        String picked = fx(() -> {
            var menu = (javafx.scene.control.MenuButton) room.app().node("devices");
            var screens = (javafx.scene.control.Menu) menu.getItems().stream()
                    .filter(i -> "Screen to share".equals(i.getText())).findFirst().orElseThrow();
            var second = screens.getItems().stream().filter(i -> i.getText().contains("800x600")).findFirst().orElseThrow();
            second.fire();
            menu.hide();
            return second.getText();
        });
        org.awaitility.Awaitility.await("the second screen at Bob (" + picked + ")").atMost(MEDIA)
                .until(() -> screenAtBob.width() == 800 && screenAtBob.height() == 600);

        room.app().robot.clickOn("#share-screen");
        bobEvents.await(EventRecorder.StreamUpdate.class, u -> u.type() == dev.parley.engine.UpdateType.DELETE
                && u.streams().stream().anyMatch(s -> s.streamID().equals("alice_screen")), MEDIA);
        assertTrue(fx(() -> !room.app().session.screenSharingProperty().get()));
    }

    private String bannerOf(String streamID) {
        VideoPane pane = (VideoPane) room.app().node("remote-" + streamID);
        return pane == null ? "no pane" : pane.bannerTextProperty().get();
    }

    @Test
    void panesSayWhenVideoIsPausedOrTheCallIsReconnecting() throws Exception {
        try (TcpProxy proxy = new TcpProxy(room.server().port())) {
            type("server", proxy.url());
            joinFromTheForm("standup", "alice", "Alice");
            bobJoins(true);
            awaitFx("Bob's frames", MEDIA, () -> remoteMarks("bob-main") != null);
            assertNull(fx(() -> bannerOf("bob-main")));

            MediaNetwork.cutPeers();
            try {
                awaitFx("video paused", MEDIA, () -> "Video paused".equals(bannerOf("bob-main"))
                        && text("status-quality").equals(BOB + ": video paused"));
            } finally {
                MediaNetwork.restorePeers();
            }
            awaitFx("banner gone when the video is back", MEDIA, () -> bannerOf("bob-main") == null);

            proxy.freeze();
            awaitFx("reconnecting", MEDIA, () -> "Reconnecting\u2026".equals(bannerOf("bob-main")));
            // the window's banner says why, with the code
            awaitFx("the lost connection's banner", MEDIA, () -> room.app().showing("error-banner")
                    && text("error-banner").equals("Connection lost: The room server cannot be reached. Reconnecting\u2026 (1001002)"));
            assertEquals("Room standup \u00B7 reconnecting\u2026", text("status-room"));
            proxy.unfreeze();
            awaitFx("banner gone when the room is back", MEDIA, () -> bannerOf("bob-main") == null
                    && room.app().session.roomStateProperty().get() == dev.parley.engine.RoomState.CONNECTED
                    && !room.app().showing("error-banner"));

            // the server going away says so before it closes; the banner gives its notice and code
            room.server().close();
            awaitFx("the shutdown notice in the banner", MEDIA, () -> room.app().showing("error-banner")
                    && text("error-banner").equals("Connection lost: The room server is shutting down. Reconnecting\u2026 (1002020)"));
        }
    }

    @Test
    void aSecondWindowSuggestsAFreeUserIdAndAsksBeforeEndingTheFirstOnesCall() throws Exception {
        joinFromTheForm("standup", "alice", "Alice");
        // a second window on this computer starts from the same remembered room and user ID
        AppSettings remembered = AppSettings.inMemory();
        remembered.put("room", "standup");
        remembered.put("userId", "alice");
        remembered.put("userName", "Alice");
        try (WindowFixture second = new WindowFixture(room.server(), remembered)) {
            awaitFx("a free user ID suggested", MEDIA, () -> "alice-2".equals(((TextField) second.node("user-id")).getText()));
            assertTrue(second.showing("user-id-hint"));
            assertEquals("alice is already in standup on this computer, so this window joins as alice-2.",
                    fx(() -> ((Label) second.node("user-id-hint")).getText()));

            // going back to alice asks first, in the window, and nobody is kicked out meanwhile
            second.robot.clickOn(second.node("user-id"));
            second.robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
            second.robot.write("alice");
            second.robot.clickOn(second.node("join"));
            awaitFx("the question", MEDIA, () -> second.showing("join-conflict"));
            assertEquals("Someone is already in standup as alice. Joining as alice ends their call.",
                    fx(() -> ((Label) second.node("join-conflict-text")).getText()));
            assertEquals("Join as alice-2", fx(() -> ((Labeled) second.node("join-as-free")).getText()));
            assertEquals(CallPhase.IDLE, fx(() -> second.session.phaseProperty().get()));
            assertEquals(CallPhase.IN_CALL, fx(() -> room.app().session.phaseProperty().get()));
            // on a loaded machine the first window's connection can miss its heartbeats and come back,
            // and while it does the server counts no session
            awaitFx("the first window connected", MEDIA, () ->
                    room.app().session.roomStateProperty().get() == dev.parley.engine.RoomState.CONNECTED);
            assertEquals(1, room.server().stats().sessions());

            second.robot.clickOn(second.node("join-as-free"));
            awaitFx("the second window in the call as alice-2", MEDIA, () ->
                    second.session.phaseProperty().get() == CallPhase.IN_CALL
                            && second.session.request().userID().equals("alice-2"));
            awaitFx("both in the first window's People", MEDIA, () -> room.app().session.participants().stream()
                    .map(User::userID).toList().equals(List.of("alice", "alice-2")));
            assertEquals(CallPhase.IN_CALL, fx(() -> room.app().session.phaseProperty().get()));
            assertTrue(!room.app().showing("error-banner"), "the first window was not kicked out");
            assertEquals("alice", remembered.get("userId", null), "the numbered ID is this window's only");
        }
    }

    @Test
    void invalidRoomIdShowsWhatIsWrong() {
        type("user-id", "alice");
        type("room", "");
        room.app().robot.clickOn("#join");
        String problem = fx(() -> ((Label) room.app().window.stage().getScene().lookup("#join-problem")).getText());
        assertEquals("Enter a room ID. (1002001)", problem);

        WindowFixture.fxRun(() -> ((TextField) room.app().window.stage().getScene().lookup("#room")).setText("r".repeat(129)));
        room.app().robot.clickOn("#join");
        problem = fx(() -> ((Label) room.app().window.stage().getScene().lookup("#join-problem")).getText());
        assertEquals("The room ID is longer than 128 bytes. (1002001)", problem);
        assertEquals(CallPhase.IDLE, fx(() -> room.app().session.phaseProperty().get()));
        assertEquals(0, room.server().stats().sessions());
    }

    @Test
    void kickOutShowsTheBannerAndReturnsToTheJoinView() {
        joinFromTheForm("standup", "alice", "Alice");
        EventRecorder otherAliceEvents = new EventRecorder();
        room.member(otherAliceEvents, new User("alice", "Alice elsewhere"), engine -> { });

        awaitFx("kick-out banner", MEDIA, () -> room.app().showing("error-banner")
                && ((Label) room.app().node("error-banner")).getText().endsWith("(1002016)"));
        awaitFx("back at the join view", MEDIA, () -> room.app().showing("join"));
        assertEquals(CallPhase.IDLE, fx(() -> room.app().session.phaseProperty().get()));

        room.app().robot.clickOn("#dismiss-error");
        awaitFx("banner dismissed", MEDIA, () -> !room.app().showing("error-banner"));
    }

    @Test
    void endCallReturnsToTheJoinViewAndLeavesNoEngineThreads() {
        Set<String> before = Engines.threadNames();
        awaitFx("the pickers show the devices in use", MEDIA, () -> "Test pattern".equals(pickerShows("camera-picker"))
                && "Test tone".equals(pickerShows("microphone-picker")));
        joinFromTheForm("standup", "alice", "Alice");
        bobJoins(true);
        awaitFx("Bob's pane", MEDIA, () -> room.app().node("remote-bob-main") != null);

        room.app().robot.clickOn("#end-call");
        awaitFx("back at the join view", MEDIA, () -> room.app().showing("join") && room.app().node("end-call") == null);
        awaitFx("engine destroyed", MEDIA, () -> !room.app().session.engineRunningProperty().get());
        room.destroy(bob);
        org.awaitility.Awaitility.await("engine threads gone").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<String> left = new java.util.TreeSet<>(Engines.threadNames());
            left.removeAll(before);
            assertTrue(left.isEmpty(), "engine threads left: " + left);
        });
        bobEvents.awaitThat(r -> r.all(EventRecorder.UserUpdate.class).stream()
                .anyMatch(u -> u.type() == dev.parley.engine.UpdateType.DELETE), MEDIA, "Bob saw Alice leave");
        assertNotNull(room.app().node("join-preview"));
        assertEquals("Parley", fx(() -> room.app().window.stage().getTitle()));
        room.app().robot.clickOn("#preview-toggle");
        awaitFx("the pickers show the devices again after the call", MEDIA, () -> room.app().session.previewingProperty().get()
                && "Test pattern".equals(pickerShows("camera-picker")) && "Test tone".equals(pickerShows("microphone-picker")));
    }

    @Test
    void closingTheWindowDestroysTheEngineFirst() throws Exception {
        Set<String> before = Engines.threadNames();
        joinFromTheForm("standup", "alice", "Alice");
        room.app().close();
        assertTrue(room.app().awaitClosed(Duration.ofSeconds(1)));
        assertEquals(CallPhase.CLOSED, fx(() -> room.app().session.phaseProperty().get()));
        org.awaitility.Awaitility.await("engine threads gone").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<String> left = new java.util.TreeSet<>(Engines.threadNames());
            left.removeAll(before);
            assertTrue(left.isEmpty(), "engine threads left: " + left);
        });
        org.awaitility.Awaitility.await("session ended on the server").atMost(Duration.ofSeconds(5))
                .until(() -> room.server().stats().sessions() == 0);
    }
}
