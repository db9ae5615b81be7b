package dev.parley.app;

import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.PublishStreamQuality;
import dev.parley.engine.PublisherState;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * What this user publishes in a call: the camera stream (MAIN) with its state and quality, and
 * the screen (AUX) while shared. FX thread only; lives as long as the session.
 */
final class Publishing {
    private final ReadOnlyObjectWrapper<PublisherState> state =
            new ReadOnlyObjectWrapper<>(this, "publisherState", PublisherState.NO_PUBLISH);
    private final ReadOnlyObjectWrapper<PublishStreamQuality> quality = new ReadOnlyObjectWrapper<>(this, "publishQuality");
    private final ReadOnlyBooleanWrapper screenSharing = new ReadOnlyBooleanWrapper(this, "screenSharing");

    void start(ParleyEngine engine, JoinRequest request) {
        engine.startPublishingStream(request.streamID());
    }

    void toggleScreen(ParleyEngine engine, JoinRequest request) {
        if (screenSharing.get()) {
            engine.stopPublishingStream(PublishChannel.AUX);
            screenSharing.set(false);
        } else {
            screenSharing.set(true);
            engine.startPublishingStream(request.screenStreamID(), PublishChannel.AUX);
        }
    }

    /** A publisher state from the engine; a refusal goes to {@code onError}. */
    void stateChanged(JoinRequest request, String streamID, PublisherState value, int errorCode, Consumer<CallError> onError) {
        boolean screen = request != null && streamID.equals(request.screenStreamID());
        if (screen && value == PublisherState.NO_PUBLISH) {
            screenSharing.set(false);
        } else if (!screen) {
            state.set(value);
        }
        if (errorCode != 0 && value == PublisherState.NO_PUBLISH) {
            onError.accept(CallError.of(errorCode));
        }
    }

    void qualityChanged(PublishStreamQuality value) {
        quality.set(value);
    }

    /** Stops both streams; {@code engine} may be null when it is gone. */
    void stopAll(ParleyEngine engine) {
        if (engine != null) {
            if (state.get() != PublisherState.NO_PUBLISH) {
                engine.stopPublishingStream();
            }
            if (screenSharing.get()) {
                engine.stopPublishingStream(PublishChannel.AUX);
            }
        }
        state.set(PublisherState.NO_PUBLISH);
        screenSharing.set(false);
        quality.set(null);
    }

    ReadOnlyObjectProperty<PublisherState> state() {
        return state.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<PublishStreamQuality> quality() {
        return quality.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty screenSharing() {
        return screenSharing.getReadOnlyProperty();
    }
}
