package dev.parley.server.token;

import dev.parley.protocol.ErrorCode;

/** A token that was refused, with the room error code that says why. Immutable. */
public final class TokenException extends Exception {
    private final transient ErrorCode error;

    public TokenException(ErrorCode error, String detail) {
        super(detail);
        this.error = error;
    }

    public ErrorCode error() {
        return error;
    }
}
