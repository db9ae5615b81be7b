package dev.parley.app;

import dev.parley.engine.DeviceInfo;
import dev.parley.engine.ParleyEngine;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Which screen Share screen shares: the engine's list of screens and the user's pick, which the
 * current engine uses from its next share on, or at once while sharing. Without a pick the primary
 * screen is shared. FX thread only; lives as long as the session.
 */
public final class ScreenChoice {
    private final Supplier<ParleyEngine> engine;
    private final ReadOnlyStringWrapper selected = new ReadOnlyStringWrapper(this, "screen");

    ScreenChoice(Supplier<ParleyEngine> engine) {
        this.engine = engine;
    }

    /** The screens, the primary first; empty without an engine or a display. Cheap. */
    public List<DeviceInfo> list() {
        ParleyEngine current = engine.get();
        return current == null ? List.of() : current.getScreens();
    }

    /** The picked screen's ID, or null for the primary screen. */
    public ReadOnlyStringProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Shares this screen from now on; an unknown one shows as the last error. */
    public void use(String screenID) {
        selected.set(screenID);
        applyTo(engine.get());
    }

    /** Gives a new engine the pick. */
    void applyTo(ParleyEngine current) {
        if (current != null && selected.get() != null) {
            current.useScreen(selected.get());
        }
    }
}
