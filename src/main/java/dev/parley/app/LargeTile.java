package dev.parley.app;

import dev.parley.engine.PublishChannel;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Which played stream the window shows in its large tile once there are
 * {@link #SPEAKER_LAYOUT_AT_LEAST} tiles or more: a shared screen while one is played, else the
 * current speaker ({@link SoundLevels#currentSpeakerProperty()}); with no current speaker, whoever
 * held it last while their stream plays, and the first stream played when nobody has yet.
 *
 * <p>Threading: FX thread only; needs no running toolkit. Lifecycle: one per session.
 */
public final class LargeTile {
    /** From this many tiles on, the window shows one large tile and the others small. */
    public static final int SPEAKER_LAYOUT_AT_LEAST = 3;

    private final ObservableList<RemoteStream> playing;
    private final ObservableValue<RemoteStream> speaker;
    private final ReadOnlyObjectWrapper<RemoteStream> holder = new ReadOnlyObjectWrapper<>(this, "holder");

    LargeTile(ObservableList<RemoteStream> playing, ObservableValue<RemoteStream> speaker) {
        this.playing = playing;
        this.speaker = speaker;
        playing.addListener((ListChangeListener<RemoteStream>) c -> update());
        speaker.addListener((obs, old, now) -> update());
        update();
    }

    /** The stream in the large tile, or null when nothing plays; see the class comment. */
    public ReadOnlyObjectProperty<RemoteStream> holderProperty() {
        return holder.getReadOnlyProperty();
    }

    private void update() {
        holder.set(choose(playing, speaker.getValue(), holder.get()));
    }

    /** The large tile's stream among {@code playing}, given the current speaker and the last holder (either may be null). */
    static RemoteStream choose(List<RemoteStream> playing, RemoteStream speaker, RemoteStream last) {
        for (RemoteStream s : playing) {
            if (s.stream().channel() == PublishChannel.AUX) {
                return s;
            }
        }
        if (speaker != null && playing.contains(speaker)) {
            return speaker;
        }
        if (last != null && playing.contains(last)) {
            return last;
        }
        return playing.isEmpty() ? null : playing.get(0);
    }
}
