package dev.parley.engine.internal;

import dev.parley.engine.RoomExtraInfo;
import dev.parley.engine.Stream;
import dev.parley.engine.User;
import dev.parley.protocol.StreamInfo;
import dev.parley.protocol.UserInfo;
import java.util.List;

/** Turns protocol records into the engine's public records. Stateless. */
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
        return new Stream(user(info.user()), info.streamId(), info.extraInfo() == null ? "" : info.extraInfo(), info.channel());
    }

    static List<User> users(List<UserInfo> infos) {
        return infos.stream().map(Conversions::user).toList();
    }

    static RoomExtraInfo roomExtraInfo(dev.parley.protocol.RoomExtraInfo info) {
        return new RoomExtraInfo(info.key(), info.value(), user(info.updateUser()), info.updateTime());
    }
}
