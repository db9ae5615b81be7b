package dev.parley.app.video;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/**
 * A region that shows a {@link FrameRenderer}'s image scaled by a {@link ViewMode}: ASPECT_FIT
 * letterboxes, ASPECT_FILL (the default) crops to cover, SCALE_TO_FILL stretches. It re-lays
 * itself out when the frame size changes.
 *
 * <p>Threading: FX thread only. Lifecycle: {@link #attach} a renderer, {@link #detach()} when the
 * stream stops.
 */
public final class VideoSurface extends Region {
    private final ImageView view = new ImageView();
    private final Rectangle clip = new Rectangle();
    private final ObjectProperty<ViewMode> viewMode = new SimpleObjectProperty<>(this, "viewMode", ViewMode.ASPECT_FILL);
    private FrameRenderer renderer;

    public VideoSurface() {
        getStyleClass().add("video-surface");
        view.setSmooth(true);
        getChildren().add(view);
        setClip(clip);
        view.imageProperty().addListener((obs, old, image) -> {
            if (old == null || image == null || old.getWidth() != image.getWidth() || old.getHeight() != image.getHeight()) {
                requestLayout();
            }
        });
        viewMode.addListener(obs -> requestLayout());
        setMinSize(0, 0);
    }

    /** Shows {@code value}'s frames from now on. */
    public void attach(FrameRenderer value) {
        detach();
        renderer = value;
        view.imageProperty().bind(value.imageProperty());
    }

    /** Stops showing frames; the renderer is not closed. */
    public void detach() {
        view.imageProperty().unbind();
        view.setImage(null);
        renderer = null;
    }

    public FrameRenderer renderer() {
        return renderer;
    }

    /** The image on screen now, or null. */
    public Image image() {
        return view.getImage();
    }

    public ObjectProperty<ViewMode> viewModeProperty() {
        return viewMode;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        clip.setWidth(w);
        clip.setHeight(h);
        Image image = view.getImage();
        if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0 || w <= 0 || h <= 0) {
            view.setFitWidth(0);
            view.setFitHeight(0);
            return;
        }
        double iw = image.getWidth();
        double ih = image.getHeight();
        double drawW;
        double drawH;
        switch (viewMode.get()) {
            case SCALE_TO_FILL -> {
                drawW = w;
                drawH = h;
            }
            case ASPECT_FIT -> {
                double scale = Math.min(w / iw, h / ih);
                drawW = iw * scale;
                drawH = ih * scale;
            }
            default -> {
                double scale = Math.max(w / iw, h / ih);
                drawW = iw * scale;
                drawH = ih * scale;
            }
        }
        view.setPreserveRatio(false);
        view.setFitWidth(drawW);
        view.setFitHeight(drawH);
        view.relocate((w - drawW) / 2, (h - drawH) / 2);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 320;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 180;
    }
}
