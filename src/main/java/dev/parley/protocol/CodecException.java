package dev.parley.protocol;

/**
 * A message that could not be decoded, with the error code to reply with and the request ID when
 * it could be read (0 otherwise). Immutable.
 */
public final class CodecException extends Exception {
    private final transient ErrorCode error;
    private final long requestId;

    public CodecException(ErrorCode error, long requestId, String detail, Throwable cause) {
        super(detail, cause);
        this.error = error;
        this.requestId = requestId;
    }

    public ErrorCode error() {
        return error;
    }

    public long requestId() {
        return requestId;
    }
}
