package dev.parley.app.ui;

import dev.parley.app.CallError;
import dev.parley.app.CallPhase;
import dev.parley.app.CallSession;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The Parley window: the join view while not in a call, the call view during one, the call
 * statistics panel over the call view when opened, and an error banner over all. Keyboard: Ctrl+D
 * microphone, Ctrl+E camera, Ctrl+Shift+H end call, Ctrl+I call statistics (the View menu's item),
 * Escape closes them. The title shows the room. Closing the window destroys the engine (waiting
 * for it) before {@code onClosed} runs.
 *
 * <p>Threading: FX thread only. Lifecycle: {@link #show()} once; the window owns the session's end.
 */
public final class CallWindow {
    private final Stage stage;
    private final CallSession session;
    private final JoinView joinView;
    private final CallView callView;
    private final CallStatisticsPanel statistics;
    private final StackPane content = new StackPane();
    private final StackPane root;
    private final Label bannerText = new Label();
    private final HBox banner;

    /**
     * @param io runs file I/O (saving settings) off the FX thread
     * @param onClosed runs on the FX thread after the engine is destroyed, when the window closes
     */
    public CallWindow(Stage stage, CallSession session, AppSettings settings, Executor io, Runnable onClosed) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.session = Objects.requireNonNull(session, "session");
        this.joinView = new JoinView(session, settings, io);
        this.statistics = new CallStatisticsPanel(session.statistics(), this::closeStatistics);
        this.callView = new CallView(session, this::showStatistics);

        bannerText.setId("error-banner");
        bannerText.setWrapText(true);
        Button dismiss = new Button("\u2715");
        dismiss.setId("dismiss-error");
        dismiss.getStyleClass().add("flat");
        dismiss.setOnAction(e -> session.dismissError());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        banner = new HBox(8, bannerText, spacer, dismiss);
        banner.getStyleClass().add("error-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane.setAlignment(banner, Pos.TOP_CENTER);
        banner.visibleProperty().bind(session.lastErrorProperty().isNotNull());
        bannerText.textProperty().bind(Bindings.createStringBinding(() -> {
            CallError error = session.lastErrorProperty().get();
            return error == null ? "" : error.describe();
        }, session.lastErrorProperty()));

        root = new StackPane(content, banner);
        root.getStyleClass().add("parley-root");
        Scene scene = new Scene(root, 1180, 720);
        scene.getStylesheets().add(Objects.requireNonNull(CallWindow.class.getResource("parley.css")).toExternalForm());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN), session::toggleMicrophone);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), session::toggleCamera);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                session::endCall);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN), this::showStatistics);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && statisticsOpen()) {
                closeStatistics();
                e.consume();
            }
        });
        stage.setScene(scene);
        stage.setMinWidth(760);
        stage.setMinHeight(480);
        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            CallPhase phase = session.phaseProperty().get();
            String room = session.roomIDProperty().get();
            return phase == CallPhase.IN_CALL || phase == CallPhase.JOINING ? "Parley \u2014 " + room : "Parley";
        }, session.phaseProperty(), session.roomIDProperty()));
        AppIcon.apply(stage);
        session.phaseProperty().addListener((obs, old, phase) -> showViewFor(phase));
        stage.setOnCloseRequest(event -> {
            event.consume();
            session.close(() -> {
                stage.hide();
                onClosed.run();
            });
        });
        showViewFor(session.phaseProperty().get());
    }

    /** Puts the statistics panel over the call view; out of the scene while closed, it costs nothing. */
    private void showStatistics() {
        if (session.phaseProperty().get() == CallPhase.IN_CALL && !statisticsOpen()) {
            root.getChildren().add(root.getChildren().indexOf(banner), statistics);
        }
    }

    private void closeStatistics() {
        root.getChildren().remove(statistics);
    }

    private boolean statisticsOpen() {
        return statistics.getParent() == root;
    }

    private void showViewFor(CallPhase phase) {
        boolean inCall = phase == CallPhase.IN_CALL;
        if (!inCall) {
            closeStatistics();
        }
        var view = inCall ? callView : joinView;
        if (content.getChildren().size() != 1 || content.getChildren().get(0) != view) {
            content.getChildren().setAll(view);
            if (!inCall && phase == CallPhase.IDLE) {
                joinView.shown();
            }
        }
    }

    public void show() {
        stage.show();
    }

    /**
     * Sets the server the join view offers when the user has not typed one; {@code local} when it
     * is the server on this computer that windows share (found or embedded), so that the form
     * suggests a user ID that no other window in the room has.
     */
    public void defaultServer(String url, boolean local) {
        joinView.defaultServer(url, local);
        if (session.phaseProperty().get() == CallPhase.IDLE) {
            joinView.startPreview();
        }
    }

    /** Prefills the join form; null values leave a field as it is. */
    public void fill(String serverUrl, String roomID, String userID, String userName) {
        joinView.fill(serverUrl, roomID, userID, userName);
    }

    /** Presses Join, as an auto-join from the command line does. */
    public void join() {
        joinView.submit();
    }

    public Stage stage() {
        return stage;
    }

    public CallSession session() {
        return session;
    }
}
