package dev.parley.app.ui;

import java.io.InputStream;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** Puts the Parley icon on a window. Stateless; FX thread. */
final class AppIcon {
    private AppIcon() {
    }

    static void apply(Stage stage) {
        for (String size : new String[] {"256", "64", "32"}) {
            InputStream in = AppIcon.class.getResourceAsStream("parley-" + size + ".png");
            if (in != null) {
                stage.getIcons().add(new Image(in));
            }
        }
    }
}
