package dev.parley.app.ui;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.ToggleButton;

/** Keeps a toggle button's look in step with session state it does not own. FX thread. */
final class Toggles {
    private Toggles() {
    }

    /**
     * Shows {@code button} selected while {@code state} equals {@code selectedWhen}. The button's
     * own action changes the state; a click's own selection change is corrected to the state.
     */
    static void follow(ToggleButton button, ObservableBooleanValue state, boolean selectedWhen) {
        button.setSelected(state.get() == selectedWhen);
        state.addListener((obs, old, now) -> button.setSelected(now == selectedWhen));
        button.selectedProperty().addListener((obs, old, now) -> {
            if (now != (state.get() == selectedWhen)) {
                button.setSelected(state.get() == selectedWhen);
            }
        });
    }
}
