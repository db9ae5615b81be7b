package dev.parley.app.ui;

import dev.parley.app.CallSession;
import dev.parley.app.RemoteStream;
import dev.parley.engine.DeviceInfo;
import dev.parley.engine.PublishStreamQuality;
import dev.parley.engine.User;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The call view: remote panes in a grid, the local preview, the controls (microphone, camera,
 * screen share, devices, End call), the participant list and chat, and a status bar.
 *
 * <p>Threading: FX thread only. Lifecycle: one per window, bound to the session for its life.
 */
final class CallView extends BorderPane {
    private final CallSession session;
    private final VideoGrid grid = new VideoGrid();
    private final VideoPane local = new VideoPane();
    private final MenuButton devices = new MenuButton("Devices");

    CallView(CallSession session) {
        this.session = session;
        getStyleClass().add("call-view");
        grid.setId("remote-grid");
        local.setId("local-preview");
        new RemotePanes(session, grid);

        Label waiting = new Label("Waiting for others to join\u2026");
        waiting.getStyleClass().add("waiting");
        waiting.visibleProperty().bind(Bindings.isEmpty(session.playing()));
        StackPane stage = new StackPane(grid, waiting);
        stage.getStyleClass().add("stage");
        setCenter(stage);

        local.getStyleClass().add("local-pane");
        local.attach(session.localRenderer());
        local.nameProperty().bind(Bindings.createStringBinding(() -> session.request() == null ? "You"
                : displayName(session.request().userName(), session.request().userID()) + " (you)", session.phaseProperty()));
        local.cameraOnProperty().bind(session.cameraOnProperty());
        local.microphoneOnProperty().bind(session.microphoneOnProperty());
        local.qualityLevelProperty().bind(Bindings.createObjectBinding(() -> {
            PublishStreamQuality q = session.publishQualityProperty().get();
            return q == null ? null : q.level();
        }, session.publishQualityProperty()));
        local.setPrefSize(288, 162);
        local.setMinHeight(162);
        local.setMaxHeight(162);

        ListView<User> people = new ListView<>(session.participants());
        people.setId("participants");
        people.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(User user, boolean empty) {
                super.updateItem(user, empty);
                boolean you = !empty && user != null && session.request() != null
                        && user.userID().equals(session.request().userID());
                setText(empty || user == null ? null : displayName(user.userName(), user.userID()) + (you ? " (you)" : ""));
            }
        });
        Tab peopleTab = new Tab();
        peopleTab.setId("people-tab");
        peopleTab.textProperty().bind(Bindings.format("People (%d)", Bindings.size(session.participants())));
        peopleTab.setContent(people);
        Tab chatTab = new Tab("Chat", new ChatPanel(session));
        TabPane tabs = new TabPane(peopleTab, chatTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox side = new VBox(8, local, tabs);
        side.getStyleClass().add("side");
        side.setPrefWidth(300);
        setRight(side);

        setBottom(new VBox(controls(), statusBar()));
    }

    private HBox controls() {
        ToggleButton mute = new ToggleButton();
        mute.setId("toggle-microphone");
        mute.textProperty().bind(Bindings.when(session.microphoneOnProperty()).then("Mute").otherwise("Unmute"));
        Toggles.follow(mute, session.microphoneOnProperty(), false);
        mute.setOnAction(e -> session.toggleMicrophone());
        mute.setTooltip(new Tooltip("Microphone (Ctrl+D)"));

        ToggleButton camera = new ToggleButton();
        camera.setId("toggle-camera");
        camera.textProperty().bind(Bindings.when(session.cameraOnProperty()).then("Stop video").otherwise("Start video"));
        Toggles.follow(camera, session.cameraOnProperty(), false);
        camera.setOnAction(e -> session.toggleCamera());
        camera.setTooltip(new Tooltip("Camera (Ctrl+E)"));

        ToggleButton share = new ToggleButton();
        share.setId("share-screen");
        share.textProperty().bind(Bindings.when(session.screenSharingProperty()).then("Stop sharing").otherwise("Share screen"));
        Toggles.follow(share, session.screenSharingProperty(), true);
        share.setOnAction(e -> session.toggleScreenShare());

        devices.setId("devices");
        devices.setOnShowing(e -> rebuildDeviceMenu());

        Button end = new Button("End call");
        end.setId("end-call");
        end.getStyleClass().add("danger");
        end.setOnAction(e -> session.endCall());
        end.setTooltip(new Tooltip("End call (Ctrl+Shift+H)"));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, mute, camera, share, devices, spacer, end);
        bar.getStyleClass().add("controls");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void rebuildDeviceMenu() {
        session.refreshDevices();
        devices.getItems().setAll(deviceMenu("Camera", session.videoDevices(), session.videoDeviceProperty().get(),
                        session::useVideoDevice),
                deviceMenu("Microphone", session.audioDevices(), session.audioDeviceProperty().get(), session::useAudioDevice));
        var screens = session.screens().list();
        if (screens.size() > 1) {
            String picked = session.screens().selectedProperty().get();
            devices.getItems().add(deviceMenu("Screen to share", screens, picked != null ? picked : screens.get(0).deviceID(),
                    session.screens()::use));
        }
    }

    private Menu deviceMenu(String title, java.util.List<DeviceInfo> list, String selected,
                            java.util.function.Consumer<String> use) {
        Menu menu = new Menu(title);
        ToggleGroup group = new ToggleGroup();
        for (DeviceInfo device : list) {
            RadioMenuItem item = new RadioMenuItem(device.deviceName());
            item.setToggleGroup(group);
            item.setSelected(device.deviceID().equals(selected));
            item.setOnAction(e -> use.accept(device.deviceID()));
            menu.getItems().add(item);
        }
        return menu;
    }

    private HBox statusBar() {
        Label room = new Label();
        room.setId("status-room");
        room.textProperty().bind(Bindings.createStringBinding(
                () -> "Room " + session.roomIDProperty().get() + " \u00B7 " + QualitySummary.roomState(
                        session.roomStateProperty().get(), session.phaseProperty().get() == dev.parley.app.CallPhase.IN_CALL),
                session.roomIDProperty(), session.roomStateProperty(), session.phaseProperty()));
        room.setMinWidth(Region.USE_PREF_SIZE);
        Label users = new Label();
        users.setId("status-users");
        // the same list as People, so both count the same people
        users.textProperty().bind(Bindings.createStringBinding(
                () -> session.participants().size() + " in the room", session.participants()));
        users.setMinWidth(Region.USE_PREF_SIZE);
        Label quality = new Label();
        quality.setId("status-quality");
        // the line gets what room is left and ends in an ellipsis when that is too little; the
        // tooltip has all of it
        quality.setMinWidth(0);
        quality.setMaxWidth(Double.MAX_VALUE);
        quality.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        quality.setEllipsisString("\u2026");
        quality.setAlignment(Pos.CENTER_RIGHT);
        Tooltip full = new Tooltip();
        full.textProperty().bind(quality.textProperty());
        quality.setTooltip(full);
        HBox.setHgrow(quality, Priority.ALWAYS);
        Runnable refresh = () -> quality.setText(QualitySummary.of(session.playing()));
        session.playing().addListener((ListChangeListener<RemoteStream>) c -> {
            while (c.next()) {
                for (RemoteStream s : c.getAddedSubList()) {
                    s.qualityProperty().addListener(o -> refresh.run());
                    s.stateProperty().addListener(o -> refresh.run());
                    s.errorCodeProperty().addListener(o -> refresh.run());
                    s.cameraProperty().addListener(o -> refresh.run());
                    s.videoBrokenProperty().addListener(o -> refresh.run());
                }
            }
            refresh.run();
        });
        HBox bar = new HBox(16, room, users, quality);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setMinWidth(0);
        return bar;
    }

    static String displayName(String name, String id) {
        return name == null || name.isEmpty() ? id : name;
    }
}
