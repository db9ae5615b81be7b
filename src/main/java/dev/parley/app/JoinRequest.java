package dev.parley.app;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Limits;
import dev.parley.protocol.Normalization;
import dev.parley.protocol.Validation;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the join view asks for: the server, the room, and who joins. Immutable.
 *
 * <p>{@link #validate()} names the first field that breaks the ID rules, with a sentence that says
 * what is wrong, so the view can show it next to the form. The IDs and the name are kept in NFC,
 * the form the engine and the server use.
 *
 * @param serverUrl {@code ws://host:port} or {@code wss://host:port}, or several nodes' URLs: see {@link ServerList}
 * @param roomID the room to join
 * @param userID this user's ID, unique in the room
 * @param userName the name others see; empty for the user ID
 */
public record JoinRequest(String serverUrl, String roomID, String userID, String userName) {
    public JoinRequest {
        serverUrl = serverUrl == null ? "" : serverUrl.strip();
        roomID = roomID == null ? "" : Normalization.nfc(roomID.strip());
        userID = userID == null ? "" : Normalization.nfc(userID.strip());
        userName = userName == null ? "" : Normalization.nfc(userName.strip());
    }

    /** The form field a problem belongs to. */
    public enum Field { SERVER, ROOM, USER_ID, USER_NAME }

    /**
     * A broken rule.
     *
     * @param field where to show it
     * @param error its code and a sentence saying what is wrong
     */
    public record Problem(Field field, CallError error) {
    }

    /** The first problem, or empty when the request can be sent. */
    public Optional<Problem> validate() {
        if (!ServerList.parse(serverUrl).valid()) {
            return problem(Field.SERVER, ErrorCode.ENGINE_INVALID_SERVER_URL,
                    "The server must look like ws://host:port or wss://host:port (several nodes: separated by commas).");
        }
        Optional<ErrorCode> room = Validation.roomId(roomID);
        if (room.isPresent()) {
            return problem(Field.ROOM, room.get(), textProblem("room ID", roomID, Limits.MAX_ROOM_ID_BYTES));
        }
        Optional<ErrorCode> user = Validation.userId(userID);
        if (user.isPresent()) {
            return problem(Field.USER_ID, user.get(), textProblem("user ID", userID, Limits.MAX_USER_ID_BYTES));
        }
        Optional<ErrorCode> name = Validation.userName(userName);
        if (name.isPresent()) {
            return problem(Field.USER_NAME, name.get(), textProblem("name", userName, Limits.MAX_USER_NAME_BYTES));
        }
        return Optional.empty();
    }

    /** The stream this user publishes: see {@link #streamIdFor(String)}. */
    public String streamID() {
        return streamIdFor(userID);
    }

    /** The stream this user shares the screen on: like {@link #streamID()}, ending in {@code _screen}. */
    public String screenStreamID() {
        String main = streamIdFor(userID);
        return main.substring(0, main.length() - "_main".length()) + "_screen";
    }

    /**
     * The stream ID a user publishes by default, in the app and the bot: {@code USER_main}, with
     * characters that stream IDs do not allow replaced and a hash added when any were, so that
     * two user IDs never share a stream ID.
     */
    public static String streamIdFor(String userID) {
        StringBuilder id = new StringBuilder();
        boolean changed = false;
        for (int i = 0; i < userID.length() && id.length() < 64; i++) {
            char c = userID.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            id.append(ok ? c : '_');
            changed |= !ok;
        }
        changed |= id.length() < userID.length();
        if (changed) {
            id.append('-').append(Integer.toHexString(userID.hashCode()));
        }
        return id.append("_main").toString();
    }

    private static Optional<Problem> problem(Field field, ErrorCode code, String message) {
        return Optional.of(new Problem(field, new CallError(code.code(), message)));
    }

    private static String textProblem(String what, String value, int maxBytes) {
        if (value.isEmpty()) {
            return "Enter a " + what + ".";
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            return "The " + what + " is longer than " + maxBytes + " bytes.";
        }
        return "The " + what + " must not contain control, invisible or direction-changing characters.";
    }
}
