package dev.parley.app.ui;

import dev.parley.app.CallPhase;
import dev.parley.app.CallSession;
import dev.parley.app.JoinRequest;
import dev.parley.engine.DeviceInfo;
import java.util.concurrent.Executor;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The join view: server, room ID, user ID and name (remembered between runs), camera and
 * microphone pickers with a live preview, and Join, which checks the ID rules and says what is
 * wrong next to the form.
 *
 * <p>Threading: FX thread only. Lifecycle: one per window; {@link #shown()} restarts the preview
 * each time the view comes back.
 */
final class JoinView extends HBox {
    private final CallSession session;
    private final AppSettings settings;
    private final Executor io;
    private final TextField server = new TextField();
    private final TextField room = new TextField();
    private final TextField userId = new TextField();
    private final TextField userName = new TextField();
    private final ComboBox<DeviceInfo> camera = new ComboBox<>();
    private final ComboBox<DeviceInfo> microphone = new ComboBox<>();
    private final Label problem = new Label();
    private final Button join = new Button("Join");
    private final VideoPane preview = new VideoPane();

    JoinView(CallSession session, AppSettings settings, Executor io) {
        this.session = session;
        this.settings = settings;
        this.io = io;
        getStyleClass().add("join-view");
        server.setId("server");
        room.setId("room");
        userId.setId("user-id");
        userName.setId("user-name");
        camera.setId("camera-picker");
        microphone.setId("microphone-picker");
        problem.setId("join-problem");
        join.setId("join");
        preview.setId("join-preview");

        server.setPromptText("ws://host:port");
        room.setPromptText("for example: standup");
        userId.setPromptText("unique in the room");
        userName.setPromptText("shown to others (optional)");
        room.setText(settings.get("room", ""));
        userId.setText(settings.get("userId", System.getProperty("user.name", "")));
        userName.setText(settings.get("userName", ""));
        server.setText(settings.get("server", ""));

        camera.setItems(session.videoDevices());
        microphone.setItems(session.audioDevices());
        camera.setCellFactory(list -> new DeviceCell());
        camera.setButtonCell(new DeviceCell());
        microphone.setCellFactory(list -> new DeviceCell());
        microphone.setButtonCell(new DeviceCell());
        camera.setOnAction(e -> choose(camera, true));
        microphone.setOnAction(e -> choose(microphone, false));
        session.videoDevices().addListener((javafx.collections.ListChangeListener<DeviceInfo>) c -> select(camera, session.videoDeviceProperty().get()));
        session.audioDevices().addListener((javafx.collections.ListChangeListener<DeviceInfo>) c -> select(microphone, session.audioDeviceProperty().get()));
        session.videoDeviceProperty().addListener((obs, old, id) -> select(camera, id));
        session.audioDeviceProperty().addListener((obs, old, id) -> select(microphone, id));

        problem.getStyleClass().add("form-problem");
        problem.setWrapText(true);
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        join.setDefaultButton(true);
        join.getStyleClass().add("primary");
        join.disableProperty().bind(session.phaseProperty().isNotEqualTo(CallPhase.IDLE));
        join.textProperty().bind(javafx.beans.binding.Bindings.when(
                session.phaseProperty().isEqualTo(CallPhase.JOINING)).then("Joining\u2026").otherwise("Join"));
        join.setOnAction(e -> submit());

        GridPane form = new GridPane();
        form.getStyleClass().add("join-form");
        form.setHgap(10);
        form.setVgap(10);
        int row = 0;
        Label title = new Label("Join a call");
        title.getStyleClass().add("title");
        form.add(title, 0, row++, 2, 1);
        form.addRow(row++, new Label("Server"), server);
        form.addRow(row++, new Label("Room ID"), room);
        form.addRow(row++, new Label("User ID"), userId);
        form.addRow(row++, new Label("Name"), userName);
        form.addRow(row++, new Label("Camera"), camera);
        form.addRow(row++, new Label("Microphone"), microphone);
        form.add(problem, 0, row++, 2, 1);
        form.add(join, 1, row);
        camera.setMaxWidth(Double.MAX_VALUE);
        microphone.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(server, Priority.ALWAYS);

        preview.getStyleClass().add("join-preview");
        preview.nameProperty().bind(javafx.beans.binding.Bindings.when(userName.textProperty().isEmpty())
                .then(userId.textProperty()).otherwise(userName.textProperty()));
        preview.cameraOnProperty().bind(session.cameraOnProperty());
        preview.microphoneOnProperty().bind(session.microphoneOnProperty());
        preview.attach(session.localRenderer());
        preview.setPrefSize(640, 360);
        preview.setMaxSize(640, 360);
        preview.setMinSize(320, 180);
        Button previewToggle = new Button();
        previewToggle.setId("preview-toggle");
        previewToggle.textProperty().bind(javafx.beans.binding.Bindings.when(session.previewingProperty())
                .then("Stop preview").otherwise("Start preview"));
        previewToggle.setOnAction(e -> {
            if (session.previewingProperty().get()) {
                session.stopPreview();
            } else {
                startPreview();
            }
        });
        VBox previewBox = new VBox(10, preview, previewToggle);
        previewBox.setAlignment(Pos.CENTER);
        HBox.setHgrow(previewBox, Priority.ALWAYS);
        form.setMaxHeight(Region.USE_PREF_SIZE);
        setFillHeight(false);
        setSpacing(24);
        setAlignment(Pos.CENTER);
        getChildren().addAll(form, previewBox);
    }

    /** The default server, once the app has found or started one; kept if the user typed one. */
    void defaultServer(String url) {
        if (server.getText().isBlank()) {
            server.setText(url);
        }
    }

    /** Called whenever the view is shown again. */
    void shown() {
        problem.setText("");
    }

    /** Starts the preview when the server field holds a usable URL. */
    void startPreview() {
        if (new JoinRequest(server.getText(), "r", "u", "").validate().isEmpty()) {
            session.startPreview(server.getText().strip());
        }
    }

    void fill(String serverUrl, String roomId, String user, String name) {
        if (serverUrl != null) {
            server.setText(serverUrl);
        }
        if (roomId != null) {
            room.setText(roomId);
        }
        if (user != null) {
            userId.setText(user);
        }
        if (name != null) {
            userName.setText(name);
        }
    }

    /** Checks the form and joins; the first broken rule shows under the form and gets focus. */
    void submit() {
        JoinRequest request = new JoinRequest(server.getText(), room.getText(), userId.getText(), userName.getText());
        var broken = request.validate();
        if (broken.isPresent()) {
            problem.setText(broken.get().error().describe());
            switch (broken.get().field()) {
                case SERVER -> server.requestFocus();
                case ROOM -> room.requestFocus();
                case USER_ID -> userId.requestFocus();
                case USER_NAME -> userName.requestFocus();
            }
            return;
        }
        problem.setText("");
        settings.put("server", request.serverUrl());
        settings.put("room", request.roomID());
        settings.put("userId", request.userID());
        settings.put("userName", request.userName());
        io.execute(settings::save);
        session.join(request);
    }

    private void choose(ComboBox<DeviceInfo> picker, boolean video) {
        DeviceInfo device = picker.getValue();
        if (device == null) {
            return;
        }
        if (video && !device.deviceID().equals(session.videoDeviceProperty().get())) {
            session.useVideoDevice(device.deviceID());
        } else if (!video && !device.deviceID().equals(session.audioDeviceProperty().get())) {
            session.useAudioDevice(device.deviceID());
        }
    }

    private static void select(ComboBox<DeviceInfo> picker, String deviceId) {
        picker.getItems().stream().filter(d -> d.deviceID().equals(deviceId)).findFirst().ifPresent(picker::setValue);
    }

    /** Shows a device by its name. */
    static final class DeviceCell extends ListCell<DeviceInfo> {
        @Override
        protected void updateItem(DeviceInfo item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.deviceName());
        }
    }
}
