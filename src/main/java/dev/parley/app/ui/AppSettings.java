package dev.parley.app.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the join view remembers between runs (server, room, user ID and name, devices), kept in a
 * small properties file in the platform's user config folder.
 *
 * <p>Threading: {@link #load} and {@link #save} do file I/O; call them off the FX thread.
 * Getters and setters are synchronized. Lifecycle: load once at start, save after each join.
 */
public final class AppSettings {
    private static final Logger LOG = LoggerFactory.getLogger(AppSettings.class);
    private final Path file;
    private final Properties values = new Properties();

    private AppSettings(Path file) {
        this.file = file;
    }

    /** Reads {@code file}; a missing or unreadable file gives empty settings. */
    public static AppSettings load(Path file) {
        AppSettings settings = new AppSettings(file);
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                settings.values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("cannot read settings {}: {}", file, e.getMessage());
            }
        }
        return settings;
    }

    /** Settings that are never written, for tests and kiosk use. */
    public static AppSettings inMemory() {
        return new AppSettings(null);
    }

    /** The settings file in the user's config folder for this platform. */
    public static Path defaultFile() {
        return configDirectory().resolve("settings.properties");
    }

    static Path configDirectory() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("Parley");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/Parley");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config")).resolve("parley");
    }

    public synchronized String get(String key, String fallback) {
        return values.getProperty(key, fallback);
    }

    public synchronized void put(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.setProperty(key, value);
        }
    }

    /** Writes the file; failures are logged, since losing a remembered room ID is not worth a dialog. */
    public void save() {
        if (file == null) {
            return;
        }
        Properties copy;
        synchronized (this) {
            copy = new Properties();
            copy.putAll(values);
        }
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                copy.store(out, "Parley");
            }
        } catch (IOException e) {
            LOG.warn("cannot save settings {}: {}", file, e.getMessage());
        }
    }
}
