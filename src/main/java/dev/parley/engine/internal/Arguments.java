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
            throw new IllegalArgumentException("invalid " + what + " '" + visible(value) + "': " + code.describe());
        });
    }

    /** {@code value} with every character outside printable ASCII as a \\u escape, so that the message shows what is there. */
    static String visible(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out.toString();
    }
}
