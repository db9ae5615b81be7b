package dev.parley.protocol;

import java.text.Normalizer;

/**
 * The one spelling of room IDs, user IDs and user names: Unicode NFC. "jos&eacute;" typed as one
 * character (U+00E9) or as "e" plus a combining acute accent (U+0301) is one user. The server
 * normalises every ID it receives before it checks, looks up or stores it, and the engine
 * normalises the IDs an app passes, so both ends only ever see the NFC form.
 *
 * <p>Stateless and thread-safe.
 */
public final class Normalization {
    private Normalization() {
    }

    /** {@code text} in NFC; null stays null. Characters that are refused anyway (such as a lone surrogate) are kept. */
    public static String nfc(String text) {
        if (text == null || Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
            return text;
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** The user with its ID and name in NFC; null stays null. */
    public static UserInfo nfc(UserInfo user) {
        return user == null ? null : new UserInfo(nfc(user.userId()), nfc(user.userName()));
    }
}
