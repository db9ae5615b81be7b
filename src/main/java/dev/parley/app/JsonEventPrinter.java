package dev.parley.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parley.engine.BroadcastMessageInfo;
import dev.parley.engine.CandidatePair;
import dev.parley.engine.CandidateType;
import dev.parley.engine.EventHandler;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.PlayerMediaEvent;
import dev.parley.engine.PlayerState;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.PublishStreamQuality;
import dev.parley.engine.PublisherState;
import dev.parley.engine.QualityLevel;
import dev.parley.engine.RemoteDeviceState;
import dev.parley.engine.RoomExtraInfo;
import dev.parley.engine.RoomState;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.Stream;
import dev.parley.engine.UpdateType;
import dev.parley.engine.User;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints every engine callback as one JSON object per line: {@code {"ts":..., "event":"onRoomStateChanged", ...}}.
 *
 * <p>Thread-safe: each line is written whole. Lives as long as the bot that uses it.
 */
public class JsonEventPrinter implements EventHandler {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final PrintStream out;
    private final Clock clock;

    public JsonEventPrinter(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** Prints one event with its fields, in the order given as name, value pairs. */
    public void print(String event, Object... fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", clock.millis());
        line.put("event", event);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            line.put((String) fields[i], fields[i + 1]);
        }
        try {
            String text = JSON.writeValueAsString(line);
            synchronized (out) {
                out.println(text);
                out.flush();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(List<User> users) {
        return users.stream().map(User::userID).toList();
    }

    private static List<Map<String, Object>> streams(List<Stream> streams) {
        return streams.stream().map(s -> Map.<String, Object>of("streamID", s.streamID(), "userID", s.user().userID(),
                "extraInfo", s.extraInfo(), "channel", String.valueOf(s.channel()))).toList();
    }

    @Override
    public void onRoomStateUpdate(String roomID, RoomState state, int errorCode, String extendedData) {
        print("onRoomStateUpdate", "roomID", roomID, "state", state, "errorCode", errorCode);
    }

    @Override
    public void onRoomStateChanged(String roomID, RoomStateChangedReason reason, int errorCode, String extendedData) {
        print("onRoomStateChanged", "roomID", roomID, "reason", reason, "errorCode", errorCode);
    }

    @Override
    public void onRoomUserUpdate(String roomID, UpdateType updateType, List<User> users) {
        print("onRoomUserUpdate", "roomID", roomID, "updateType", updateType, "users", ids(users));
    }

    @Override
    public void onRoomStreamUpdate(String roomID, UpdateType updateType, List<Stream> list, String extendedData) {
        print("onRoomStreamUpdate", "roomID", roomID, "updateType", updateType, "streams", streams(list));
    }

    @Override
    public void onRoomStreamExtraInfoUpdate(String roomID, List<Stream> list) {
        print("onRoomStreamExtraInfoUpdate", "roomID", roomID, "streams", streams(list));
    }

    @Override
    public void onRoomExtraInfoUpdate(String roomID, List<RoomExtraInfo> infos) {
        print("onRoomExtraInfoUpdate", "roomID", roomID, "infos", infos.stream()
                .map(i -> Map.of("key", i.key(), "value", i.value(), "userID", i.updateUser().userID())).toList());
    }

    @Override
    public void onRoomTokenWillExpire(String roomID, int remainTimeInSecond) {
        print("onRoomTokenWillExpire", "roomID", roomID, "remainTimeInSecond", remainTimeInSecond);
    }

    @Override
    public void onRoomTokenRenewFailed(String roomID, int errorCode) {
        print("onRoomTokenRenewFailed", "roomID", roomID, "errorCode", errorCode);
    }

    @Override
    public void onPublisherStateUpdate(String streamID, PublisherState state, int errorCode, String extendedData) {
        print("onPublisherStateUpdate", "streamID", streamID, "state", state, "errorCode", errorCode);
    }

    @Override
    public void onPlayerStateUpdate(String streamID, PlayerState state, int errorCode, String extendedData) {
        print("onPlayerStateUpdate", "streamID", streamID, "state", state, "errorCode", errorCode);
    }

    @Override
    public void onPublisherQualityUpdate(String streamID, PublishStreamQuality q) {
        print("onPublisherQualityUpdate", "streamID", streamID, "quality", q);
    }

    /** With {@code relayed}: whether the stream comes through a TURN relay, or null before ICE has chosen a pair. */
    @Override
    public void onPlayerQualityUpdate(String streamID, PlayStreamQuality q) {
        CandidatePair pair = q.candidatePair();
        print("onPlayerQualityUpdate", "streamID", streamID, "quality", q, "relayed",
                pair.local() == CandidateType.UNKNOWN ? null : pair.relayed());
    }

    @Override
    public void onCapturedSoundLevelUpdate(float soundLevel) {
        print("onCapturedSoundLevelUpdate", "soundLevel", soundLevel);
    }

    @Override
    public void onRemoteSoundLevelUpdate(Map<String, Float> soundLevels) {
        print("onRemoteSoundLevelUpdate", "soundLevels", soundLevels);
    }

    @Override
    public void onPlayerMediaEvent(String streamID, PlayerMediaEvent event) {
        print("onPlayerMediaEvent", "streamID", streamID, "mediaEvent", event);
    }

    @Override
    public void onPlayerRecvVideoFirstFrame(String streamID) {
        print("onPlayerRecvVideoFirstFrame", "streamID", streamID);
    }

    @Override
    public void onPlayerRenderVideoFirstFrame(String streamID) {
        print("onPlayerRenderVideoFirstFrame", "streamID", streamID);
    }

    @Override
    public void onPublisherCapturedVideoFirstFrame(PublishChannel channel) {
        print("onPublisherCapturedVideoFirstFrame", "channel", channel);
    }

    @Override
    public void onRemoteCameraStateUpdate(String streamID, RemoteDeviceState state) {
        print("onRemoteCameraStateUpdate", "streamID", streamID, "state", state);
    }

    @Override
    public void onRemoteMicStateUpdate(String streamID, RemoteDeviceState state) {
        print("onRemoteMicStateUpdate", "streamID", streamID, "state", state);
    }

    @Override
    public void onNetworkQuality(String userID, QualityLevel upstreamQuality, QualityLevel downstreamQuality) {
        print("onNetworkQuality", "userID", userID, "upstream", upstreamQuality, "downstream", downstreamQuality);
    }

    @Override
    public void onDeviceError(int errorCode, String deviceID) {
        print("onDeviceError", "errorCode", errorCode, "deviceID", deviceID);
    }

    @Override
    public void onVideoDeviceStateChanged(UpdateType updateType, dev.parley.engine.DeviceInfo device) {
        print("onVideoDeviceStateChanged", "updateType", updateType, "deviceID", device.deviceID(),
                "deviceName", device.deviceName());
    }

    @Override
    public void onAudioDeviceStateChanged(UpdateType updateType, dev.parley.engine.DeviceInfo device) {
        print("onAudioDeviceStateChanged", "updateType", updateType, "deviceID", device.deviceID(),
                "deviceName", device.deviceName());
    }

    @Override
    public void onIMRecvBroadcastMessage(String roomID, List<BroadcastMessageInfo> messages) {
        print("onIMRecvBroadcastMessage", "roomID", roomID, "messages", messages.stream()
                .map(m -> Map.of("message", m.message(), "messageID", m.messageID(), "fromUserID", m.fromUser().userID()))
                .toList());
    }

    @Override
    public void onIMRecvCustomCommand(String roomID, User fromUser, String command) {
        print("onIMRecvCustomCommand", "roomID", roomID, "fromUserID", fromUser.userID(), "command", command);
    }
}
