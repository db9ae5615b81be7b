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
 * microphone pickers with a live preview and a level meter beside the microphone, and Join, which checks the ID rules and says what is
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
    private final javafx.scene.control.ProgressBar microphoneLevel = new javafx.scene.control.ProgressBar(0);
    private final Label problem = new Label();
    private final Label userIdHint = new Label();
    private final Label conflictText = new Label();
    private final Button joinAsFree = new Button();
    private final Button joinAnyway = new Button("Join anyway");
    private final Button cancelJoin = new Button("Cancel");
    private final Button join = new Button("Join");
    private final VideoPane preview = new VideoPane();
    /** The server this window found or started on this computer, or null when the user named one. */
    private String localServer;
    /** The user ID the form was prefilled with (remembered, or the OS user name); null once given on the command line. */
    private String prefilledUserId;
    /** A user ID this window offered in place of a taken one, and the one it replaced (which stays remembered). */
    private String offeredUserId;
    private String replacedUserId;

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
        prefilledUserId = userId.getText();
        userName.setText(settings.get("userName", ""));
        server.setText(settings.get("server", ""));

        camera.setCellFactory(list -> new DeviceCell());
        camera.setButtonCell(new DeviceCell());
        microphone.setCellFactory(list -> new DeviceCell());
        microphone.setButtonCell(new DeviceCell());
        camera.setOnAction(e -> choose(camera, true));
        microphone.setOnAction(e -> choose(microphone, false));
        // The pickers keep lists of their own: replacing a ComboBox's items clears its value, so the
        // choice is shown again after each change, once the ComboBox has dealt with it.
        Runnable showCameras = () -> show(camera, session.videoDevices(), session.videoDeviceProperty().get());
        Runnable showMicrophones = () -> show(microphone, session.audioDevices(), session.audioDeviceProperty().get());
        session.videoDevices().addListener((javafx.collections.ListChangeListener<DeviceInfo>) c -> showCameras.run());
        session.audioDevices().addListener((javafx.collections.ListChangeListener<DeviceInfo>) c -> showMicrophones.run());
        session.videoDeviceProperty().addListener((obs, old, id) -> showCameras.run());
        session.audioDeviceProperty().addListener((obs, old, id) -> showMicrophones.run());
        showCameras.run();
        showMicrophones.run();

        userIdHint.setId("user-id-hint");
        userIdHint.getStyleClass().add("form-hint");
        userIdHint.setWrapText(true);
        // wrap within the field's column rather than widening it
        userIdHint.setMinWidth(0);
        userIdHint.setPrefWidth(0);
        userIdHint.setMaxWidth(Double.MAX_VALUE);
        userIdHint.visibleProperty().bind(userIdHint.textProperty().isNotEmpty());
        userIdHint.managedProperty().bind(userIdHint.visibleProperty());
        VBox conflict = conflictBox();
        problem.getStyleClass().add("form-problem");
        problem.setWrapText(true);
        problem.setMinWidth(0);
        problem.setPrefWidth(0);
        problem.setMaxWidth(Double.MAX_VALUE);
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
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
        form.add(userIdHint, 1, row++);
        form.addRow(row++, new Label("Name"), userName);
        form.addRow(row++, new Label("Camera"), camera);
        microphoneLevel.setId("microphone-level");
        microphoneLevel.getStyleClass().add("level-meter");
        microphoneLevel.setPrefWidth(80);
        microphoneLevel.setMinWidth(Region.USE_PREF_SIZE);
        // the engine's level is linear in dB, 0 at -60 dBFS, 100 at full scale
        microphoneLevel.progressProperty().bind(session.soundLevels().capturedLevelProperty().divide(100.0));
        javafx.scene.control.Tooltip.install(microphoneLevel, new javafx.scene.control.Tooltip("Microphone level"));
        HBox microphoneRow = new HBox(8, microphone, microphoneLevel);
        microphoneRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(microphone, Priority.ALWAYS);
        form.addRow(row++, new Label("Microphone"), microphoneRow);
        form.add(problem, 0, row++, 2, 1);
        form.add(conflict, 0, row++, 2, 1);
        form.add(join, 1, row);
        camera.setMaxWidth(Double.MAX_VALUE);
        microphone.setMaxWidth(Double.MAX_VALUE);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().setAll(labels, fields);
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

    /**
     * The default server, once the app has found or started one; kept if the user typed one.
     * {@code local} says it is the server on this computer that every window without a
     * {@code --server} uses: then a prefilled user ID that someone in the room already has (another
     * window's) is replaced by a free one, such as {@code alice-2}.
     */
    void defaultServer(String url, boolean local) {
        if (server.getText().isBlank()) {
            server.setText(url);
        }
        localServer = local ? url : null;
        if (local) {
            suggestFreeUserId();
        }
    }

    private void suggestFreeUserId() {
        String url = server.getText().strip();
        String asked = userId.getText();
        JoinRequest probe = new JoinRequest(url, room.getText(), asked, "");
        if (!url.equals(localServer) || !asked.equals(prefilledUserId) || probe.validate().isPresent()) {
            return;
        }
        session.lookUpRoom(url, probe.roomID(), probe.userID(), occupancy -> {
            if (occupancy != null && occupancy.taken() && userId.getText().equals(asked)
                    && session.phaseProperty().get() == CallPhase.IDLE) {
                String free = occupancy.freeUserID();
                userId.setText(free);
                prefilledUserId = free;
                offered(free, asked);
                userIdHint.setText(occupancy.inThisRoom()
                        ? asked + " is already in " + probe.roomID() + " on this computer, so this window joins as " + free + "."
                        : asked + " is already in a call on this computer, so this window joins as " + free + ".");
            }
        });
    }

    private void offered(String free, String replaced) {
        if (!replaced.equals(offeredUserId)) {
            replacedUserId = replaced;
        }
        offeredUserId = free;
    }

    /** The question asked when the user ID is taken: join under a free ID, join anyway, or not. */
    private VBox conflictBox() {
        conflictText.setId("join-conflict-text");
        conflictText.setWrapText(true);
        conflictText.setMinWidth(0);
        conflictText.setPrefWidth(0);
        conflictText.setMaxWidth(Double.MAX_VALUE);
        joinAsFree.setId("join-as-free");
        joinAsFree.getStyleClass().add("primary");
        joinAnyway.setId("join-anyway");
        cancelJoin.setId("cancel-join");
        cancelJoin.getStyleClass().add("flat");
        var pending = session.joinConflictProperty();
        conflictText.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> pending.get() == null ? "" : pending.get().message(), pending));
        joinAsFree.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> pending.get() == null ? "" : "Join as " + pending.get().occupancy().freeUserID(), pending));
        joinAsFree.setOnAction(e -> {
            var conflict = pending.get();
            if (conflict != null) {
                userId.setText(conflict.occupancy().freeUserID());
                offered(conflict.occupancy().freeUserID(), conflict.request().userID());
                submit();
            }
        });
        joinAnyway.setOnAction(e -> session.joinAnyway());
        cancelJoin.setOnAction(e -> session.cancelJoin());
        // a question about other values than the form's is stale, and so is the hint
        userId.textProperty().addListener((obs, old, now) -> {
            session.cancelJoin();
            userIdHint.setText("");
        });
        room.textProperty().addListener((obs, old, now) -> session.cancelJoin());
        server.textProperty().addListener((obs, old, now) -> session.cancelJoin());
        HBox buttons = new HBox(8, joinAsFree, joinAnyway, cancelJoin);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, conflictText, buttons);
        box.setId("join-conflict");
        box.getStyleClass().add("join-conflict");
        box.visibleProperty().bind(pending.isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
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
            prefilledUserId = null;
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
        // a numbered ID offered because another window has the usual one is for this window only
        boolean offeredHere = request.userID().equals(offeredUserId);
        settings.put("userId", offeredHere ? replacedUserId : request.userID());
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

    /** Shows {@code devices} in {@code picker} with {@code deviceId} chosen. */
    private static void show(ComboBox<DeviceInfo> picker, java.util.List<DeviceInfo> devices, String deviceId) {
        if (!picker.getItems().equals(devices)) {
            picker.getItems().setAll(devices);
        }
        DeviceInfo chosen = devices.stream().filter(d -> d.deviceID().equals(deviceId)).findFirst().orElse(null);
        if (!java.util.Objects.equals(picker.getValue(), chosen)) {
            picker.setValue(chosen);
        }
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
