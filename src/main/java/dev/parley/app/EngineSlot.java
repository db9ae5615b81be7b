package dev.parley.app;

import dev.parley.engine.ParleyEngine;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Holds the session's one engine: creates it for a server on first use, replaces it when another
 * server is chosen, and destroys it. Callbacks of a replaced or destroyed engine are told apart by
 * {@link #isCurrent}. FX thread only.
 */
final class EngineSlot {
    private final CallSession.EngineFactory factory;
    private final Executor fx;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "engineRunning");
    private ParleyEngine engine;
    private String serverUrl;

    EngineSlot(CallSession.EngineFactory factory, Executor fx) {
        this.factory = factory;
        this.fx = fx;
    }

    /** The engine, or null when there is none. */
    ParleyEngine current() {
        return engine;
    }

    String serverUrl() {
        return serverUrl;
    }

    boolean isCurrent(ParleyEngine e) {
        return e != null && e == engine;
    }

    /**
     * The engine for {@code url}, made with {@code handler} and set up by {@code setUp} when it is
     * new; an engine for another server is destroyed first.
     */
    ParleyEngine engineFor(String url, SessionEvents handler, Consumer<ParleyEngine> setUp) {
        if (engine != null && url.equals(serverUrl)) {
            return engine;
        }
        destroy(() -> { });
        engine = factory.create(url, fx, handler);
        handler.bind(engine);
        serverUrl = url;
        running.set(true);
        setUp.accept(engine);
        return engine;
    }

    /** Destroys the engine, if any; {@code then} runs on the FX executor once it is gone. */
    void destroy(Runnable then) {
        ParleyEngine e = engine;
        engine = null;
        serverUrl = null;
        if (e == null) {
            fx.execute(then);
            return;
        }
        e.destroyEngine(() -> fx.execute(() -> {
            if (engine == null) {
                running.set(false);
            }
            then.run();
        }));
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
