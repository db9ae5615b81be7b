package dev.parley.app;

import dev.parley.protocol.ErrorCode;

/**
 * An error to show the user: its numeric code and a readable sentence. Immutable.
 *
 * @param code an {@link ErrorCode} value
 * @param message what went wrong, for people
 */
public record CallError(int code, String message) {
    /** The error for {@code code}, with the enum's message, or a generic one for an unknown code. */
    public static CallError of(int code) {
        return new CallError(code, ErrorCode.of(code).map(ErrorCode::message).orElse("Unexpected error."));
    }

    public static CallError of(ErrorCode code) {
        return new CallError(code.code(), code.message());
    }

    /** "message (code)", as dialogs and banners show it. */
    public String describe() {
        return message + " (" + code + ")";
    }
}
