package dev.parley.engine.internal.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What a stream played at its own volume hands the sound device, fed the way webrtc-java feeds it
 * (480 frames of 48 kHz per call) and asked the way the PulseAudio module asks (441 frames of
 * 44.1 kHz): the amplitude scaled, held within full scale, silence when nothing came, and never
 * more than the bounded buffer (300 ms).
 */
class StreamVolumePlayerTest {
    private static final int HZ = 440;

    @Test
    void halfTheVolumeHalvesTheAmplitudeAcrossTheRateChange() {
        StreamVolumePlayer player = new StreamVolumePlayer(null, 50, null);
        double peak = play(player, 10_000, 100);
        assertTrue(Math.abs(peak - 5_000) < 150, "peak " + peak);
    }

    @Test
    void twiceTheVolumeIsHeldAtFullScale() {
        StreamVolumePlayer player = new StreamVolumePlayer(null, 200, null);
        double loud = play(player, 10_000, 100);
        assertTrue(Math.abs(loud - 20_000) < 600, "peak " + loud);
        double clipped = play(player, 30_000, 100);
        assertEquals(Short.MAX_VALUE, clipped, 1, "held at the 16-bit limit");
    }

    @Test
    void nothingDecodedPlaysSilenceAndTooMuchIsNotHeldBack() {
        StreamVolumePlayer player = new StreamVolumePlayer(null, 150, null);
        byte[] device = new byte[441 * 2 * 2];
        player.onPlaybackData(device, 441, 4, 2, 44_100);
        for (byte b : device) {
            assertEquals(0, b);
        }
        byte[] chunk = new byte[480 * 2];
        int most = 0;
        for (int i = 0; i < 40; i++) {
            player.onData(chunk, 16, 48_000, 1, 480);
            most = Math.max(most, player.buffered());
        }
        assertEquals(48_000 * StreamVolumePlayer.BUFFERED_MILLIS / 1000, most, "filled up to the bound, never past it");
    }

    /** Feeds {@code chunks} of a 440 Hz tone at {@code amplitude} and returns the peak played after the first 100 ms. */
    private static double play(StreamVolumePlayer player, int amplitude, int chunks) {
        byte[] decoded = new byte[480 * 2];
        byte[] device = new byte[441 * 2];
        long t = 0;
        int peak = 0;
        for (int chunk = 0; chunk < chunks; chunk++) {
            for (int i = 0; i < 480; i++, t++) {
                short s = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE,
                        Math.round(amplitude * Math.sin(2 * Math.PI * HZ * t / 48_000.0))));
                decoded[2 * i] = (byte) s;
                decoded[2 * i + 1] = (byte) (s >> 8);
            }
            player.onData(decoded, 16, 48_000, 1, 480);
            assertEquals(441, player.onPlaybackData(device, 441, 2, 1, 44_100));
            if (chunk >= 10) {
                for (int i = 0; i < 441; i++) {
                    peak = Math.max(peak, Math.abs((short) ((device[2 * i] & 0xff) | (device[2 * i + 1] << 8))));
                }
            }
        }
        return peak;
    }
}
