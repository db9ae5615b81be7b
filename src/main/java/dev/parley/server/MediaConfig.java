package dev.parley.server;

import dev.parley.protocol.MediaMode;
import dev.parley.server.sfu.JanusEndpoint;
import dev.parley.server.sfu.ManagedJanusConfig;
import java.util.Map;
import java.util.Objects;

/**
 * How the server's rooms carry media, and the media server behind SFU rooms. Immutable.
 *
 * @param defaultMode the mode of apps not listed in {@code appModes}
 * @param appModes the mode of each app that has its own
 * @param externalJanus an external Janus to use for SFU rooms, or null to start one
 * @param managedJanus how to start Janus when there is no external one
 */
public record MediaConfig(MediaMode defaultMode, Map<Long, MediaMode> appModes, JanusEndpoint externalJanus,
                          ManagedJanusConfig managedJanus) {

    /** Every app in a mesh; Janus, if ever needed, started from Debian's package. */
    public static final MediaConfig MESH = new MediaConfig(MediaMode.MESH, Map.of(), null, ManagedJanusConfig.DEFAULT);

    public MediaConfig {
        Objects.requireNonNull(defaultMode, "defaultMode");
        Objects.requireNonNull(managedJanus, "managedJanus");
        appModes = Map.copyOf(appModes);
    }

    public MediaMode modeOf(long appId) {
        return appModes.getOrDefault(appId, defaultMode);
    }

    /** Whether any app has SFU rooms, so that the server needs a media server. */
    public boolean needsMediaServer() {
        return defaultMode == MediaMode.SFU || appModes.containsValue(MediaMode.SFU);
    }

    /** Every app in {@code mode}, as {@code parley server --media} asks. */
    public MediaConfig withAllApps(MediaMode mode) {
        return new MediaConfig(mode, Map.of(), externalJanus, managedJanus);
    }

    public MediaConfig withAppMode(long appId, MediaMode mode) {
        Map<Long, MediaMode> modes = new java.util.HashMap<>(appModes);
        modes.put(appId, mode);
        return new MediaConfig(defaultMode, modes, externalJanus, managedJanus);
    }

    public MediaConfig withExternalJanus(JanusEndpoint endpoint) {
        return new MediaConfig(defaultMode, appModes, endpoint, managedJanus);
    }

    public MediaConfig withManagedJanus(ManagedJanusConfig config) {
        return new MediaConfig(defaultMode, appModes, externalJanus, config);
    }
}
