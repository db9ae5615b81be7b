package dev.parley.app;

import dev.parley.app.video.FrameRenderer;
import dev.parley.engine.Canvas;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayerConfig;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.Stream;
import dev.parley.engine.User;
import dev.parley.engine.VideoStreamType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The room as the session shows it: the other users (and everyone, this user first), their
 * streams, and the streams being played with their renderers. FX thread only; lives as long as the session.
 */
final class RoomLists {
    private final ObservableList<User> users = FXCollections.observableArrayList();
    private final ObservableList<Stream> streams = FXCollections.observableArrayList();
    private final ObservableList<RemoteStream> playing = FXCollections.observableArrayList();
    private final ObservableList<User> participants = FXCollections.observableArrayList();
    private final ObservableList<User> participantsView = FXCollections.unmodifiableObservableList(participants);
    private User self;
    private final ObservableList<User> usersView = FXCollections.unmodifiableObservableList(users);
    private final ObservableList<Stream> streamsView = FXCollections.unmodifiableObservableList(streams);
    private final ObservableList<RemoteStream> playingView = FXCollections.unmodifiableObservableList(playing);
    private final Map<String, RemoteStream> playingById = new LinkedHashMap<>();
    /** The simulcast layer asked for each played stream ({@link TileLayers}). */
    private final Map<String, VideoStreamType> layers = new LinkedHashMap<>();
    private final PlayControls controls;
    /** The stream in the large tile, or null. */
    private RemoteStream large;

    RoomLists(PlayControls controls) {
        this.controls = controls;
    }

    void addUsers(List<User> added) {
        for (User u : added) {
            users.removeIf(existing -> existing.userID().equals(u.userID()));
            users.add(u);
        }
        updateParticipants();
    }

    void removeUsers(List<User> removed) {
        for (User u : removed) {
            users.removeIf(existing -> existing.userID().equals(u.userID()));
        }
        updateParticipants();
    }

    /** This user, listed first among the participants while in the room; null when not. */
    void self(User value) {
        self = value;
        updateParticipants();
    }

    private void updateParticipants() {
        List<User> everyone = new java.util.ArrayList<>();
        if (self != null) {
            everyone.add(self);
        }
        everyone.addAll(users);
        if (!everyone.equals(participants)) {
            participants.setAll(everyone);
        }
    }

    void addStream(Stream s) {
        streams.removeIf(existing -> existing.streamID().equals(s.streamID()));
        streams.add(s);
    }

    void removeStream(Stream s) {
        streams.removeIf(existing -> existing.streamID().equals(s.streamID()));
    }

    /** Plays every stream in the room that is not played yet. */
    void playAll(ParleyEngine engine, Executor fx) {
        for (Stream s : List.copyOf(streams)) {
            play(engine, s, fx);
        }
    }

    void play(ParleyEngine engine, Stream s, Executor fx) {
        if (playingById.containsKey(s.streamID())) {
            return;
        }
        RemoteStream remote = new RemoteStream(s, new FrameRenderer(fx));
        controls.show(remote);
        playingById.put(s.streamID(), remote);
        playing.add(remote);
        VideoStreamType layer = TileLayers.layerFor(s, cameraTiles(), remote == large);
        layers.put(s.streamID(), layer);
        engine.startPlayingStream(s.streamID(), new Canvas(remote.renderer()), new PlayerConfig(layer));
        updateLayers(engine);
    }

    private int cameraTiles() {
        return (int) playingById.values().stream().filter(r -> r.stream().channel() == PublishChannel.MAIN).count();
    }

    /**
     * Another stream holds the large tile ({@link LargeTile}): its layer and the last holder's
     * follow, when {@code engine} is there.
     */
    void largeTile(RemoteStream holder, ParleyEngine engine) {
        large = holder;
        if (engine != null) {
            updateLayers(engine);
        }
    }

    /** Tiles grew or shrank: streams whose layer no longer fits their tile switch. */
    private void updateLayers(ParleyEngine engine) {
        int tiles = cameraTiles();
        for (RemoteStream remote : playingById.values()) {
            if (!layers.containsKey(remote.stream().streamID())) {
                continue; // not asked for yet: play() chooses its first layer
            }
            VideoStreamType wanted = TileLayers.layerFor(remote.stream(), tiles, remote == large);
            if (layers.put(remote.stream().streamID(), wanted) != wanted) {
                engine.setPlayStreamVideoType(remote.stream().streamID(), wanted);
            }
        }
    }

    /** Stops playing {@code streamID}; {@code engine} may be null when it is already gone. */
    void stop(ParleyEngine engine, String streamID) {
        RemoteStream remote = playingById.remove(streamID);
        if (remote == null) {
            return;
        }
        layers.remove(streamID);
        if (engine != null) {
            engine.stopPlayingStream(streamID);
            updateLayers(engine);
        }
        remote.close();
        playing.remove(remote);
    }

    /** Stops every player and forgets the room. */
    void clear(ParleyEngine engine) {
        for (String streamID : List.copyOf(playingById.keySet())) {
            stop(engine, streamID);
        }
        users.clear();
        streams.clear();
        self(null);
    }

    RemoteStream playing(String streamID) {
        return playingById.get(streamID);
    }

    ObservableList<User> users() {
        return usersView;
    }

    /** This user first, then the others. */
    ObservableList<User> participants() {
        return participantsView;
    }

    ObservableList<Stream> streams() {
        return streamsView;
    }

    ObservableList<RemoteStream> playing() {
        return playingView;
    }
}
