package dev.parley.app.ui;

import dev.parley.app.video.FrameRenderer;
import dev.parley.app.video.VideoSurface;
import dev.parley.engine.QualityLevel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * One video tile: the frames of a stream or the local preview, with overlays for the user's name,
 * microphone and camera state, a quality dot, and a banner while video is paused or the call is
 * reconnecting. While the camera is off, the user's initials replace the video. While its user
 * speaks the pane has the style class {@code speaking} (a ring around it).
 *
 * <p>Threading: FX thread only. Lifecycle: {@link #attach} a renderer; the owner closes it.
 */
public final class VideoPane extends StackPane {
    private final VideoSurface surface = new VideoSurface();
    private final Label name = new Label();
    private final Label micOff = new Label("MIC OFF");
    private final Label cameraOffTag = new Label("CAM OFF");
    private final Label quality = new Label("\u25CF");
    private final Label banner = new Label();
    private final Label placeholder = new Label();
    private final BooleanProperty microphoneOn = new SimpleBooleanProperty(this, "microphoneOn", true);
    private final BooleanProperty cameraOn = new SimpleBooleanProperty(this, "cameraOn", true);
    private final ObjectProperty<QualityLevel> qualityLevel = new SimpleObjectProperty<>(this, "qualityLevel");
    private final ObjectProperty<String> bannerText = new SimpleObjectProperty<>(this, "bannerText");
    private final BooleanProperty speaking = new SimpleBooleanProperty(this, "speaking");
    private final Label soundOff = new Label("SOUND OFF");
    private final BooleanProperty soundMuted = new SimpleBooleanProperty(this, "soundMuted");

    public VideoPane() {
        getStyleClass().add("video-pane");
        name.getStyleClass().add("video-name");
        micOff.getStyleClass().addAll("video-tag", "mic-off");
        cameraOffTag.getStyleClass().addAll("video-tag", "camera-off");
        quality.getStyleClass().add("quality-dot");
        banner.getStyleClass().add("video-banner");
        placeholder.getStyleClass().add("video-placeholder");

        soundOff.getStyleClass().addAll("video-tag", "sound-off");
        soundOff.visibleProperty().bind(soundMuted);
        soundOff.managedProperty().bind(soundOff.visibleProperty());
        speaking.addListener((obs, was, now) -> {
            if (now) {
                getStyleClass().add("speaking");
            } else {
                getStyleClass().removeAll("speaking");
            }
        });
        HBox footer = new HBox(6, quality, name, micOff, cameraOffTag, soundOff);
        footer.getStyleClass().add("video-footer");
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setMaxHeight(Region.USE_PREF_SIZE);
        footer.setMaxWidth(Region.USE_PREF_SIZE);
        StackPane.setAlignment(footer, Pos.BOTTOM_LEFT);
        StackPane.setAlignment(banner, Pos.TOP_CENTER);

        micOff.visibleProperty().bind(microphoneOn.not());
        micOff.managedProperty().bind(micOff.visibleProperty());
        cameraOffTag.visibleProperty().bind(cameraOn.not());
        cameraOffTag.managedProperty().bind(cameraOffTag.visibleProperty());
        // camera off: the user's initials instead of the last frame, here and on the other side
        placeholder.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> initials(name.getText()), name.textProperty()));
        placeholder.visibleProperty().bind(cameraOn.not());
        surface.visibleProperty().bind(cameraOn);
        banner.textProperty().bind(bannerText);
        banner.visibleProperty().bind(bannerText.isNotNull());
        quality.visibleProperty().bind(qualityLevel.isNotNull());
        quality.managedProperty().bind(quality.visibleProperty());
        qualityLevel.addListener((obs, old, level) -> {
            quality.getStyleClass().removeIf(c -> c.startsWith("quality-") && !c.equals("quality-dot"));
            if (level != null) {
                quality.getStyleClass().add("quality-" + level.name().toLowerCase(java.util.Locale.ROOT));
            }
        });
        getChildren().addAll(surface, placeholder, footer, banner);
        setMinSize(0, 0);
    }

    /**
     * Up to two initials of a display name, ignoring a trailing remark in parentheses:
     * "Alice (you)" gives "A", "Bob Stone" "BS", "carol-2" "C".
     */
    static String initials(String displayName) {
        if (displayName == null) {
            return "";
        }
        String name = displayName.replaceAll("\\s*\\([^)]*\\)\\s*$", "").strip();
        StringBuilder letters = new StringBuilder();
        for (String word : name.split("[\\s._-]+")) {
            if (!word.isEmpty() && Character.isLetter(word.codePointAt(0)) && letters.codePointCount(0, letters.length()) < 2) {
                letters.appendCodePoint(Character.toUpperCase(word.codePointAt(0)));
            }
        }
        if (letters.length() == 0 && !name.isEmpty()) {
            letters.appendCodePoint(name.codePointAt(0));
        }
        return letters.toString();
    }

    /** The initials shown while the camera is off. */
    public String placeholderText() {
        return placeholder.getText();
    }

    /** Whether the camera-off placeholder shows instead of the video. */
    public boolean showsPlaceholder() {
        return placeholder.isVisible() && !surface.isVisible();
    }

    public void attach(FrameRenderer renderer) {
        surface.attach(renderer);
    }

    public VideoSurface surface() {
        return surface;
    }

    public StringProperty nameProperty() {
        return name.textProperty();
    }

    public BooleanProperty microphoneOnProperty() {
        return microphoneOn;
    }

    public BooleanProperty cameraOnProperty() {
        return cameraOn;
    }

    public ObjectProperty<QualityLevel> qualityLevelProperty() {
        return qualityLevel;
    }

    /** Whether the pane's user is speaking: the pane then has the style class {@code speaking}. */
    public BooleanProperty speakingProperty() {
        return speaking;
    }

    /** Whether this pane's sound is off here (its play muted or at volume 0): a "SOUND OFF" tag. */
    public BooleanProperty soundMutedProperty() {
        return soundMuted;
    }

    /** Text of the banner across the top of the pane, such as "Video paused"; null hides it. */
    public ObjectProperty<String> bannerTextProperty() {
        return bannerText;
    }
}
