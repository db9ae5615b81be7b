package dev.parley.app;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.parley.app.video.FrameRenderer;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.Stream;
import dev.parley.engine.User;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** Who holds the large tile: a screen, else the current speaker, else the last holder, else the first stream. No toolkit. */
class LargeTileTest {
    private final RemoteStream ann = stream("ann", PublishChannel.MAIN);
    private final RemoteStream ben = stream("ben", PublishChannel.MAIN);
    private final RemoteStream cid = stream("cid", PublishChannel.MAIN);
    private final ObservableList<RemoteStream> playing = FXCollections.observableArrayList();
    private final SimpleObjectProperty<RemoteStream> speaker = new SimpleObjectProperty<>();
    private final LargeTile tile = new LargeTile(playing, speaker);

    private static RemoteStream stream(String id, PublishChannel channel) {
        return new RemoteStream(new Stream(new User(id), id + "_" + channel, "", channel), new FrameRenderer(Runnable::run));
    }

    private RemoteStream holder() {
        return tile.holderProperty().get();
    }

    @Test
    void theSpeakerTakesTheLargeTileAndKeepsItThroughSilence() {
        assertNull(holder(), "nothing plays");
        playing.setAll(ann, ben, cid);
        assertSame(ann, holder(), "before anyone speaks, the first stream");
        speaker.set(cid);
        assertSame(cid, holder());
        speaker.set(null);
        assertSame(cid, holder(), "no current speaker: the last holder stays");
        speaker.set(ben);
        assertSame(ben, holder());
        playing.remove(ben);
        speaker.set(null);
        assertSame(ann, holder(), "the holder's stream stopped: the first stream");
    }

    @Test
    void aSharedScreenKeepsTheLargeTileOverTheSpeaker() {
        RemoteStream screen = stream("ann", PublishChannel.AUX);
        playing.setAll(ann, ben, screen);
        speaker.set(ben);
        assertSame(screen, holder());
        playing.remove(screen);
        assertSame(ben, holder(), "the screen stops: the speaker");
    }
}
