package dev.parley.engine.internal.devices;

import dev.onvoid.webrtc.media.video.VideoTrack;

/** Where the local video comes from: the test pattern or a camera. Used on the RTC thread. */
interface LocalVideoSource {
    VideoTrack track();

    /** Stops capture and disposes the track and source; no connection may still send the track. */
    void dispose();
}
