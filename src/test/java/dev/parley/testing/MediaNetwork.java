package dev.parley.testing;

import org.junit.jupiter.api.Assumptions;

/** Media tests need the private network namespace that scripts/netns/bin/java makes. */
public final class MediaNetwork {
    private MediaNetwork() {
    }

    public static void require() {
        boolean ready = "veth".equals(System.getenv("PARLEY_MEDIA_NET"));
        if (!ready) {
            System.err.println("SKIPPING WebRTC media test: no private network namespace with a veth pair "
                    + "(run the tests through ./mvnw on Linux, where scripts/netns/bin/java provides one)");
        }
        Assumptions.assumeTrue(ready, "WebRTC media tests need the network namespace of scripts/netns/bin/java");
    }
}
