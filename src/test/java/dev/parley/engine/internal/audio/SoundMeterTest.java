package dev.parley.engine.internal.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The level of what was added since the last look, and an idle meter that counts nothing until it listens. */
class SoundMeterTest {
    /** 10 ms of 48 kHz 16-bit samples at a constant amplitude (RMS = amplitude). */
    private static byte[] constant(int amplitude) {
        byte[] pcm = new byte[480 * 2];
        for (int i = 0; i < 480; i++) {
            pcm[2 * i] = (byte) amplitude;
            pcm[2 * i + 1] = (byte) (amplitude >> 8);
        }
        return pcm;
    }

    @Test
    void theLevelIsTheRmsInDecibelsMappedOntoZeroToAHundred() {
        SoundMeter meter = new SoundMeter();
        meter.add(constant(32767), 480);
        assertEquals(100, meter.take(), 0.01);
        meter.add(constant(33), 480); // about -60 dBFS
        assertEquals(0, meter.take(), 0.5);
        meter.add(constant(1036), 480); // about -30 dBFS
        assertEquals(50, meter.take(), 0.5);
        assertEquals(0, meter.take(), "nothing since the last look");
    }

    @Test
    void anIdleMeterCountsNothingUntilItListensAndDropsWhatItHadWhenItStops() {
        SoundMeter meter = SoundMeter.idle();
        meter.add(constant(32767), 480);
        assertFalse(meter.heard());
        meter.listen(true);
        meter.add(constant(32767), 480);
        assertTrue(meter.heard());
        meter.listen(false);
        assertFalse(meter.heard());
        meter.add(constant(32767), 480);
        assertEquals(0, meter.take());
    }
}
