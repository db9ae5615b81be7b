package dev.parley.engine.internal.devices;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.MediaDevices;
import dev.onvoid.webrtc.media.video.VideoCaptureCapability;
import dev.onvoid.webrtc.media.video.VideoDevice;
import dev.onvoid.webrtc.media.video.VideoDeviceSource;
import dev.onvoid.webrtc.media.video.VideoTrack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A camera as the local video, through webrtc-java's {@link VideoDeviceSource}.
 *
 * <p>Created and disposed on the RTC thread. Construction throws when the camera cannot start
 * (webrtc-java reports that as a {@link java.lang.Error}), after releasing what it made.
 */
final class CameraSource implements LocalVideoSource {
    private static final Logger LOG = LoggerFactory.getLogger(CameraSource.class);
    private final VideoDeviceSource source;
    private final VideoTrack track;

    CameraSource(PeerConnectionFactory factory, String deviceId, String trackId, int width, int height, int fps) {
        VideoDevice device = MediaDevices.getVideoCaptureDevices().stream()
                .filter(d -> d.getDescriptor().equals(deviceId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("camera " + deviceId + " is gone"));
        source = new VideoDeviceSource();
        try {
            source.setVideoCaptureDevice(device);
            source.setVideoCaptureCapability(new VideoCaptureCapability(width, height, fps));
            source.start();
        } catch (Error | RuntimeException e) {
            source.dispose();
            throw new IllegalStateException("camera " + device.getName() + " did not start: " + e, e);
        }
        track = factory.createVideoTrack(trackId, source);
        LOG.info("camera {} started at {}x{} {} fps", device.getName(), width, height, fps);
    }

    @Override
    public VideoTrack track() {
        return track;
    }

    @Override
    public void dispose() {
        try {
            track.dispose();
        } catch (Error | RuntimeException e) {
            LOG.warn("camera track dispose: {}", e.toString());
        }
        try {
            source.stop();
        } catch (Error | RuntimeException e) {
            LOG.warn("camera stop: {}", e.toString());
        }
        source.dispose();
    }
}
