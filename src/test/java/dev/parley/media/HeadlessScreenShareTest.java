package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.server.ParleyServer;
import dev.parley.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Without a display, sharing the screen fails with 1006003 and the MAIN stream is unaffected. */
class HeadlessScreenShareTest {

    @Test
    void noDisplayGivesItsCodeAndMainStillPublishes() throws IOException, InterruptedException {
        try (ParleyServer server = TestServers.start()) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process probe = new ProcessBuilder(java, "-Djava.awt.headless=true", "-cp",
                    System.getProperty("java.class.path"), HeadlessScreenProbe.class.getName(), server.url())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "probe finished");
            List<String> lines = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("aux ") || l.startsWith("main ")).toList();
            assertEquals(List.of("aux NO_PUBLISH 1006003", "main PUBLISHING"), lines);
        }
    }
}
