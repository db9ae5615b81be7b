package dev.parley.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Self-signed PKCS#12 keystores for wss tests, made by the JDK's own keytool. */
public final class TestCertificates {
    private TestCertificates() {
    }

    /**
     * Writes a keystore with one EC key (alias {@code parley}) and a certificate for
     * {@code CN=commonName}, valid for two days, also for 127.0.0.1 and localhost.
     */
    public static void writeSelfSigned(Path keystore, String password, String commonName)
            throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "parley",
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password, "-keypass", password,
                "-dname", "CN=" + commonName, "-ext", "SAN=ip:127.0.0.1,dns:localhost")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }
}
