package dev.parley.server.token;

/** How a token protects its claims. */
public enum TokenFormat {
    /** Claims readable by anyone, signed with HMAC-SHA256; prefix {@code P1.}. */
    SIGNED("P1"),
    /** Claims encrypted and authenticated with AES-256-GCM; prefix {@code P2.}. */
    SEALED("P2");

    private final String prefix;

    TokenFormat(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }
}
