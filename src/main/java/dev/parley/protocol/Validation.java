package dev.parley.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks IDs and payloads against {@link Limits}. The server and the engine use the same checks.
 *
 * <p>Room IDs, user IDs and user names are checked in the form both ends use, NFC (see
 * {@link Normalization}): callers normalise first. Besides their length, these must not hold
 * characters that change how the text around them looks or that are not text at all: control
 * characters (C0, DEL, C1), the line and paragraph separators, format characters (zero width
 * spaces and joiners, direction overrides and marks, the byte order mark, soft hyphens and the
 * like) and unpaired surrogates. Such a character has its own code, so that "alice" followed by a
 * zero width space is never a second "alice" in a roster. Names are text for people, so two
 * format characters are allowed there where scripts and emoji need them: the zero width joiner
 * and non-joiner (U+200D, U+200C) between two letters, marks, digits or symbols (the family and
 * profession emoji, Persian and Indic spellings), and the tag characters of an emoji flag
 * sequence (U+1F3F4, then tags up to U+E007F, as in the flag of Scotland).
 *
 * <p>Stateless and thread-safe. Each method returns the error code for the first rule broken, or
 * empty when the value is valid.
 */
public final class Validation {
    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int WAVING_BLACK_FLAG = 0x1F3F4;
    private static final int FIRST_TAG = 0xE0020;
    private static final int LAST_TAG = 0xE007E;
    private static final int CANCEL_TAG = 0xE007F;

    private Validation() {
    }

    public static Optional<ErrorCode> roomId(String roomId) {
        if (!boundedText(roomId, Limits.MAX_ROOM_ID_BYTES, false)) {
            return Optional.of(ErrorCode.ROOM_INVALID_ROOM_ID);
        }
        return onlyVisibleText(roomId, false) ? Optional.empty() : Optional.of(ErrorCode.ROOM_ROOM_ID_FORBIDDEN_CHARACTER);
    }

    public static Optional<ErrorCode> userId(String userId) {
        if (!boundedText(userId, Limits.MAX_USER_ID_BYTES, false)) {
            return Optional.of(ErrorCode.ROOM_INVALID_USER_ID);
        }
        return onlyVisibleText(userId, false) ? Optional.empty() : Optional.of(ErrorCode.ROOM_USER_ID_FORBIDDEN_CHARACTER);
    }

    /** A user name may be empty, in which case the user ID stands for it. */
    public static Optional<ErrorCode> userName(String userName) {
        if (!boundedText(userName, Limits.MAX_USER_NAME_BYTES, true)) {
            return Optional.of(ErrorCode.ROOM_INVALID_USER_NAME);
        }
        return userName == null || onlyVisibleText(userName, true)
                ? Optional.empty() : Optional.of(ErrorCode.ROOM_USER_NAME_FORBIDDEN_CHARACTER);
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
        boolean keyOk = boundedKey(key, Limits.MAX_ROOM_EXTRA_INFO_KEY_BYTES);
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

    /** Not null, not empty unless allowed, and at most {@code maxBytes} of UTF-8. */
    private static boolean boundedText(String value, int maxBytes, boolean mayBeEmpty) {
        if (value == null || value.isEmpty()) {
            return mayBeEmpty;
        }
        return fitsUtf8(value, maxBytes);
    }

    /** Room extra info keys: bounded, and without control characters. */
    private static boolean boundedKey(String value, int maxBytes) {
        if (!boundedText(value, maxBytes, false)) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} holds no character of the kinds the class comment refuses; names allow joiners and flag tags. */
    private static boolean onlyVisibleText(String text, boolean name) {
        int previous = -1;
        boolean inFlagTags = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (inFlagTags) {
                if (cp == CANCEL_TAG) {
                    inFlagTags = false;
                } else if (cp < FIRST_TAG || cp > LAST_TAG) {
                    return false;
                }
            } else if (name && cp == WAVING_BLACK_FLAG && next < text.length() && isTag(text.codePointAt(next))) {
                inFlagTags = true;
            } else if (name && (cp == ZERO_WIDTH_JOINER || cp == ZERO_WIDTH_NON_JOINER)) {
                if (previous < 0 || next >= text.length() || !joinable(previous) || !joinable(text.codePointAt(next))) {
                    return false;
                }
            } else if (forbidden(cp)) {
                return false;
            }
            previous = cp;
            i = next;
        }
        return !inFlagTags;
    }

    private static boolean forbidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }

    private static boolean isTag(int codePoint) {
        return codePoint >= FIRST_TAG && codePoint <= LAST_TAG;
    }

    /** Letters, marks, digits and symbols: what a joiner may stand between. */
    private static boolean joinable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
