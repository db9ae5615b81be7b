package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void everyKeyIsRead() throws IOException {
        Path file = dir.resolve("server.json");
        Files.writeString(file, """
                {
                  "bind": "127.0.0.1", "port": 0,
                  "apps": [ { "appId": 42, "appSign": "sign-0123456789abcdef", "serverSecret": "secret-0123456789abcdef" } ],
                  "defaultMaxMembers": 7,
                  "heartbeatIntervalMs": 1000, "presenceTimeoutMs": 3000, "tokenWarningMs": 10000,
                  "iceServers": [ { "urls": ["turn:turn.example.org:3478"], "username": "u", "credential": "c" } ],
                  "keystore": "certs/server.p12", "keystorePassword": "pw",
                  "requestsPerSecond": 20, "requestBurst": 40, "floodCloseAfter": 60, "historySize": 64,
                  "handshakeTimeoutMs": 2500, "maxHandshakeBytes": 4096, "maxPendingConnectionsPerAddress": 9,
                  "connectionsPerSecondPerAddress": 3, "connectionBurstPerAddress": 11
                }
                """);
        ServerConfig c = ServerConfigFile.load(file, ServerConfig.builder()).build();
        assertEquals("127.0.0.1", c.bindAddress());
        assertEquals(0, c.port());
        assertEquals("sign-0123456789abcdef", c.apps().get(42L).appSign());
        assertEquals(7, c.defaultMaxMembers());
        assertEquals(Duration.ofSeconds(3), c.presenceTimeout());
        assertEquals(Duration.ofSeconds(10), c.tokenWarning());
        assertEquals("c", c.iceServers().get(0).credential());
        assertEquals(dir.resolve("certs/server.p12").toAbsolutePath(), c.keystore());
        assertEquals(40, c.requestBurst());
        assertEquals(64, c.historySize());
        assertEquals(new ConnectionLimits(Duration.ofMillis(2500), 4096, 9, 3, 11), c.connectionLimits());
        assertTrue(c.tls());
    }

    @Test
    void unknownKeysAndBadFilesAreRefused() throws IOException {
        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, "{ \"prot\": 80 }");
        IOException e = assertThrows(IOException.class, () -> ServerConfigFile.load(typo, ServerConfig.builder()));
        assertTrue(e.getMessage().contains("prot"), e.getMessage());
        assertThrows(IOException.class, () -> ServerConfigFile.load(dir.resolve("missing.json"), ServerConfig.builder()));
    }
}
