package dev.parley.engine.internal;

import dev.parley.protocol.ErrorCode;
import java.util.Optional;

/** The engine's argument checks: misuse throws {@link IllegalArgumentException} on the caller's thread. Stateless. */
final class Arguments {
    private Arguments() {
    }

    static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }

    /** Throws if {@code invalid} holds the code of a rule that {@code value} breaks. */
    static void valid(Optional<ErrorCode> invalid, String what, String value) {
        invalid.ifPresent(code -> {
            throw new IllegalArgumentException("invalid " + what + " '" + value + "': " + code.describe());
        });
    }
}
