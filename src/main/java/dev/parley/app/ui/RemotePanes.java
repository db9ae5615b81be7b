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
 * stream's name, remote devices, quality, media events and whether its publisher speaks (the
 * ring); panes go when their streams stop. The pane of the session's large tile
 * ({@link dev.parley.app.LargeTile}, the current speaker) is the grid's large pane. A lone camera
 * pane fits its video, tiles of a grid fill theirs; each pane's context menu lets the user choose, and sets the stream's volume and
 * mute here.
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
        session.largeTile().holderProperty().addListener((obs, old, now) -> showLarge());
        showLarge();
    }

    private void showLarge() {
        grid.largeProperty().set(panes.get(session.largeTile().holderProperty().get()));
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
        pane.speakingProperty().bind(stream.speakingProperty());
        pane.soundMutedProperty().bind(stream.audioMutedProperty().or(stream.playVolumeProperty().isEqualTo(0)));
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
                    showViewMenu(pane, stream, e.getScreenX(), e.getScreenY());
                    e.consume();
                }
            });
            pane.setOnContextMenuRequested(e -> {
                showViewMenu(pane, stream, e.getScreenX(), e.getScreenY());
                e.consume();
            });
        }
        panes.put(stream, pane);
        grid.getChildren().add(pane);
        showLarge();
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

    private void showViewMenu(VideoPane pane, RemoteStream stream, double x, double y) {
        if (openMenu != null && openMenu.isShowing()) {
            return;
        }
        openMenu = viewMenu(pane);
        openMenu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), volumeItem(stream), muteItem(stream));
        openMenu.show(pane, x, y);
    }

    /**
     * The pane's menu: fit the whole picture, fill the tile (cropping), or let the layout choose;
     * then the stream's volume and mute.
     */
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

    /**
     * The stream's play volume, 0 to 200 with 100 as received, kept by the session for the stream
     * (so it outlives the menu and the tile's place in the grid).
     */
    private javafx.scene.control.CustomMenuItem volumeItem(RemoteStream stream) {
        javafx.scene.control.Slider slider = new javafx.scene.control.Slider(0, 200, stream.playVolumeProperty().get());
        slider.setId("tile-volume");
        slider.setMajorTickUnit(100);
        slider.setBlockIncrement(10);
        slider.setPrefWidth(160);
        javafx.scene.control.Label value = new javafx.scene.control.Label();
        value.textProperty().bind(Bindings.format("%d%%", stream.playVolumeProperty()));
        value.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        slider.valueProperty().addListener((obs, old, now) -> {
            int volume = (int) Math.round(now.doubleValue());
            if (volume != stream.playVolumeProperty().get()) {
                session.setPlayVolume(stream, volume);
            }
        });
        javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(8, new javafx.scene.control.Label("Volume"), slider, value);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        javafx.scene.control.CustomMenuItem item = new javafx.scene.control.CustomMenuItem(row, false);
        item.setId("tile-volume-item");
        return item;
    }

    private javafx.scene.control.CheckMenuItem muteItem(RemoteStream stream) {
        javafx.scene.control.CheckMenuItem mute = new javafx.scene.control.CheckMenuItem("Mute their sound here");
        mute.setId("tile-mute");
        mute.setSelected(stream.audioMutedProperty().get());
        mute.setOnAction(e -> session.mutePlayStreamAudio(stream, mute.isSelected()));
        return mute;
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
            showLarge();
            updateViewModes();
        }
    }
}
