package dev.parley.app;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Fx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * Names in other scripts and with emoji draw real glyphs in the window's font, not the box that
 * stands for a missing one: the fonts that scripts/setup-linux.sh installs (and the deb depends
 * on) cover them, in a form JavaFX can draw.
 */
class NameGlyphsTest {
    /** A code point no font has (the last of plane 16's private use area): it draws the box. */
    private static final String MISSING = new String(Character.toChars(0x10FFFD));

    @BeforeAll
    static void startFx() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** The pixels of {@code text} in the window's default font at 28 px, black on white. */
    private static int[] draw(String text) {
        return Fx.call(() -> {
            Text node = new Text(text);
            node.setFont(Font.font(28));
            new Scene(new Group(node));
            SnapshotParameters parameters = new SnapshotParameters();
            parameters.setFill(Color.WHITE);
            WritableImage image = node.snapshot(parameters, null);
            int width = (int) image.getWidth();
            int height = (int) image.getHeight();
            int[] pixels = new int[width * height + 2];
            image.getPixelReader().getPixels(0, 0, width, height, javafx.scene.image.PixelFormat.getIntArgbInstance(),
                    pixels, 2, width);
            pixels[0] = width;
            pixels[1] = height;
            return pixels;
        });
    }

    private static long ink(int[] pixels) {
        return Arrays.stream(pixels, 2, pixels.length).filter(p -> (p & 0xffffff) != 0xffffff).count();
    }

    @Test
    void aNameInAnyScriptOrWithEmojiDrawsItsGlyphs() {
        int[] box = draw(MISSING);
        assertTrue(ink(box) > 0, "the missing-glyph box is drawn, so it can be told apart");
        List<String> missing = new ArrayList<>();
        // "José 李 🙂", and a letter of each of the scripts most names are written in
        for (String glyph : List.of("é", "李", "日", "ひ", "カ", "한", "Ж", "Ω", "م", "ש", "न", "ท", "🙂", "😀", "👍", "❤")) {
            int[] drawn = draw(glyph);
            if (Arrays.equals(drawn, box) || ink(drawn) == 0) {
                missing.add(glyph + " (U+" + Integer.toHexString(glyph.codePointAt(0)).toUpperCase() + ")");
            }
        }
        assertTrue(missing.isEmpty(), "drawn as the missing-glyph box or not at all: " + missing
                + "; run scripts/setup-linux.sh to install the fonts");
        assertNotEquals(0, ink(draw("José 李 🙂")));
    }
}
