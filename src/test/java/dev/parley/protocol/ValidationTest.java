package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {
    /** 2 bytes in UTF-8. */
    private static final String E_ACUTE = "\u00e9";
    /** 3 bytes in UTF-8. */
    private static final String EURO = "\u20ac";
    /** 4 bytes in UTF-8, two UTF-16 chars. */
    private static final String EMOJI = "\uD83D\uDE00";

    private static final Optional<ErrorCode> VALID = Optional.empty();

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Strings of exactly {@code bytes} UTF-8 bytes, built from 1-, 2-, 3- and 4-byte characters. */
    private static String[] stringsOfBytes(int bytes) {
        String[] result = {
                "a".repeat(bytes),
                E_ACUTE.repeat(bytes / 2) + "a".repeat(bytes % 2),
                EURO.repeat(bytes / 3) + "a".repeat(bytes % 3),
                EMOJI.repeat(bytes / 4) + "a".repeat(bytes % 4),
        };
        for (String s : result) {
            assertEquals(bytes, utf8(s), "test data");
        }
        return result;
    }

    /** Control characters: C0, DEL and C1. */
    private static final String[] CONTROLS = {"\u0000", "\u0001", "\t", "\n", "\r", "\u001b", "\u001f", "\u007f", "\u0080",
            "\u0085", "\u009f"};

    @Nested
    class RoomId {
        @Test
        void oneCharacterIsValid() {
            assertEquals(VALID, Validation.roomId("r"));
        }

        @Test
        void exactly128BytesIsValidWhateverTheCharacterWidths() {
            for (String s : stringsOfBytes(Limits.MAX_ROOM_ID_BYTES)) {
                assertEquals(VALID, Validation.roomId(s), () -> "bytes=" + utf8(s) + " chars=" + s.length());
            }
        }

        @Test
        void oneByteOver128IsInvalidWhateverTheCharacterWidths() {
            for (String s : stringsOfBytes(Limits.MAX_ROOM_ID_BYTES + 1)) {
                assertEquals(Optional.of(ErrorCode.ROOM_INVALID_ROOM_ID), Validation.roomId(s),
                        () -> "bytes=" + utf8(s) + " chars=" + s.length());
            }
        }

        @Test
        void multiByteCharactersCountInBytesNotChars() {
            String s = EURO.repeat(43); // 43 chars, 129 bytes
            assertTrue(s.length() <= Limits.MAX_ROOM_ID_BYTES);
            assertEquals(Optional.of(ErrorCode.ROOM_INVALID_ROOM_ID), Validation.roomId(s));
        }

        @Test
        void nullAndEmptyAreInvalid() {
            assertEquals(Optional.of(ErrorCode.ROOM_INVALID_ROOM_ID), Validation.roomId(null));
            assertEquals(Optional.of(ErrorCode.ROOM_INVALID_ROOM_ID), Validation.roomId(""));
        }

        @Test
        void controlCharactersAnywhereAreInvalid() {
            for (String c : CONTROLS) {
                for (String s : new String[] {c, c + "room", "ro" + c + "om", "room" + c}) {
                    assertEquals(Optional.of(ErrorCode.ROOM_ROOM_ID_FORBIDDEN_CHARACTER), Validation.roomId(s),
                            () -> "U+" + Integer.toHexString(c.charAt(0)));
                }
            }
        }

        @Test
        void spacesPunctuationAndNonAsciiLettersAreValid() {
            for (String s : new String[] {"room 1", " ", "r\u00e4um-\u00e9/\u623f\u95f4#1", "\u00a0", EMOJI, "a.b:c@d"}) {
                assertEquals(VALID, Validation.roomId(s), s);
            }
        }
    }

    @Nested
    class UserId {
        @Test
        void exactly64BytesIsValidWhateverTheCharacterWidths() {
            for (String s : stringsOfBytes(Limits.MAX_USER_ID_BYTES)) {
                assertEquals(VALID, Validation.userId(s), () -> "chars=" + s.length());
            }
        }

        @Test
        void oneByteOver64IsInvalidWhateverTheCharacterWidths() {
            for (String s : stringsOfBytes(Limits.MAX_USER_ID_BYTES + 1)) {
                assertEquals(Optional.of(ErrorCode.ROOM_INVALID_USER_ID), Validation.userId(s), () -> "chars=" + s.length());
            }
        }

        @Test
        void multiByteCharactersCountInBytesNotChars() {
            assertEquals(VALID, Validation.userId(EMOJI.repeat(16))); // 32 chars, 64 bytes
            assertEquals(Optional.of(ErrorCode.ROOM_INVALID_USER_ID), Validation.userId(EMOJI.repeat(16) + "a")); // 33 chars, 65 bytes
            assertEquals(Optional.of(ErrorCode.ROOM_INVALID_USER_ID), Validation.userId(E_ACUTE.repeat(33))); // 33 chars, 66 bytes
        }

        @Test
        void nullAndEmptyAreInvalid() {
            assertEquals(Optional.of(ErrorCode.ROOM_INVALID_USER_ID), Validation.userId(null));
            assertEquals(Optional.of(ErrorCode.ROOM_INVALID_USER_ID), Validation.userId(""));
        }

        @Test
        void controlCharactersAreInvalid() {
            for (String c : CONTROLS) {
                assertEquals(Optional.of(ErrorCode.ROOM_USER_ID_FORBIDDEN_CHARACTER), Validation.userId("user" + c + "1"),
                        () -> "U+" + Integer.toHexString(c.charAt(0)));
            }
        }

        @Test
        void ordinaryIdsAreValid() {
            for (String s : new String[] {"u", "alice", "user_42", "J\u00fcrgen", "\u7528\u6237", "a b"}) {
                assertEquals(VALID, Validation.userId(s), s);
            }
        }
    }

    @Nested
    class UserName {
        @Test
        void nullAndEmptyAreValidBecauseTheUserIdStandsIn() {
            assertEquals(VALID, Validation.userName(null));
            assertEquals(VALID, Validation.userName(""));
        }

        @Test
        void exactly256BytesIsValidWhateverTheCharacterWidths() {
            for (String s : stringsOfBytes(Limits.MAX_USER_NAME_BYTES)) {
                assertEquals(VALID, Validation.userName(s), () -> "chars=" + s.length());
            }
        }

        @Test
        void oneByteOver256IsInvalidWhateverTheCharacterWidths() {
            for (String s : stringsOfBytes(Limits.MAX_USER_NAME_BYTES + 1)) {
                assertEquals(Optional.of(ErrorCode.ROOM_INVALID_USER_NAME), Validation.userName(s), () -> "chars=" + s.length());
            }
        }

        @Test
        void multiByteCharactersCountInBytesNotChars() {
            String s = EURO.repeat(86); // 86 chars, 258 bytes
            assertEquals(Optional.of(ErrorCode.ROOM_INVALID_USER_NAME), Validation.userName(s));
        }

        @Test
        void controlCharactersAreInvalid() {
            for (String c : CONTROLS) {
                assertEquals(Optional.of(ErrorCode.ROOM_USER_NAME_FORBIDDEN_CHARACTER), Validation.userName("Ann" + c + "Lee"),
                        () -> "U+" + Integer.toHexString(c.charAt(0)));
            }
        }

        @Test
        void namesWithSpacesAndAccentsAreValid() {
            assertEquals(VALID, Validation.userName("Ana Mar\u00eda O'Neil-\u738b " + EMOJI));
        }
    }

    /**
     * Characters that are not visible text: format characters (invisible, joining or
     * direction-changing), the line and paragraph separators, and broken surrogates.
     */
    private static final String[] INVISIBLE = {
            "\u202e", // right-to-left override
            "\u202d", // left-to-right override
            "\u2066", // left-to-right isolate
            "\u200e", // left-to-right mark
            "\u061c", // Arabic letter mark
            "\u200b", // zero width space
            "\u2060", // word joiner
            "\ufeff", // byte order mark
            "\u00ad", // soft hyphen
            "\u2028", // line separator
            "\u2029", // paragraph separator
            "\ud83d", // lone high surrogate
            "\ude00", // lone low surrogate
            "\ude00\ud83d", // a pair in the wrong order
            new String(Character.toChars(0xE0041)), // a tag character outside a flag
    };

    private static String describe(String s) {
        return s.chars().mapToObj(c -> String.format("U+%04X", c)).toList().toString();
    }

    @Nested
    class InvisibleCharacters {
        @Test
        void roomIdsWithThemAreRefusedWithTheirOwnCode() {
            for (String c : INVISIBLE) {
                for (String s : new String[] {c, c + "room", "ro" + c + "om", "room" + c}) {
                    assertEquals(Optional.of(ErrorCode.ROOM_ROOM_ID_FORBIDDEN_CHARACTER), Validation.roomId(s), () -> describe(s));
                }
            }
        }

        @Test
        void userIdsWithThemAreRefusedWithTheirOwnCode() {
            for (String c : INVISIBLE) {
                for (String s : new String[] {c, c + "alice", "ali" + c + "ce", "alice" + c}) {
                    assertEquals(Optional.of(ErrorCode.ROOM_USER_ID_FORBIDDEN_CHARACTER), Validation.userId(s), () -> describe(s));
                }
            }
        }

        @Test
        void namesWithThemAreRefusedWithTheirOwnCode() {
            for (String c : INVISIBLE) {
                for (String s : new String[] {c, c + "Ann", "An" + c + "n", "Ann" + c}) {
                    assertEquals(Optional.of(ErrorCode.ROOM_USER_NAME_FORBIDDEN_CHARACTER), Validation.userName(s),
                            () -> describe(s));
                }
            }
        }

        @Test
        void streamIdsWithThemAreRefusedByTheirAsciiRule() {
            for (String c : INVISIBLE) {
                assertEquals(Optional.of(ErrorCode.PUBLISHER_INVALID_STREAM_ID), Validation.publishStreamId("cam" + c), () -> describe(c));
                assertEquals(Optional.of(ErrorCode.PLAYER_INVALID_STREAM_ID), Validation.playStreamId(c + "cam"), () -> describe(c));
            }
        }

        @Test
        void lengthIsCheckedFirst() {
            assertEquals(Optional.of(ErrorCode.ROOM_INVALID_USER_ID), Validation.userId("\u200b".repeat(30)));
            assertEquals(Optional.of(ErrorCode.ROOM_INVALID_ROOM_ID), Validation.roomId(""));
        }

        @Test
        void namesKeepEmojiSequencesAndScriptsThatNeedJoiners() {
            String[] names = {
                    "\ud83d\udc69\u200d\ud83d\udcbb", // woman technologist: woman, ZWJ, laptop
                    "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67", // family: man, ZWJ, woman, ZWJ, girl
                    "\ud83d\udc69\ud83c\udffd\u200d\ud83d\udcbb", // with a skin tone modifier before the joiner
                    "\u2764\ufe0f\u200d\ud83d\udd25", // heart on fire: heart, variation selector, ZWJ, fire
                    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", // Persian with a zero width non-joiner
                    "\u0915\u094d\u200d\u0937", // Devanagari ka, virama, ZWJ, ssa
                    "Ann " + new String(Character.toChars(0x1F3F4)) + tags("gbsct") + " Lee", // flag of Scotland
                    "\ud83c\uddfa\ud83c\udde6", // a regional-indicator flag
            };
            for (String name : names) {
                assertEquals(VALID, Validation.userName(name), () -> describe(name));
            }
        }

        @Test
        void joinersAndTagsElsewhereInNamesAreRefused() {
            String flag = new String(Character.toChars(0x1F3F4));
            String[] names = {
                    "\u200dAnn", "Ann\u200d", "Ann \u200d Lee", "An\u200d\u200dn", "Ann\u200c", "A.\u200cB",
                    flag + tags("gbsct").substring(0, 10), // tags without the cancel tag
                    flag + new String(Character.toChars(0xE0067)) + "x" + new String(Character.toChars(0xE007F)),
                    "Ann" + tags("gb"), // tags with no flag before them
            };
            for (String name : names) {
                assertEquals(Optional.of(ErrorCode.ROOM_USER_NAME_FORBIDDEN_CHARACTER), Validation.userName(name),
                        () -> describe(name));
            }
        }

        @Test
        void idsAllowNoJoinersAtAll() {
            String technologist = "\ud83d\udc69\u200d\ud83d\udcbb";
            assertEquals(Optional.of(ErrorCode.ROOM_USER_ID_FORBIDDEN_CHARACTER), Validation.userId(technologist));
            assertEquals(Optional.of(ErrorCode.ROOM_ROOM_ID_FORBIDDEN_CHARACTER), Validation.roomId("a\u200cb"));
            assertEquals(VALID, Validation.userId("\ud83d\udc69\ud83d\udcbb"));
        }

        /** The tag characters spelling {@code letters}, then the cancel tag. */
        private static String tags(String letters) {
            StringBuilder out = new StringBuilder();
            letters.chars().forEach(c -> out.appendCodePoint(0xE0000 + c));
            return out.appendCodePoint(0xE007F).toString();
        }
    }

    @Nested
    class Nfc {
        @Test
        void composedAndDecomposedSpellingsBecomeOne() {
            assertEquals("jos\u00e9", Normalization.nfc("jose\u0301"));
            assertEquals("jos\u00e9", Normalization.nfc("jos\u00e9"));
            assertEquals("\uac00", Normalization.nfc("\u1100\u1161")); // Hangul jamo to one syllable
            assertEquals(new UserInfo("jos\u00e9", "Jos\u00e9"), Normalization.nfc(new UserInfo("jose\u0301", "Jose\u0301")));
        }

        @Test
        void nullStaysNullAndBrokenTextIsKeptForTheValidationToRefuse() {
            assertEquals(null, Normalization.nfc((String) null));
            assertEquals(null, Normalization.nfc((UserInfo) null));
            assertEquals("a\ud800b", Normalization.nfc("a\ud800b"));
            assertEquals(Optional.of(ErrorCode.ROOM_USER_ID_FORBIDDEN_CHARACTER), Validation.userId(Normalization.nfc("a\ud800b")));
        }

        @Test
        void theLimitCountsTheNfcForm() {
            String decomposed = "e\u0301".repeat(32); // 96 bytes as sent, 64 bytes in NFC
            assertEquals(Optional.of(ErrorCode.ROOM_INVALID_USER_ID), Validation.userId(decomposed));
            assertEquals(VALID, Validation.userId(Normalization.nfc(decomposed)));
        }
    }

    @Nested
    class StreamId {
        private static final String ALL_ALLOWED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

        @Test
        void everyAllowedCharacterIsValid() {
            assertTrue(Validation.isValidStreamId(ALL_ALLOWED));
            for (char c : ALL_ALLOWED.toCharArray()) {
                assertTrue(Validation.isValidStreamId(String.valueOf(c)), String.valueOf(c));
            }
        }

        @ParameterizedTest(name = "U+{0}")
        @ValueSource(ints = {' ', '!', '"', '#', '$', '%', '&', '\'', '(', ')', '*', '+', ',', '.', '/', ':', ';', '<', '=',
                '>', '?', '@', '[', '\\', ']', '^', '`', '{', '|', '}', '~', 0, '\t', '\n', 0x7f, 0xa0, 0xe9, 0xdf,
                0x0660 /* Arabic-Indic zero */, 0xff10 /* fullwidth zero */, 0xff21 /* fullwidth A */, 0x0391 /* Greek Alpha */,
                0x1F600 /* emoji */})
        void everyOtherCharacterIsInvalid(int codePoint) {
            String c = new String(Character.toChars(codePoint));
            assertFalse(Validation.isValidStreamId(c));
            assertFalse(Validation.isValidStreamId("stream" + c + "1"));
            assertFalse(Validation.isValidStreamId("stream1" + c));
            assertEquals(Optional.of(ErrorCode.PUBLISHER_INVALID_STREAM_ID), Validation.publishStreamId("s" + c));
            assertEquals(Optional.of(ErrorCode.PLAYER_INVALID_STREAM_ID), Validation.playStreamId("s" + c));
        }

        @Test
        void exactly256CharactersIsValid() {
            String s = "s".repeat(Limits.MAX_STREAM_ID_CHARS);
            assertTrue(Validation.isValidStreamId(s));
            assertEquals(VALID, Validation.publishStreamId(s));
            assertEquals(VALID, Validation.playStreamId(s));
        }

        @Test
        void characters257IsInvalid() {
            String s = "s".repeat(Limits.MAX_STREAM_ID_CHARS + 1);
            assertFalse(Validation.isValidStreamId(s));
            assertEquals(Optional.of(ErrorCode.PUBLISHER_INVALID_STREAM_ID), Validation.publishStreamId(s));
            assertEquals(Optional.of(ErrorCode.PLAYER_INVALID_STREAM_ID), Validation.playStreamId(s));
        }

        @Test
        void nullAndEmptyAreInvalid() {
            assertFalse(Validation.isValidStreamId(null));
            assertFalse(Validation.isValidStreamId(""));
            assertEquals(Optional.of(ErrorCode.PUBLISHER_INVALID_STREAM_ID), Validation.publishStreamId(null));
            assertEquals(Optional.of(ErrorCode.PUBLISHER_INVALID_STREAM_ID), Validation.publishStreamId(""));
            assertEquals(Optional.of(ErrorCode.PLAYER_INVALID_STREAM_ID), Validation.playStreamId(null));
            assertEquals(Optional.of(ErrorCode.PLAYER_INVALID_STREAM_ID), Validation.playStreamId(""));
        }

        @Test
        void publisherAndPlayerGetTheirOwnCodeForTheSameInput() {
            assertEquals(Optional.of(ErrorCode.PUBLISHER_INVALID_STREAM_ID), Validation.publishStreamId("a b"));
            assertEquals(Optional.of(ErrorCode.PLAYER_INVALID_STREAM_ID), Validation.playStreamId("a b"));
            assertEquals(VALID, Validation.publishStreamId("room1_alice-main"));
            assertEquals(VALID, Validation.playStreamId("room1_alice-main"));
        }
    }

    @Nested
    class StreamExtraInfo {
        @Test
        void nullAndEmptyAreValid() {
            assertEquals(VALID, Validation.streamExtraInfo(null));
            assertEquals(VALID, Validation.streamExtraInfo(""));
        }

        @Test
        void exactly1KiBIsValidWhateverTheCharacterWidths() {
            for (String s : stringsOfBytes(Limits.MAX_EXTRA_INFO_BYTES)) {
                assertEquals(VALID, Validation.streamExtraInfo(s), () -> "chars=" + s.length());
            }
        }

        @Test
        void oneByteOver1KiBIsTooLongWhateverTheCharacterWidths() {
            for (String s : stringsOfBytes(Limits.MAX_EXTRA_INFO_BYTES + 1)) {
                assertEquals(Optional.of(ErrorCode.PUBLISHER_EXTRA_INFO_TOO_LONG), Validation.streamExtraInfo(s),
                        () -> "chars=" + s.length());
            }
        }

        @Test
        void multiByteCharactersCountInBytesNotChars() {
            String s = EURO.repeat(342); // 342 chars, 1026 bytes
            assertEquals(Optional.of(ErrorCode.PUBLISHER_EXTRA_INFO_TOO_LONG), Validation.streamExtraInfo(s));
        }

        @Test
        void freeTextWithNewlinesAndTabsIsValid() {
            assertEquals(VALID, Validation.streamExtraInfo("{\n\t\"mic\": true\n}"));
        }
    }

    @Nested
    class RoomExtraInfo {
        @Test
        void ordinaryKeyAndValueAreValid() {
            assertEquals(VALID, Validation.roomExtraInfo("topic", "Weekly sync"));
        }

        @Test
        void emptyValueIsValidButNullValueIsNot() {
            assertEquals(VALID, Validation.roomExtraInfo("topic", ""));
            assertEquals(Optional.of(ErrorCode.ROOM_EXTRA_INFO_INVALID), Validation.roomExtraInfo("topic", null));
        }

        @Test
        void nullOrEmptyKeyIsInvalid() {
            assertEquals(Optional.of(ErrorCode.ROOM_EXTRA_INFO_INVALID), Validation.roomExtraInfo(null, "v"));
            assertEquals(Optional.of(ErrorCode.ROOM_EXTRA_INFO_INVALID), Validation.roomExtraInfo("", "v"));
        }

        @Test
        void keyOfExactly128BytesIsValidAndOneMoreIsNot() {
            for (String key : stringsOfBytes(Limits.MAX_ROOM_EXTRA_INFO_KEY_BYTES)) {
                assertEquals(VALID, Validation.roomExtraInfo(key, "v"), () -> "chars=" + key.length());
            }
            for (String key : stringsOfBytes(Limits.MAX_ROOM_EXTRA_INFO_KEY_BYTES + 1)) {
                assertEquals(Optional.of(ErrorCode.ROOM_EXTRA_INFO_INVALID), Validation.roomExtraInfo(key, "v"),
                        () -> "chars=" + key.length());
            }
        }

        @Test
        void keyWithControlCharactersIsInvalid() {
            for (String c : CONTROLS) {
                assertEquals(Optional.of(ErrorCode.ROOM_EXTRA_INFO_INVALID), Validation.roomExtraInfo("to" + c + "pic", "v"),
                        () -> "U+" + Integer.toHexString(c.charAt(0)));
            }
        }

        @Test
        void valueOfExactly1KiBIsValidAndOneMoreIsNot() {
            for (String value : stringsOfBytes(Limits.MAX_EXTRA_INFO_BYTES)) {
                assertEquals(VALID, Validation.roomExtraInfo("k", value), () -> "chars=" + value.length());
            }
            for (String value : stringsOfBytes(Limits.MAX_EXTRA_INFO_BYTES + 1)) {
                assertEquals(Optional.of(ErrorCode.ROOM_EXTRA_INFO_INVALID), Validation.roomExtraInfo("k", value),
                        () -> "chars=" + value.length());
            }
        }

        @Test
        void valueMayHoldNewlines() {
            assertEquals(VALID, Validation.roomExtraInfo("agenda", "1. intro\n2. demo"));
        }
    }

    @Nested
    class Message {
        @Test
        void nullAndEmptyAreEmpty() {
            assertEquals(Optional.of(ErrorCode.MESSAGE_EMPTY), Validation.message(null));
            assertEquals(Optional.of(ErrorCode.MESSAGE_EMPTY), Validation.message(""));
        }

        @Test
        void oneCharacterAndWhitespaceAreValid() {
            assertEquals(VALID, Validation.message("x"));
            assertEquals(VALID, Validation.message(" "));
            assertEquals(VALID, Validation.message("line 1\nline 2"));
        }

        @Test
        void exactly1KiBIsValidWhateverTheCharacterWidths() {
            for (String s : stringsOfBytes(Limits.MAX_MESSAGE_BYTES)) {
                assertEquals(VALID, Validation.message(s), () -> "chars=" + s.length());
            }
        }

        @Test
        void oneByteOver1KiBIsTooLongWhateverTheCharacterWidths() {
            for (String s : stringsOfBytes(Limits.MAX_MESSAGE_BYTES + 1)) {
                assertEquals(Optional.of(ErrorCode.MESSAGE_TOO_LONG), Validation.message(s), () -> "chars=" + s.length());
            }
        }

        @Test
        void multiByteCharactersCountInBytesNotChars() {
            assertEquals(VALID, Validation.message(E_ACUTE.repeat(512))); // 512 chars, 1024 bytes
            assertEquals(Optional.of(ErrorCode.MESSAGE_TOO_LONG), Validation.message(E_ACUTE.repeat(513))); // 513 chars, 1026 bytes
            assertEquals(Optional.of(ErrorCode.MESSAGE_TOO_LONG), Validation.message(EMOJI.repeat(257))); // 514 chars, 1028 bytes
        }
    }

    @Nested
    class FitsUtf8 {
        @Test
        void emptyFitsAnyLimitIncludingZero() {
            assertTrue(Validation.fitsUtf8("", 0));
            assertFalse(Validation.fitsUtf8("a", 0));
        }

        @Test
        void boundaryForEachCharacterWidth() {
            for (int max : new int[] {1, 2, 3, 4, 5, 12, 64, 1024}) {
                for (String s : stringsOfBytes(max)) {
                    assertTrue(Validation.fitsUtf8(s, max), () -> max + " bytes, chars=" + s.length());
                    assertFalse(Validation.fitsUtf8(s, max - 1), () -> max + " bytes, chars=" + s.length());
                }
            }
        }

        @Test
        void agreesWithEncodingOnMixedText() {
            String[] parts = {"a", E_ACUTE, EURO, EMOJI};
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 600; i++) {
                sb.append(parts[(i * 7 + i / 3) % parts.length]);
                String s = sb.toString();
                int bytes = utf8(s);
                assertTrue(Validation.fitsUtf8(s, bytes), s.length() + " chars");
                assertFalse(Validation.fitsUtf8(s, bytes - 1), s.length() + " chars");
            }
        }

        @Test
        void aStringLongerInCharsThanTheLimitNeverFits() {
            assertFalse(Validation.fitsUtf8("a".repeat(1025), 1024));
        }
    }
}
