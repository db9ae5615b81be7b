package dev.parley.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks IDs and payloads against {@link Limits}. The server and the engine use the same checks.
 *
 * <p>Stateless and thread-safe. Each method returns the error code for the first rule broken, or
 * empty when the value is valid.
 */
public final class Validation {
    private Validation() {
    }

    public static Optional<ErrorCode> roomId(String roomId) {
        return boundedText(roomId, Limits.MAX_ROOM_ID_BYTES, false) ? Optional.empty() : Optional.of(ErrorCode.ROOM_INVALID_ROOM_ID);
    }

    public static Optional<ErrorCode> userId(String userId) {
        return boundedText(userId, Limits.MAX_USER_ID_BYTES, false) ? Optional.empty() : Optional.of(ErrorCode.ROOM_INVALID_USER_ID);
    }

    /** A user name may be empty, in which case the user ID stands for it. */
    public static Optional<ErrorCode> userName(String userName) {
        return boundedText(userName, Limits.MAX_USER_NAME_BYTES, true) ? Optional.empty() : Optional.of(ErrorCode.ROOM_INVALID_USER_NAME);
    }

    /** Stream IDs are checked with a publisher or a player code, depending on who asks. */
    public static boolean isValidStreamId(String streamId) {
        if (streamId == null || streamId.isEmpty() || streamId.length() > Limits.MAX_STREAM_ID_CHARS) {
            return false;
        }
        for (int i = 0; i < streamId.length(); i++) {
            char c = streamId.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public static Optional<ErrorCode> publishStreamId(String streamId) {
        return isValidStreamId(streamId) ? Optional.empty() : Optional.of(ErrorCode.PUBLISHER_INVALID_STREAM_ID);
    }

    public static Optional<ErrorCode> playStreamId(String streamId) {
        return isValidStreamId(streamId) ? Optional.empty() : Optional.of(ErrorCode.PLAYER_INVALID_STREAM_ID);
    }

    /** Stream extra info: may be empty, at most 1 KiB of UTF-8. */
    public static Optional<ErrorCode> streamExtraInfo(String extraInfo) {
        return extraInfo == null || fitsUtf8(extraInfo, Limits.MAX_EXTRA_INFO_BYTES)
                ? Optional.empty() : Optional.of(ErrorCode.PUBLISHER_EXTRA_INFO_TOO_LONG);
    }

    public static Optional<ErrorCode> roomExtraInfo(String key, String value) {
        boolean keyOk = boundedText(key, Limits.MAX_ROOM_EXTRA_INFO_KEY_BYTES, false);
        boolean valueOk = value != null && fitsUtf8(value, Limits.MAX_EXTRA_INFO_BYTES);
        return keyOk && valueOk ? Optional.empty() : Optional.of(ErrorCode.ROOM_EXTRA_INFO_INVALID);
    }

    /** Broadcast messages and custom commands: not empty, at most 1 KiB of UTF-8. */
    public static Optional<ErrorCode> message(String message) {
        if (message == null || message.isEmpty()) {
            return Optional.of(ErrorCode.MESSAGE_EMPTY);
        }
        return fitsUtf8(message, Limits.MAX_MESSAGE_BYTES) ? Optional.empty() : Optional.of(ErrorCode.MESSAGE_TOO_LONG);
    }

    /** Whether the UTF-8 encoding of {@code s} is at most {@code maxBytes} long, without encoding short strings. */
    public static boolean fitsUtf8(String s, int maxBytes) {
        if (s.length() > maxBytes) {
            return false;
        }
        return s.length() * 3 <= maxBytes || s.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }

    private static boolean boundedText(String value, int maxBytes, boolean mayBeEmpty) {
        if (value == null) {
            return mayBeEmpty;
        }
        if (value.isEmpty()) {
            return mayBeEmpty;
        }
        if (!fitsUtf8(value, maxBytes)) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
