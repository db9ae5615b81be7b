package dev.parley.app.ui;

import dev.parley.app.CallSession;
import dev.parley.app.DevApp;
import dev.parley.app.ServerList;
import dev.parley.engine.ParleyEngine;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The desktop app: one call window over a {@link CallSession}, with the server found or embedded
 * by {@link ServerLocator} when none is given.
 *
 * <p>Threading: JavaFX calls {@link #start} on the FX thread; the server search and settings I/O
 * run on a background thread. Lifecycle: {@link #launch(AppOptions)} blocks until the window is
 * closed and the engine and any embedded server are gone.
 */
public final class ParleyApp extends Application {
    private static volatile AppOptions options = new AppOptions(null, null, null, null, null, null);
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "parley-app-io");
        t.setDaemon(true);
        return t;
    });
    private final LocalServerKeeper localServer = new LocalServerKeeper(new ServerLocator(), io);

    /** Opens the window and blocks until it is closed. Main thread. */
    public static void launch(AppOptions value) {
        options = value;
        Application.launch(ParleyApp.class);
    }

    /** The engines the app makes: the development app's credentials, callbacks on the FX thread. */
    static ParleyEngine createEngine(String serverUrl, java.util.concurrent.Executor callbacks,
                                     dev.parley.engine.EventHandler handler) {
        return ParleyEngine.createEngine(ServerList.parse(serverUrl).profile(DevApp.APP_ID).appSign(DevApp.APP_SIGN)
                .callbackExecutor(callbacks).build(), handler);
    }

    @Override
    public void start(Stage stage) {
        AppOptions opts = options;
        AppSettings settings = AppSettings.load(AppSettings.defaultFile());
        CallSession session = new CallSession(ParleyApp::createEngine, Platform::runLater);
        CallWindow window = new CallWindow(stage, session, settings, io, this::exit);
        // a user given without a name must not inherit the remembered name of another user
        String name = opts.name() != null ? opts.name() : opts.user() != null ? "" : null;
        window.fill(opts.server(), opts.room(), opts.user(), name);
        window.show();
        if (opts.server() != null) {
            window.defaultServer(opts.server(), false);
            if (opts.autoJoin()) {
                window.join();
            }
            return;
        }
        session.roomReasonProperty().addListener((obs, old, reason) -> localServer.onRoomReason(reason));
        io.execute(() -> {
            ServerLocator.Located found = localServer.locate();
            Platform.runLater(() -> {
                window.defaultServer(found.url(), true);
                if (opts.autoJoin()) {
                    window.fill(found.url(), null, null, null);
                    window.join();
                }
            });
        });
    }

    /** After the engine is destroyed: stop any embedded server off the FX thread, then exit. */
    private void exit() {
        io.execute(() -> {
            localServer.close();
            Platform.exit();
        });
    }
}
