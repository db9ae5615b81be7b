package dev.parley.app.ui;

import static dev.parley.app.ui.WindowFixture.awaitFx;
import static dev.parley.app.ui.WindowFixture.fx;

import dev.parley.app.CallPhase;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.User;
import dev.parley.testing.EventRecorder;
import java.time.Duration;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who is speaking, in the real window under TestFX with real engines and the engine's test tone
 * as everyone's microphone (no sound server): the join view's meter, the ring on the tile of
 * whoever sends sound, which goes when they mute, and with three tiles the large tile going to
 * whoever sends sound while the others are muted.
 */
class SpeakingWindowTest {
    private static final Duration MEDIA = Duration.ofSeconds(20);
    @RegisterExtension
    final WindowRoom room = WindowRoom.startedBeforeEachTest();
    private ParleyEngine bob;
    private ParleyEngine carol;
    private ParleyEngine dave;

    private double meter() {
        return fx(() -> ((ProgressBar) room.app().node("microphone-level")).getProgress());
    }

    private boolean ringOn(String id) {
        return fx(() -> room.app().node(id) != null && room.app().node(id).getStyleClass().contains("speaking"));
    }

    /** An engine in the room publishing {@code userID}-main with its camera off and the test tone as its microphone. */
    private ParleyEngine talker(String userID, String name) {
        return room.publisher(new EventRecorder(), new User(userID, name), engine -> engine.enableCamera(false));
    }

    /** Whether the tile {@code id} is at least twice as wide as every other remote tile, as laid out. */
    private boolean large(String id) {
        return fx(() -> {
            javafx.scene.Node tile = room.app().node(id);
            javafx.scene.layout.Pane grid = (javafx.scene.layout.Pane) room.app().node("remote-grid");
            if (tile == null || grid.getChildren().size() < 3 || !grid.getChildren().contains(tile)) {
                return false;
            }
            double width = tile.getBoundsInParent().getWidth();
            return width > 0 && grid.getChildren().stream()
                    .filter(other -> other != tile)
                    .allMatch(other -> width >= 2 * other.getBoundsInParent().getWidth());
        });
    }

    @Test
    void withThreeTilesTheTalkerHasTheLargeTileAndTheNextTalkerTakesIt() {
        bob = talker("bob", "Bob");
        carol = talker("carol", "Carol");
        dave = talker("dave", "Dave");
        carol.mutePublishStreamAudio(true);
        dave.mutePublishStreamAudio(true);

        WindowFixture.fxRun(() -> room.app().window.fill(null, "standup", "alice", "Alice"));
        room.app().robot.clickOn("#join");
        awaitFx("in the call", MEDIA, () -> room.app().session.phaseProperty().get() == CallPhase.IN_CALL);
        awaitFx("three tiles", MEDIA, () -> room.app().node("remote-bob-main") != null
                && room.app().node("remote-carol-main") != null && room.app().node("remote-dave-main") != null);

        awaitFx("Bob's tile large while only his tone plays", MEDIA, () -> large("remote-bob-main"));

        bob.mutePublishStreamAudio(true);
        carol.mutePublishStreamAudio(false);
        awaitFx("Carol's tile large once she speaks and Bob is quiet", MEDIA, () -> large("remote-carol-main"));
        awaitFx("the ring on Carol's tile", MEDIA, () -> ringOn("remote-carol-main"));
        awaitFx("Bob's ring gone", MEDIA, () -> !ringOn("remote-bob-main"));

        carol.mutePublishStreamAudio(true);
        awaitFx("nobody speaks", MEDIA, () -> !ringOn("remote-carol-main"));
        org.junit.jupiter.api.Assertions.assertTrue(large("remote-carol-main"), "silence keeps Carol in the large tile");

        bob.mutePublishStreamAudio(false);
        awaitFx("Bob's tile large again once he speaks", MEDIA, () -> large("remote-bob-main"));
    }

    @Test
    void theJoinViewsMeterShowsTheMicrophoneBeforeJoining() {
        awaitFx("the meter is beside the microphone picker", MEDIA, () -> room.app().showing("microphone-level"));
        awaitFx("the test tone on the meter (it measures about 70 of 100)", MEDIA, () -> meter() > 0.4);
    }

    @Test
    void theRingIsOnTheTalkersTileAndGoesWhenTheyMute() {
        bob = talker("bob", "Bob");

        WindowFixture.fxRun(() -> room.app().window.fill(null, "standup", "alice", "Alice"));
        room.app().robot.clickOn("#join");
        awaitFx("in the call", MEDIA, () -> room.app().session.phaseProperty().get() == CallPhase.IN_CALL);
        awaitFx("Bob's tile", MEDIA, () -> room.app().node("remote-bob-main") != null);

        awaitFx("the ring on Bob's tile while his tone plays", MEDIA, () -> ringOn("remote-bob-main"));
        awaitFx("the ring on the own preview from the captured tone", MEDIA, () -> ringOn("local-preview"));

        bob.mutePublishStreamAudio(true);
        awaitFx("no ring once Bob mutes", MEDIA, () -> !ringOn("remote-bob-main"));
        room.app().robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        awaitFx("no ring on the preview once the microphone is muted", MEDIA, () -> !ringOn("local-preview"));

        bob.mutePublishStreamAudio(false);
        awaitFx("the ring back on Bob's tile", MEDIA, () -> ringOn("remote-bob-main"));
    }
}
