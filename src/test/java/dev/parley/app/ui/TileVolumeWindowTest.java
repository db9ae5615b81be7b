package dev.parley.app.ui;

import static dev.parley.app.ui.WindowFixture.awaitFx;
import static dev.parley.app.ui.WindowFixture.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.app.CallPhase;
import dev.parley.engine.TestPattern;
import dev.parley.engine.User;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.SoundServer;
import java.time.Duration;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tile's volume slider and mute, heard at the window's speakers: the window's engine plays to a
 * private PulseAudio whose speakers' monitor the test reads, while Bob sends the engine's 440 Hz
 * test tone. The slider at 50 lowers Bob by about 6 dB against 100, at 200 he is louder; the
 * slider at 0 and the mute each silence Bob at the speakers, and the choice is
 * still there (menu, "SOUND OFF" tag and silence) after the grid lays the tile out again.
 */
class TileVolumeWindowTest {
    private static final Duration MEDIA = Duration.ofSeconds(20);
    private static final Duration LISTEN = Duration.ofMillis(400);
    /** A longer recording, for comparing levels. */
    private static final Duration MEASURE = Duration.ofMillis(1000);
    private static final int TONE_HZ = 440;
    @RegisterExtension
    final WindowRoom room = WindowRoom.startedByTheTest();
    private SoundServer sound;

    @BeforeEach
    void setUp() throws Exception {
        // before the window's engine, which looks for the sound server when it is made
        sound = room.closeAfterServer(SoundServer.start());
        room.start();
    }

    @Test
    void theSliderSetsHowLoudTheTalkerIsAtTheSpeakersAndZeroAndTheMuteSilenceHimAcrossLayouts() {
        room.publisher(new EventRecorder(), new User("bob", "Bob"), engine -> {
            engine.enableCamera(false);
            engine.useAudioDevice(TestPattern.AUDIO_DEVICE_ID);
        });
        WindowFixture.fxRun(() -> room.app().window.fill(null, "standup", "alice", "Alice"));
        room.app().robot.clickOn("#join");
        awaitFx("in the call", MEDIA, () -> room.app().session.phaseProperty().get() == CallPhase.IN_CALL);
        awaitFx("Bob's tile", MEDIA, () -> room.app().node("remote-bob-main") != null);
        awaitHeard("Bob's tone at the speakers", s -> hears(s, TONE_HZ));
        assertTrue(!room.app().showing("remote-bob-main") || !soundOffShown(), "no SOUND OFF tag at first");

        double asReceived = SoundServer.toneRms(sound.awaitSteadyTones(MEDIA, MEASURE, TONE_HZ), TONE_HZ);
        Slider slider = openMenuSlider();
        assertEquals(100, fx(slider::getValue), 0.01, "the slider starts at 100");
        room.app().robot.clickOn(slider);
        // halfway to the left: half the amplitude, about 6 dB less than at 100
        for (int i = 0; i < 5; i++) {
            room.app().robot.type(KeyCode.LEFT);
        }
        awaitFx("the slider at 50", MEDIA, () -> slider.getValue() == 50);
        awaitLevel("Bob about 6 dB quieter with the slider at 50", asReceived, db -> db > -9 && db < -3);
        room.app().robot.type(KeyCode.END);
        awaitFx("the slider at 200", MEDIA, () -> slider.getValue() == 200);
        awaitLevel("Bob louder with the slider at 200", asReceived, db -> db > 3);
        room.app().robot.type(KeyCode.HOME);
        awaitFx("the slider at 0", MEDIA, () -> slider.getValue() == 0);
        awaitHeard("Bob silent at the speakers with the slider at 0", s -> !hears(s, TONE_HZ));
        awaitFx("the SOUND OFF tag on Bob's tile", MEDIA, this::soundOffShown);
        room.app().robot.type(KeyCode.END);
        awaitFx("the slider at 200 again", MEDIA, () -> slider.getValue() == 200);
        awaitHeard("Bob again with the slider up", s -> hears(s, TONE_HZ));
        room.app().robot.type(KeyCode.HOME);
        awaitHeard("Bob silent again", s -> !hears(s, TONE_HZ));
        closeMenu();

        // the grid lays the tile out again in a smaller window; the choice stays with the stream
        WindowFixture.fxRun(() -> room.app().window.stage().setWidth(800));
        awaitFx("the grid at its new width", MEDIA, () -> room.app().node("remote-grid").getLayoutBounds().getWidth() < 600);
        Slider again = openMenuSlider();
        assertEquals(0, fx(again::getValue), 0.01, "the slider still at 0 after the new layout");
        awaitHeard("still silent", s -> !hears(s, TONE_HZ) && SoundServer.rms(s) < 300);
        room.app().robot.clickOn(again);
        room.app().robot.type(KeyCode.END);
        awaitHeard("Bob back at the slider's 200", s -> hears(s, TONE_HZ));
        closeMenu();

        openMenuSlider();
        room.app().robot.clickOn("#tile-mute");
        awaitHeard("Bob silent with his tile muted", s -> !hears(s, TONE_HZ));
        awaitFx("the SOUND OFF tag on the muted tile", MEDIA, this::soundOffShown);
        WindowFixture.fxRun(() -> room.app().window.stage().setWidth(1100));
        openMenuSlider();
        assertTrue(fx(() -> ((CheckMenuItem) menu().getItems().stream()
                .filter(i -> "tile-mute".equals(i.getId())).findFirst().orElseThrow()).isSelected()), "still muted in the menu");
        room.app().robot.clickOn("#tile-mute");
        awaitHeard("Bob back once unmuted", s -> hears(s, TONE_HZ));
    }

    private ContextMenu menu() {
        return fx(() -> javafx.stage.Window.getWindows().stream().filter(w -> w instanceof ContextMenu && w.isShowing())
                .map(w -> (ContextMenu) w).findFirst().orElse(null));
    }

    private Slider openMenuSlider() {
        if (menu() == null) {
            room.app().robot.rightClickOn(room.app().node("remote-bob-main"));
        }
        awaitFx("the tile's menu", MEDIA, () -> menu() != null);
        return fx(() -> (Slider) menu().getScene().lookup("#tile-volume"));
    }

    private void closeMenu() {
        WindowFixture.fxRun(() -> {
            ContextMenu open = menu();
            if (open != null) {
                open.hide();
            }
        });
        awaitFx("the menu closed", MEDIA, () -> menu() == null);
    }

    private boolean soundOffShown() {
        return fx(() -> room.app().node("remote-bob-main").lookupAll(".sound-off").stream().anyMatch(javafx.scene.Node::isVisible));
    }

    private static boolean hears(short[] samples, int hz) {
        return SoundServer.toneShare(samples, hz) > 0.2 && SoundServer.rms(samples) > 300;
    }

    /** Awaits the tone at a level, in dB against {@code reference}, that passes {@code test}. */
    private void awaitLevel(String what, double reference, DoublePredicate test) {
        sound.awaitSpeaker(what, MEDIA, MEASURE, s -> test.test(SoundServer.toneDb(s, TONE_HZ, reference)));
    }

    private void awaitHeard(String what, Predicate<short[]> test) {
        sound.awaitSpeaker(what, MEDIA, LISTEN, test);
    }
}
