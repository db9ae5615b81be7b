package dev.parley.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The parts of the bench profile, each run by its own execution in pom.xml and skipped with
 * {@code -Dbench.NAME.skip=true}. A report names the command that runs its part alone. Immutable.
 */
enum BenchPart {
    SERVER("server"), CLUSTER("cluster"), RENDER("render"), MEDIA("media"), RELAY("relay"), SFU("sfu"),
    LONG_CALL("longcall");

    private static final String PROFILE = "./mvnw -B -Pbench verify -DskipTests";
    private final String property;

    BenchPart(String property) {
        this.property = property;
    }

    /** The Maven command that runs this part and skips every other. */
    String command() {
        return PROFILE + Arrays.stream(values()).filter(p -> p != this)
                .map(p -> " -Dbench." + p.property + ".skip=true").collect(Collectors.joining());
    }
}
