package dev.parley.app.ui;

import java.nio.file.Path;
import java.util.List;

/**
 * The window's command line: {@code --server}, {@code --room}, {@code --user}, {@code --name}
 * prefill the join form; with a room and a user given, the window joins at once. Immutable.
 *
 * @param server the server URL, or null for the local default
 * @param room room ID, or null
 * @param user user ID, or null
 * @param name user name, or null
 * @param logLevel log level name, or null for INFO
 * @param logDir where the rolling log file goes, or null for the platform's user log folder
 */
public record AppOptions(String server, String room, String user, String name, String logLevel, Path logDir) {
    public static final String USAGE = """
            usage: parley [--server ws[s]://host:port] [--room ID] [--user ID] [--name NAME]
                          [--log-level LEVEL] [--log-dir DIR]
              opens the call window; with --room and --user it joins at once.
              Without --server it uses the server on 127.0.0.1:7878, or starts one embedded there.""";

    /** Whether the command line asks to join at once. */
    public boolean autoJoin() {
        return room != null && user != null;
    }

    /** Parses options; throws IllegalArgumentException with a readable message on bad usage. */
    public static AppOptions parse(List<String> args) {
        String server = null;
        String room = null;
        String user = null;
        String name = null;
        String level = null;
        Path logDir = null;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("unknown option or missing value: '" + option + "'\n" + USAGE);
            }
            String value = args.get(++i);
            switch (option) {
                case "--server" -> server = value;
                case "--room" -> room = value;
                case "--user" -> user = value;
                case "--name" -> name = value;
                case "--log-level" -> level = value;
                case "--log-dir" -> logDir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'\n" + USAGE);
            }
        }
        return new AppOptions(server, room, user, name, level, logDir);
    }

    /** The platform's user log folder: XDG state on Linux, ~/Library/Logs on macOS, LOCALAPPDATA on Windows. */
    public static Path defaultLogDir() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home.resolve("AppData/Local")).resolve("Parley/logs");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Logs/Parley");
        }
        String state = System.getenv("XDG_STATE_HOME");
        return (state != null && !state.isBlank() ? Path.of(state) : home.resolve(".local/state")).resolve("parley/logs");
    }
}
