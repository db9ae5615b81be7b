package dev.parley.app.ui;

import dev.parley.app.CallSession;
import dev.parley.app.RemoteStream;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.RemoteDeviceState;
import dev.parley.engine.RoomState;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;

/**
 * Keeps one {@link VideoPane} in a {@link VideoGrid} per stream the session plays, bound to that
 * stream's name, remote devices, quality and media events; panes go when their streams stop.
 *
 * <p>Threading: FX thread only. Lifecycle: lives as long as the call view.
 */
final class RemotePanes {
    private final CallSession session;
    private final VideoGrid grid;
    private final Map<RemoteStream, VideoPane> panes = new HashMap<>();

    RemotePanes(CallSession session, VideoGrid grid) {
        this.session = session;
        this.grid = grid;
        session.playing().addListener((ListChangeListener<RemoteStream>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(this::remove);
                change.getAddedSubList().forEach(this::add);
            }
        });
        session.playing().forEach(this::add);
    }

    private void add(RemoteStream stream) {
        VideoPane pane = new VideoPane();
        pane.setId("remote-" + stream.streamID());
        pane.getStyleClass().add("remote-pane");
        pane.attach(stream.renderer());
        boolean screen = stream.stream().channel() == dev.parley.engine.PublishChannel.AUX;
        pane.nameProperty().set(screen ? stream.displayName() + " (screen)" : stream.displayName());
        if (screen) {
            pane.getStyleClass().add("screen-pane");
            pane.surface().viewModeProperty().set(dev.parley.app.video.ViewMode.ASPECT_FIT);
        } else {
            pane.microphoneOnProperty().bind(stream.microphoneProperty().isEqualTo(RemoteDeviceState.OPEN));
        }
        pane.cameraOnProperty().bind(stream.cameraProperty().isEqualTo(RemoteDeviceState.OPEN));
        pane.qualityLevelProperty().bind(Bindings.createObjectBinding(() -> {
            PlayStreamQuality q = stream.qualityProperty().get();
            return q == null ? null : q.level();
        }, stream.qualityProperty()));
        pane.bannerTextProperty().bind(Bindings.createObjectBinding(() -> {
            if (session.roomStateProperty().get() == RoomState.CONNECTING) {
                return "Reconnecting\u2026";
            }
            return stream.videoBrokenProperty().get() ? "Video paused" : null;
        }, session.roomStateProperty(), stream.videoBrokenProperty()));
        panes.put(stream, pane);
        grid.getChildren().add(pane);
    }

    private void remove(RemoteStream stream) {
        VideoPane pane = panes.remove(stream);
        if (pane != null) {
            pane.surface().detach();
            grid.getChildren().remove(pane);
        }
    }
}
