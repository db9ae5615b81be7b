package dev.parley.app.ui;

import dev.parley.app.CallSession;
import dev.parley.app.RemoteStream;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.RemoteDeviceState;
import dev.parley.engine.RoomState;
import dev.parley.app.video.ViewMode;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;

/**
 * Keeps one {@link VideoPane} in a {@link VideoGrid} per stream the session plays, bound to that
 * stream's name, remote devices, quality and media events; panes go when their streams stop. A
 * lone camera pane fits its video, tiles of a grid fill theirs; each pane's context menu lets the
 * user choose.
 *
 * <p>Threading: FX thread only. Lifecycle: lives as long as the call view.
 */
final class RemotePanes {
    private final CallSession session;
    private final VideoGrid grid;
    private final Map<RemoteStream, VideoPane> panes = new HashMap<>();
    /** Panes whose user chose fit or fill; the others follow the layout. */
    private final Map<VideoPane, ViewMode> chosen = new HashMap<>();
    private ContextMenu openMenu;

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
            // a camera turned off is shown by the placeholder; "Video paused" is for stalls
            boolean cameraOn = stream.cameraProperty().get() == RemoteDeviceState.OPEN;
            return cameraOn && stream.videoBrokenProperty().get() ? "Video paused" : null;
        }, session.roomStateProperty(), stream.videoBrokenProperty(), stream.cameraProperty()));
        if (!screen) {
            // a right click (where the platform sends no context-menu event for it) or the menu key
            pane.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
                if (e.getButton() == javafx.scene.input.MouseButton.SECONDARY) {
                    showViewMenu(pane, e.getScreenX(), e.getScreenY());
                    e.consume();
                }
            });
            pane.setOnContextMenuRequested(e -> {
                showViewMenu(pane, e.getScreenX(), e.getScreenY());
                e.consume();
            });
        }
        panes.put(stream, pane);
        grid.getChildren().add(pane);
        updateViewModes();
    }

    /**
     * Fit or fill for each camera pane: what the user chose from its menu, else fit for a lone
     * pane (its area is rarely 16:9, and filling it would crop the sides) and fill for tiles of a
     * grid (16:9, so filling crops next to nothing). Screens are always fitted.
     */
    private void updateViewModes() {
        ViewMode automatic = panes.size() == 1 ? ViewMode.ASPECT_FIT : ViewMode.ASPECT_FILL;
        panes.forEach((stream, pane) -> {
            if (stream.stream().channel() != dev.parley.engine.PublishChannel.AUX) {
                pane.surface().viewModeProperty().set(chosen.getOrDefault(pane, automatic));
            }
        });
    }

    private void showViewMenu(VideoPane pane, double x, double y) {
        if (openMenu != null && openMenu.isShowing()) {
            return;
        }
        openMenu = viewMenu(pane);
        openMenu.show(pane, x, y);
    }

    /** The pane's menu: fit the whole picture, fill the tile (cropping), or let the layout choose. */
    private ContextMenu viewMenu(VideoPane pane) {
        ToggleGroup group = new ToggleGroup();
        RadioMenuItem auto = new RadioMenuItem("Automatic (fit when alone)");
        RadioMenuItem fit = new RadioMenuItem("Fit: show the whole picture");
        RadioMenuItem fill = new RadioMenuItem("Fill: crop to the tile");
        auto.setId("view-auto");
        fit.setId("view-fit");
        fill.setId("view-fill");
        for (RadioMenuItem item : new RadioMenuItem[] {auto, fit, fill}) {
            item.setToggleGroup(group);
        }
        ViewMode picked = chosen.get(pane);
        (picked == null ? auto : picked == ViewMode.ASPECT_FIT ? fit : fill).setSelected(true);
        auto.setOnAction(e -> choose(pane, null));
        fit.setOnAction(e -> choose(pane, ViewMode.ASPECT_FIT));
        fill.setOnAction(e -> choose(pane, ViewMode.ASPECT_FILL));
        ContextMenu menu = new ContextMenu(auto, fit, fill);
        menu.setId("view-menu");
        return menu;
    }

    private void choose(VideoPane pane, ViewMode mode) {
        if (mode == null) {
            chosen.remove(pane);
        } else {
            chosen.put(pane, mode);
        }
        updateViewModes();
    }

    private void remove(RemoteStream stream) {
        VideoPane pane = panes.remove(stream);
        if (pane != null) {
            chosen.remove(pane);
            pane.surface().detach();
            grid.getChildren().remove(pane);
            updateViewModes();
        }
    }
}
