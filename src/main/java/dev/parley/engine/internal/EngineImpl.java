package dev.parley.engine.internal;

import static dev.parley.engine.internal.Arguments.notNull;
import static dev.parley.engine.internal.Arguments.valid;

import dev.parley.engine.BroadcastMessageCallback;
import dev.parley.engine.Canvas;
import dev.parley.engine.DeviceInfo;
import dev.parley.engine.EngineProfile;
import dev.parley.engine.EventHandler;
import dev.parley.engine.LoginCallback;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayerConfig;
import dev.parley.engine.PlayerState;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.PublisherState;
import dev.parley.engine.ResultCallback;
import dev.parley.engine.RoomConfig;
import dev.parley.engine.RoomUsersCallback;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.User;
import dev.parley.engine.VideoConfig;
import dev.parley.engine.VideoStreamType;
import dev.parley.engine.internal.core.CallbackDispatcher;
import dev.parley.engine.internal.core.EngineThreads;
import dev.parley.engine.internal.media.LocalMedia;
import dev.parley.engine.internal.room.RoomServices;
import dev.parley.engine.internal.room.RoomSession;
import dev.parley.engine.internal.room.RoomUsersLookup;
import dev.parley.engine.internal.signaling.RequestIds;
import dev.parley.engine.internal.signaling.ServerConnection;
import dev.parley.engine.internal.signaling.WebSocketConnector;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.PlayLayer;
import dev.parley.protocol.Normalization;
import dev.parley.protocol.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: checks arguments on the caller's thread, then does all room work on its loop and
 * hands media work to its media. It owns the engine's threads, callback dispatcher, media and the
 * current room session, and puts them together at creation (see docs/architecture.md).
 *
 * <p>Thread-safe. See {@link ParleyEngine} for the lifecycle. Found by {@link ParleyEngine#createEngine}
 * through its class name and its (profile, handler) constructor.
 */
final class EngineImpl extends ParleyEngine {
    private static final Logger LOG = LoggerFactory.getLogger(EngineImpl.class);

    /** Identifies one loginRoom call, so that a session ending late cannot clear a newer login. */
    private record Ticket(String roomId) { }

    private final EngineProfile profile;
    private final EngineThreads threads;
    private final CallbackDispatcher callbacks;
    private final LocalMedia media;
    private final RoomServices rooms;
    private final AtomicBoolean destroyed = new AtomicBoolean();
    private final AtomicReference<Ticket> current = new AtomicReference<>();
    private final AtomicReference<Runnable> destroyCallback = new AtomicReference<>();
    /** Engine loop: the current room session, or null. */
    private RoomSession room;
    private Ticket roomTicket;
    /** Engine loop: sessions whose logout has not yet handed back its connection. */
    private int leaving;
    /** Engine loop: connections handed back by logouts that may still be closing; destroy waits for them. */
    private final List<ServerConnection> closing = new ArrayList<>();
    /** Engine loop: the end of destroy, waiting for the sessions still leaving. */
    private Runnable whenLeft;
    /** Engine loop: room-users lookups under way. */
    private final Set<RoomUsersLookup> lookups = new HashSet<>();

    EngineImpl(EngineProfile profile, EventHandler handler) {
        this.profile = profile;
        this.threads = new EngineThreads(profile.callbackExecutor());
        Executor executor = profile.callbackExecutor() != null ? profile.callbackExecutor() : threads.callbackThread();
        this.callbacks = new CallbackDispatcher(executor, handler);
        this.media = new LocalMedia(threads.engineNumber(), VideoConfig.preset(profile.scenario()), profile.audioDevices(),
                profile.iceTransportPolicy(), threads.loop(), callbacks);
        WebSocketConnector connector = new WebSocketConnector(profile.sslContext(),
                (int) profile.requestTimeout().toMillis(), threads.loop());
        this.rooms = new RoomServices(profile, threads.loop(), callbacks, connector, new RequestIds(), media);
        LOG.info("engine {} created for app {} on {}", threads.engineNumber(), profile.appID(), profile.serverUrls());
    }

    /** A room session ended by itself or by logout; the engine may log in again. Engine loop. */
    private void sessionEnded(RoomSession session) {
        if (room == session) {
            room = null;
            current.compareAndSet(roomTicket, null);
            roomTicket = null;
        }
    }

    @Override
    public void setEventHandler(EventHandler handler) {
        checkAlive();
        callbacks.handler(handler);
    }

    @Override
    public void loginRoom(String roomID, User given, RoomConfig config, LoginCallback callback) {
        checkAlive();
        String roomId = room(roomID);
        notNull(given, "user");
        User user = new User(Normalization.nfc(given.userID()), Normalization.nfc(given.userName()));
        valid(Validation.userId(user.userID()), "userID", given.userID());
        valid(Validation.userName(user.userName()), "userName", given.userName());
        RoomConfig effective = config == null ? RoomConfig.defaults() : config;
        if (effective.token() == null && profile.appSign() == null) {
            throw new IllegalArgumentException("no credentials: give the profile an appSign or the RoomConfig a token");
        }
        Ticket ticket = new Ticket(roomId);
        if (!current.compareAndSet(null, ticket)) {
            throw new IllegalStateException("already in room " + current.get().roomId() + "; call logoutRoom first");
        }
        post(() -> {
            if (destroyed.get()) {
                if (callback != null) {
                    callbacks.run(() -> callback.onLoginResult(ErrorCode.ENGINE_DESTROYED.code(), "{}"));
                }
                return;
            }
            room = new RoomSession(rooms, roomId, user, effective, callback, this::sessionEnded);
            roomTicket = ticket;
            room.start();
        });
    }

    @Override
    public void switchRoom(String fromRoomID, String toRoomID, RoomConfig config) {
        checkAlive();
        String from = room(fromRoomID);
        String to = room(toRoomID);
        Ticket ticket = current.get();
        Ticket next = new Ticket(to);
        if (ticket == null || !ticket.roomId().equals(from) || !current.compareAndSet(ticket, next)) {
            int code = ErrorCode.ROOM_NOT_LOGGED_IN_TO_ROOM.code();
            callbacks.emit(h -> {
                h.onRoomStateChanged(to, RoomStateChangedReason.LOGIN_FAILED, code, "{}");
                h.onRoomStateUpdate(to, RoomStateChangedReason.LOGIN_FAILED.state(), code, "{}");
            });
            return;
        }
        post(() -> {
            RoomSession old = room;
            if (destroyed.get() || old == null || roomTicket != ticket) {
                return;
            }
            RoomConfig effective = config != null ? config : old.config();
            RoomSession.Carried carried = old.handOverPublications();
            RoomSession fresh = new RoomSession(rooms, to, old.user(), effective, null, this::sessionEnded);
            callbacks.emit(h -> {
                h.onRoomStateChanged(to, RoomStateChangedReason.LOGINING, 0, "{}");
                h.onRoomStateUpdate(to, RoomStateChangedReason.LOGINING.state(), 0, "{}");
            });
            room = fresh;
            roomTicket = next;
            // the old session must be gone on the server first, or the new login would kick it out
            leave(old, () -> {
                if (room == fresh && !destroyed.get()) {
                    fresh.start(false);
                    fresh.takeOver(carried);
                }
            });
        });
    }

    @Override
    public void queryRoomUsers(String roomID, String userID, String token, RoomUsersCallback callback) {
        checkAlive();
        String roomId = room(roomID);
        String userId = Normalization.nfc(userID);
        valid(Validation.userId(userId), "userID", userID);
        notNull(callback, "callback");
        if (token == null && profile.appSign() == null) {
            throw new IllegalArgumentException("no credentials: give the profile an appSign or pass a token");
        }
        post(() -> {
            if (destroyed.get()) {
                callbacks.run(() -> callback.onRoomUsersResult(ErrorCode.ENGINE_DESTROYED.code(), List.of(), false));
                return;
            }
            RoomUsersLookup lookup = new RoomUsersLookup(rooms, roomId, userId, token, callback, lookups::remove);
            lookups.add(lookup);
            lookup.start();
        });
    }

    @Override
    public void logoutRoom() {
        checkAlive();
        Ticket ticket = current.getAndSet(null);
        if (ticket == null) {
            return;
        }
        post(() -> {
            if (room != null && roomTicket == ticket) {
                leave(room);
            }
        });
    }

    /**
     * Logs {@code session} out. Its connection comes back once the server has answered the logout
     * (or after the session's wait) and is closing then; a destroy that comes meanwhile waits for
     * it, so that the logout is sent and the socket closed before the engine's threads stop.
     */
    private void leave(RoomSession session) {
        leave(session, () -> { });
    }

    /** {@link #leave(RoomSession)}, then {@code then} once the server has answered the logout. */
    private void leave(RoomSession session, Runnable then) {
        leaving++;
        session.logout(connection -> {
            then.run();
            leaving--;
            closing.removeIf(ServerConnection::closed);
            if (connection != null) {
                closing.add(connection);
            }
            if (leaving == 0 && whenLeft != null) {
                Runnable next = whenLeft;
                whenLeft = null;
                next.run();
            }
        });
    }

    @Override
    public void logoutRoom(String roomID) {
        checkAlive();
        Ticket ticket = current.get();
        if (ticket != null && ticket.roomId().equals(Normalization.nfc(roomID))) {
            logoutRoom();
            return;
        }
        int code = ErrorCode.ROOM_NOT_LOGGED_IN_TO_ROOM.code();
        callbacks.emit(h -> {
            h.onRoomStateChanged(roomID, RoomStateChangedReason.LOGOUT_FAILED, code, "{}");
            h.onRoomStateUpdate(roomID, RoomStateChangedReason.LOGOUT_FAILED.state(), code, "{}");
        });
    }

    @Override
    public void renewToken(String roomID, String token) {
        checkAlive();
        String roomId = room(roomID);
        notNull(token, "token");
        withRoom(roomId, session -> session.renewToken(token), code -> {
            LOG.warn("renewToken: not in room {}", roomId);
            callbacks.emit(h -> h.onRoomTokenRenewFailed(roomId, code));
        });
    }

    @Override
    public void startPublishingStream(String streamID, PublishChannel channel) {
        checkAlive();
        valid(Validation.publishStreamId(streamID), "streamID", streamID);
        notNull(channel, "channel");
        post(() -> {
            if (room == null) {
                int code = ErrorCode.PUBLISHER_NOT_IN_ROOM.code();
                callbacks.emit(h -> h.onPublisherStateUpdate(streamID, PublisherState.NO_PUBLISH, code, "{}"));
            } else {
                room.startPublishing(streamID, channel);
            }
        });
    }

    @Override
    public void stopPublishingStream(PublishChannel channel) {
        checkAlive();
        notNull(channel, "channel");
        post(() -> {
            if (room != null) {
                room.stopPublishing(channel);
            }
        });
    }

    @Override
    public void startPreview(Canvas canvas) {
        checkAlive();
        notNull(canvas, "canvas");
        post(() -> media.startPreview(canvas));
    }

    @Override
    public void stopPreview() {
        checkAlive();
        post(media::stopPreview);
    }

    @Override
    public void startPlayingStream(String streamID, Canvas canvas) {
        startPlayingStream(streamID, canvas, PlayerConfig.defaults());
    }

    @Override
    public void startPlayingStream(String streamID, Canvas canvas, PlayerConfig config) {
        checkAlive();
        valid(Validation.playStreamId(streamID), "streamID", streamID);
        notNull(canvas, "canvas");
        notNull(config, "config");
        PlayLayer layer = layer(config.videoType());
        post(() -> {
            if (room == null) {
                int code = ErrorCode.PLAYER_NOT_IN_ROOM.code();
                callbacks.emit(h -> h.onPlayerStateUpdate(streamID, PlayerState.NO_PLAY, code, "{}"));
            } else {
                room.startPlaying(streamID, canvas, layer);
            }
        });
    }

    @Override
    public void setPlayStreamVideoType(String streamID, VideoStreamType type) {
        checkAlive();
        valid(Validation.playStreamId(streamID), "streamID", streamID);
        notNull(type, "type");
        PlayLayer layer = layer(type);
        post(() -> {
            if (room != null) {
                room.setPlayLayer(streamID, layer);
            }
        });
    }

    private static PlayLayer layer(VideoStreamType type) {
        return switch (type) {
            case DEFAULT -> PlayLayer.DEFAULT;
            case SMALL -> PlayLayer.SMALL;
            case BIG -> PlayLayer.BIG;
        };
    }

    @Override
    public void stopPlayingStream(String streamID) {
        checkAlive();
        notNull(streamID, "streamID");
        post(() -> {
            if (room != null) {
                room.stopPlaying(streamID);
            }
        });
    }

    @Override
    public void enableCamera(boolean enable) {
        changeMedia(() -> media.enableCamera(enable));
    }

    @Override
    public void muteMicrophone(boolean mute) {
        changeMedia(() -> media.muteMicrophone(mute));
    }

    @Override
    public void mutePublishStreamAudio(boolean mute) {
        changeMedia(() -> media.mutePublishAudio(mute));
    }

    @Override
    public void mutePublishStreamVideo(boolean mute) {
        changeMedia(() -> media.mutePublishVideo(mute));
    }

    /** Applies a mute or camera change and tells the room about it. */
    private void changeMedia(Runnable change) {
        checkAlive();
        post(() -> {
            change.run();
            if (room != null) {
                room.announceMedia();
            }
        });
    }

    @Override
    public List<DeviceInfo> getVideoDevices() {
        checkAlive();
        return media.videoDevices();
    }

    @Override
    public void useVideoDevice(String deviceID) {
        checkAlive();
        media.useVideoDevice(notNull(deviceID, "deviceID"));
    }

    @Override
    public List<DeviceInfo> getAudioDevices() {
        checkAlive();
        return media.audioDevices();
    }

    @Override
    public void useAudioDevice(String deviceID) {
        checkAlive();
        media.useAudioDevice(notNull(deviceID, "deviceID"));
    }

    @Override
    public List<DeviceInfo> getScreens() {
        checkAlive();
        return media.screens();
    }

    @Override
    public void useScreen(String screenID) {
        checkAlive();
        media.useScreen(notNull(screenID, "screenID"));
    }

    @Override
    public void refreshDevices(ResultCallback callback) {
        checkAlive();
        media.refreshDevices(callback);
    }

    @Override
    public void setVideoConfig(VideoConfig config) {
        checkAlive();
        media.videoConfig(notNull(config, "config"));
    }

    @Override
    public VideoConfig getVideoConfig() {
        return media.videoConfig();
    }

    @Override
    public void setStreamExtraInfo(String extraInfo, PublishChannel channel, ResultCallback callback) {
        checkAlive();
        notNull(channel, "channel");
        String info = extraInfo == null ? "" : extraInfo;
        Optional<ErrorCode> invalid = Validation.streamExtraInfo(info);
        post(() -> {
            if (invalid.isPresent()) {
                answer(callback, invalid.get().code());
            } else if (room == null) {
                answer(callback, ErrorCode.PUBLISHER_NOT_IN_ROOM.code());
            } else {
                room.setStreamExtraInfo(info, channel, callback);
            }
        });
    }

    @Override
    public void setRoomExtraInfo(String roomID, String key, String value, ResultCallback callback) {
        checkAlive();
        withConnectedRoom(room(roomID), Validation.roomExtraInfo(key, value),
                session -> session.setRoomExtraInfo(key, value, callback), code -> answer(callback, code));
    }

    @Override
    public void sendBroadcastMessage(String roomID, String message, BroadcastMessageCallback callback) {
        checkAlive();
        withConnectedRoom(room(roomID), Validation.message(message),
                session -> session.sendBroadcast(message, callback), code -> {
                    if (callback != null) {
                        callbacks.run(() -> callback.onResult(code, 0));
                    }
                });
    }

    @Override
    public void sendCustomCommand(String roomID, String command, List<User> toUsers, ResultCallback callback) {
        checkAlive();
        String roomId = room(roomID);
        List<User> named = toUsers == null ? List.of()
                : List.copyOf(toUsers).stream().map(u -> new User(Normalization.nfc(u.userID()), u.userName())).toList();
        withConnectedRoom(roomId, Validation.message(command),
                session -> session.sendCustomCommand(command, named, callback), code -> answer(callback, code));
    }

    @Override
    public void destroyEngine(Runnable onDestroyed) {
        if (!destroyed.compareAndSet(false, true)) {
            throw new IllegalStateException("the engine is already destroyed");
        }
        current.set(null);
        destroyCallback.set(onDestroyed);
        try {
            threads.loop().execute(() -> {
                List.copyOf(lookups).forEach(RoomUsersLookup::cancel);
                if (room != null) {
                    leave(room);
                }
                if (leaving == 0) {
                    finishDestroy();
                } else {
                    whenLeft = this::finishDestroy;
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("engine loop already stopped");
        }
    }

    /** Engine loop, once no session is leaving: closes the connections, releases the media, stops the threads. */
    private void finishDestroy() {
        for (ServerConnection connection : closing) {
            connection.closeAndAwait(1000);
        }
        closing.clear();
        room = null;
        media.dispose();
        Runnable onDestroyed = destroyCallback.getAndSet(null);
        callbacks.run(() -> {
            LOG.info("engine {} destroyed", threads.engineNumber());
            if (onDestroyed != null) {
                onDestroyed.run();
            }
        });
        threads.shutdown();
    }

    /** A room ID argument in NFC, the form the engine and the server compare; throws if it is invalid. */
    private static String room(String roomID) {
        String roomId = Normalization.nfc(roomID);
        valid(Validation.roomId(roomId), "roomID", roomID);
        return roomId;
    }

    private void answer(ResultCallback callback, int code) {
        if (callback != null) {
            callbacks.run(() -> callback.onResult(code));
        }
    }

    private void withRoom(String roomID, Consumer<RoomSession> action, IntConsumer refused) {
        inRoom(roomID, Optional.empty(), false, action, refused);
    }

    private void withConnectedRoom(String roomID, Optional<ErrorCode> invalid, Consumer<RoomSession> action, IntConsumer refused) {
        inRoom(roomID, invalid, true, action, refused);
    }

    private void inRoom(String roomID, Optional<ErrorCode> invalid, boolean connected, Consumer<RoomSession> action,
                        IntConsumer refused) {
        post(() -> {
            if (invalid.isPresent()) {
                refused.accept(invalid.get().code());
            } else if (room == null || !room.roomId().equals(roomID)) {
                refused.accept(ErrorCode.ROOM_NOT_LOGGED_IN_TO_ROOM.code());
            } else if (connected && !room.connected()) {
                refused.accept(ErrorCode.ENGINE_SERVER_UNREACHABLE.code());
            } else {
                action.accept(room);
            }
        });
    }

    private void post(Runnable task) {
        try {
            threads.loop().execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("engine task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the engine is destroyed", e);
        }
    }

    private void checkAlive() {
        if (destroyed.get()) {
            throw new IllegalStateException("the engine is destroyed");
        }
    }
}
