package dev.parley.engine.internal.room;

import dev.parley.engine.PublishChannel;
import dev.parley.engine.RoomExtraInfo;
import dev.parley.engine.Stream;
import dev.parley.engine.UpdateType;
import dev.parley.engine.User;
import dev.parley.protocol.StreamInfo;
import dev.parley.protocol.UserInfo;
import java.util.List;

/**
 * The edge between the wire and the public API: turns protocol records and enums into the
 * engine's public ones and back, so that no protocol type reaches an app. Stateless.
 */
final class Conversions {
    private Conversions() {
    }

    static User user(UserInfo info) {
        return new User(info.userId(), info.userName());
    }

    static UserInfo userInfo(User user) {
        return new UserInfo(user.userID(), user.userName());
    }

    static Stream stream(StreamInfo info) {
        return new Stream(user(info.user()), info.streamId(), info.extraInfo() == null ? "" : info.extraInfo(),
                channel(info.channel()));
    }

    static List<User> users(List<UserInfo> infos) {
        return infos.stream().map(Conversions::user).toList();
    }

    static PublishChannel channel(dev.parley.protocol.PublishChannel wire) {
        return switch (wire) {
            case MAIN -> PublishChannel.MAIN;
            case AUX -> PublishChannel.AUX;
        };
    }

    static dev.parley.protocol.PublishChannel wire(PublishChannel channel) {
        return switch (channel) {
            case MAIN -> dev.parley.protocol.PublishChannel.MAIN;
            case AUX -> dev.parley.protocol.PublishChannel.AUX;
        };
    }

    static UpdateType updateType(dev.parley.protocol.UpdateType wire) {
        return switch (wire) {
            case ADD -> UpdateType.ADD;
            case DELETE -> UpdateType.DELETE;
        };
    }

    static RoomExtraInfo roomExtraInfo(dev.parley.protocol.RoomExtraInfo info) {
        return new RoomExtraInfo(info.key(), info.value(), user(info.updateUser()), info.updateTime());
    }
}
