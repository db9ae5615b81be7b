package dev.parley.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.app.video.FrameRenderer;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.Stream;
import dev.parley.engine.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who speaks, from levels and a clock the test moves: threshold, hold, and the current speaker. No toolkit. */
class SoundLevelsTest {
    private long now = 1_000;
    private final SoundLevels levels = new SoundLevels(() -> now);
    private final RemoteStream ann = stream("ann");
    private final RemoteStream ben = stream("ben");
    private final List<RemoteStream> playing = List.of(ann, ben);

    private static RemoteStream stream(String id) {
        return new RemoteStream(new Stream(new User(id), id + "_main", "", PublishChannel.MAIN), new FrameRenderer(Runnable::run));
    }

    private void report(float a, float b) {
        levels.remote(Map.of("ann_main", a, "ben_main", b), playing);
    }

    @Test
    void speakingStartsAtTheThresholdAndIsHeldThroughShortPauses() {
        report(Speech.THRESHOLD - 1, 0);
        assertFalse(ann.speakingProperty().get(), "below the threshold is no speech");
        report(70, 0);
        assertTrue(ann.speakingProperty().get());
        assertFalse(ben.speakingProperty().get());
        assertEquals(70, ann.soundLevelProperty().get());
        now += Speech.HOLD_MILLIS - 100;
        report(0, 0);
        assertTrue(ann.speakingProperty().get(), "a pause shorter than the hold keeps the ring");
        now += 100;
        report(0, 0);
        assertFalse(ann.speakingProperty().get(), "silence as long as the hold ends it");
    }

    @Test
    void aStreamMissingFromTheReportIsSilent() {
        report(70, 0);
        now += Speech.HOLD_MILLIS;
        levels.remote(Map.of("ben_main", 0f), playing);
        assertFalse(ann.speakingProperty().get());
        assertEquals(0, ann.soundLevelProperty().get());
    }

    @Test
    void theLoudestSpeakerTakesOverOnlyAfterAMoment() {
        report(60, 0);
        assertSame(ann, levels.currentSpeakerProperty().get(), "the first speaker takes the stage at once");
        now += 100;
        report(40, 70);
        assertSame(ann, levels.currentSpeakerProperty().get(), "a moment of a louder voice is not enough");
        now += SoundLevels.SWITCH_MILLIS - 100;
        report(40, 70);
        assertSame(ann, levels.currentSpeakerProperty().get());
        now += 100;
        report(40, 70);
        assertSame(ben, levels.currentSpeakerProperty().get(), "loudest for the switch time");
        now += 5_000;
        report(0, 0);
        assertSame(ben, levels.currentSpeakerProperty().get(), "silence keeps the last speaker");
        levels.remote(Map.of(), List.of(ann));
        assertNull(levels.currentSpeakerProperty().get(), "a stream that stops is no speaker");
    }

    @Test
    void theLocalUserSpeaksFromTheCapturedLevelAndResetForgetsEverything() {
        levels.captured(70);
        assertTrue(levels.localSpeakingProperty().get());
        assertEquals(70, levels.capturedLevelProperty().get());
        now += Speech.HOLD_MILLIS;
        levels.captured(0);
        assertFalse(levels.localSpeakingProperty().get());
        levels.captured(70);
        report(70, 0);
        levels.reset();
        assertFalse(levels.localSpeakingProperty().get());
        assertEquals(0, levels.capturedLevelProperty().get());
        assertFalse(ann.speakingProperty().get());
        assertNull(levels.currentSpeakerProperty().get());
    }
}
