package dev.parley.app;

import dev.parley.app.video.FrameRenderer;
import dev.parley.engine.Canvas;
import dev.parley.engine.ParleyEngine;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * This user's microphone and camera switches and the local preview, kept across engines: a new
 * engine gets the same switches. FX thread only; lives as long as the session.
 */
final class LocalMedia {
    private final ReadOnlyBooleanWrapper microphoneOn = new ReadOnlyBooleanWrapper(this, "microphoneOn", true);
    private final ReadOnlyBooleanWrapper cameraOn = new ReadOnlyBooleanWrapper(this, "cameraOn", true);
    private final ReadOnlyBooleanWrapper previewing = new ReadOnlyBooleanWrapper(this, "previewing");
    private final FrameRenderer renderer;

    LocalMedia(Executor fx) {
        this.renderer = new FrameRenderer(fx);
    }

    /** Starts drawing the camera, unless it is off or already drawn. */
    void startPreview(ParleyEngine engine) {
        if (!previewing.get() && cameraOn.get()) {
            renderer.reopen();
            engine.startPreview(new Canvas(renderer));
            previewing.set(true);
        }
    }

    /** Stops the preview and clears the pane; {@code engine} may be null when it is gone. */
    void stopPreview(ParleyEngine engine) {
        if (engine != null && previewing.get()) {
            engine.stopPreview();
        }
        previewing.set(false);
        renderer.close();
    }

    void toggleMicrophone(ParleyEngine engine) {
        microphoneOn.set(!microphoneOn.get());
        if (engine != null) {
            engine.muteMicrophone(!microphoneOn.get());
        }
    }

    /** Flips the camera switch; returns whether the camera is now on. */
    boolean toggleCamera(ParleyEngine engine) {
        cameraOn.set(!cameraOn.get());
        if (engine != null) {
            engine.enableCamera(cameraOn.get());
        }
        return cameraOn.get();
    }

    /** Gives a new engine the current switches. */
    void applyTo(ParleyEngine engine) {
        engine.enableCamera(cameraOn.get());
        engine.muteMicrophone(!microphoneOn.get());
    }

    ReadOnlyBooleanProperty microphoneOn() {
        return microphoneOn.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty cameraOn() {
        return cameraOn.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty previewing() {
        return previewing.getReadOnlyProperty();
    }

    FrameRenderer renderer() {
        return renderer;
    }
}
