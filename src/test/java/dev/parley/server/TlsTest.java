package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ServerMessage;
import dev.parley.testing.RawClient;
import dev.parley.testing.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wss with a PKCS#12 keystore made by the JDK's keytool ({@link dev.parley.testing.TestCertificates}). */
class TlsTest {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static Path keystore;

    @BeforeAll
    static void makeKeystore() throws Exception {
        keystore = dir.resolve("server.p12");
        dev.parley.testing.TestCertificates.writeSelfSigned(keystore, PASSWORD, "localhost");
    }

    /** An SSLContext that trusts exactly the certificate in the server's keystore. */
    private static SSLContext trustingTheServer() throws Exception {
        KeyStore serverStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            serverStore.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = serverStore.getCertificate("parley");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("parley-server", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    @Test
    void clientsLogInAndTalkOverWss() throws Exception {
        try (ParleyServer server = TestServers.start(b -> b.keystore(keystore, PASSWORD))) {
            assertTrue(server.url().startsWith("wss://127.0.0.1:"), server.url());
            SSLContext ssl = trustingTheServer();
            try (RawClient alice = RawClient.connect(server.url(), ssl);
                 RawClient bob = RawClient.connect(server.url(), ssl)) {
                alice.login("secure-room", "alice", true);
                bob.login("secure-room", "bob", true);
                alice.ok(id -> new ClientMessage.SendBroadcast(id, "over TLS"));
                bob.awaitPush(ServerMessage.BroadcastReceived.class, b -> b.message().equals("over TLS"));
                assertEquals(new ServerStats(1, 2, 0, 2), server.stats());
            }
        }
    }

    @Test
    void clientThatDoesNotTrustTheCertificateCannotConnect() throws Exception {
        try (ParleyServer server = TestServers.start(b -> b.keystore(keystore, PASSWORD))) {
            SSLContext defaultTrust = SSLContext.getInstance("TLS");
            defaultTrust.init(null, null, null);
            assertThrows(AssertionError.class, () -> RawClient.connect(server.url(), defaultTrust));
            // the server is unharmed
            try (RawClient ok = RawClient.connect(server.url(), trustingTheServer())) {
                ok.login("secure-room", "carol", true);
            }
        }
    }

    @Test
    void wrongKeystorePasswordFailsToStart() {
        ServerConfig config = TestServers.config().keystore(keystore, "wrong-password").build();
        IOException e = assertThrows(IOException.class, () -> ParleyServer.start(config));
        assertTrue(e.getMessage().contains("keystore"), e.getMessage());
        assertTrue(List.of(dir.toFile().list()).contains("server.p12"));
    }
}
