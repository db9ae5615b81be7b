package dev.parley.app.video;

/** How a video frame fills a view whose shape differs from the frame's. */
public enum ViewMode {
    /** Scale to fit inside the view, keeping the aspect ratio; bars fill the rest. */
    ASPECT_FIT,
    /** Scale to cover the view, keeping the aspect ratio; the overflow is cropped. The default. */
    ASPECT_FILL,
    /** Stretch to the view's shape. */
    SCALE_TO_FILL
}
