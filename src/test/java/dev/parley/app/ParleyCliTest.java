package dev.parley.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.server.token.TokenClaims;
import dev.parley.server.token.TokenVerifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ParleyCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ParleyCli cli = new ParleyCli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void badUsageExitsWithTwoAndSaysWhy() {
        assertEquals(2, cli.run(new String[] {"dance"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'dance'"));
        assertEquals(2, cli.run(new String[] {"server", "--port", "70000"}));
        assertEquals(2, cli.run(new String[] {"server", "--log-level", "LOUD"}));
        assertEquals(2, cli.run(new String[] {"call", "--headless", "--room", "r"}));
        assertEquals(2, cli.run(new String[] {"call", "--headless", "--room", "r", "--user", "u", "--resolution", "big"}));
        assertEquals(2, cli.run(new String[] {"token", "--app-id", "1"}));
    }

    @Test
    void devicesListsTheTestSourcesWithTheirIds() {
        assertEquals(0, cli.run(new String[] {"devices"}));
        String listing = out.toString(StandardCharsets.UTF_8);
        assertTrue(listing.startsWith("Cameras:\n  parley:test-pattern  Test pattern\n"), listing);
        assertTrue(listing.contains("Microphones:\n  parley:test-tone  Test tone\n"), listing);
        assertEquals(2, cli.run(new String[] {"devices", "--all"}));
    }

    @Test
    void windowOptionsAreCheckedBeforeAnyWindowOpens() {
        assertEquals(2, cli.run(new String[] {"--room"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing value: '--room'"));
        assertEquals(2, cli.run(new String[] {"--color", "blue"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option '--color'"));
        assertEquals(2, cli.run(new String[] {"--room", "r", "--log-level", "LOUD"}));
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[] {"server", "token", "call", "devices"}) {
            assertEquals(0, cli.run(new String[] {command, "--help"}));
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: parley call --headless"));
    }

    @Test
    void tokenPrintsAVerifiableToken() throws Exception {
        assertEquals(0, cli.run(new String[] {"token", "--app-id", "42", "--secret", "secret-0123456789abcdef",
                "--user", "alice", "--room", "r1", "--publish", "--ttl", "60"}));
        String token = out.toString(StandardCharsets.UTF_8).trim();
        TokenClaims claims = new TokenVerifier(app -> app == 42 ? "secret-0123456789abcdef" : null)
                .verify(token, 42, "alice", "r1", System.currentTimeMillis() / 1000);
        assertTrue(claims.privileges().publish());
        assertTrue(claims.expiresAt() - claims.issuedAt() == 60);
    }

    @Test
    void tokenTakesIdsInNfcAndRefusesInvisibleCharacters() throws Exception {
        assertEquals(0, cli.run(new String[] {"token", "--app-id", "42", "--secret", "secret-0123456789abcdef",
                "--user", "jose\u0301", "--room", "cafe\u0301"}));
        TokenClaims claims = new TokenVerifier(app -> app == 42 ? "secret-0123456789abcdef" : null)
                .verify(out.toString(StandardCharsets.UTF_8).trim(), 42, "jos\u00e9", "caf\u00e9",
                        System.currentTimeMillis() / 1000);
        assertEquals("jos\u00e9", claims.userId());
        assertEquals("caf\u00e9", claims.roomId());

        assertEquals(2, cli.run(new String[] {"token", "--app-id", "42", "--secret", "s", "--user", "alice\u202e"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--user: The user ID has a control"), err.toString());
        assertEquals(2, cli.run(new String[] {"token", "--app-id", "42", "--secret", "s", "--user", "a", "--room", "r\u200b"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("(1002025)"), err.toString());
    }
}
