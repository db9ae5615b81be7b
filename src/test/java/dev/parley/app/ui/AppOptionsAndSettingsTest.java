package dev.parley.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's command line, and the join form's settings surviving a restart. */
class AppOptionsAndSettingsTest {

    @Test
    void roomAndUserTogetherMeanJoinAtOnce() {
        AppOptions options = AppOptions.parse(List.of("--server", "wss://calls.example:7878", "--room", "standup",
                "--user", "alice", "--name", "Alice"));
        assertEquals("wss://calls.example:7878", options.server());
        assertTrue(options.autoJoin());
        assertFalse(AppOptions.parse(List.of("--room", "standup")).autoJoin());
        assertNull(AppOptions.parse(List.of()).server());
    }

    @Test
    void settingsAreRememberedBetweenRuns(@TempDir Path dir) {
        Path file = dir.resolve("nested/settings.properties");
        AppSettings first = AppSettings.load(file);
        assertEquals("none", first.get("room", "none"));
        first.put("room", "standup");
        first.put("userName", "Zoë 😀");
        first.save();
        AppSettings second = AppSettings.load(file);
        assertEquals("standup", second.get("room", null));
        assertEquals("Zoë 😀", second.get("userName", null));
    }

    @Test
    void anUnreadableSettingsFileGivesEmptySettings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "room=\\u12");
        assertEquals("fallback", AppSettings.load(file).get("room", "fallback"));
    }
}
