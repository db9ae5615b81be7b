package dev.parley.app;

import dev.parley.engine.ParleyEngine;
import dev.parley.testing.Fx;
import dev.parley.testing.TestServers;
import javafx.application.Platform;

/** Call sessions whose engines use the test servers' app and timings, with callbacks on the FX thread. */
public final class TestSessions {
    private TestSessions() {
    }

    /** A new session, made on the FX thread; the FX toolkit must be started. */
    public static CallSession create() {
        return Fx.call(() -> new CallSession((url, callbacks, handler) -> ParleyEngine.createEngine(
                TestServers.profile(url).callbackExecutor(callbacks).build(), handler), Platform::runLater));
    }
}
