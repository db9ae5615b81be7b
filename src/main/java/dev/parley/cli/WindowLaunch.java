package dev.parley.cli;

import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.awt.Toolkit;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Readies the process for the JavaFX window, so that a normal start prints nothing the user does
 * not need. Call {@link #prepare()} once on the main thread, before JavaFX starts.
 *
 * <ul>
 *   <li>JavaFX warns "Unsupported JavaFX configuration" on every start when its classes come from
 *       the class path (as in {@code java -jar parley.jar}; the installed app has JavaFX as modules).
 *       Parley supports that way of running, so that one record of JavaFX's logger is dropped;
 *       every other JavaFX warning still shows.</li>
 *   <li>On Linux, AWT (which captures the screen for sharing, and lists the screens) installs its
 *       X error handler when it first starts. If that happens while JavaFX's GTK thread holds a GDK
 *       error trap, for instance while a menu pops up, GDK prints "XSetErrorHandler() called with a
 *       GDK error trap pushed". Starting AWT before GTK avoids it.</li>
 * </ul>
 */
final class WindowLaunch {
    static final String CLASS_PATH_WARNING = "Unsupported JavaFX configuration";
    // JUL holds loggers weakly: this keeps the filtered one alive until JavaFX asks for it
    private static final Logger JAVAFX_LOGGER = Logger.getLogger("javafx");

    private WindowLaunch() {
    }

    static void prepare() {
        JAVAFX_LOGGER.setFilter(record -> record.getMessage() == null || !record.getMessage().startsWith(CLASS_PATH_WARNING));
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        if (linux && !GraphicsEnvironment.isHeadless()) {
            try {
                Toolkit.getDefaultToolkit();
            } catch (AWTError e) {
                // no X server to talk to: JavaFX reports that itself when it starts
            }
        }
    }
}
