package dev.parley.engine.internal.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.AudioDeviceMode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A call onto the RTC thread from itself runs inline; confined methods refuse other threads. */
class RtcThreadTest {
    private final RtcThread rtc = new RtcThread(900);

    @AfterEach
    void stop() throws InterruptedException {
        rtc.shutdown();
        rtc.awaitTermination(5000);
    }

    @Test
    void aCallFromTheRtcThreadRunsAtOnceInsteadOfWaitingForItself() throws Exception {
        String inner = rtc.call(() -> rtc.call(() -> Thread.currentThread().getName(), 1000), 5000);
        assertEquals("parley-rtc-900", inner);
    }

    @Test
    void aConfinedMethodRunsOnTheRtcThreadAndRefusesAnyOther() throws Exception {
        MediaFactory factory = new MediaFactory(AudioDeviceMode.HEADLESS, rtc.confinement());
        assertEquals(List.of(), rtc.call(factory::microphones, 5000), "the headless module lists no microphone");
        IllegalStateException refused = assertThrows(IllegalStateException.class, factory::microphones);
        assertTrue(refused.getMessage().contains("the RTC thread of engine 900"), refused.getMessage());
    }
}
