package dev.parley.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every error a Parley user or developer can meet, with its numeric code and a readable message.
 *
 * <p>The families: 1000xxx common, 1001xxx engine, 1002xxx room, 1003xxx
 * publisher, 1004xxx player, 1006xxx device, 1009xxx messages. {@code docs/errors.md} documents
 * each code and what to do about it; a test keeps the two in step.
 *
 * <p>Immutable and thread-safe.
 */
public enum ErrorCode {
    SUCCESS(0, "Success."),

    // 1000xxx common
    COMMON_MALFORMED_MESSAGE(1000001, "The message is not valid JSON."),
    COMMON_UNKNOWN_MESSAGE_TYPE(1000002, "The message type is missing or unknown."),
    COMMON_INVALID_FIELD(1000003, "A field of the message is missing, unknown or of the wrong type."),
    COMMON_NOT_LOGGED_IN(1000004, "This request needs a logged-in room session."),
    COMMON_RATE_LIMITED(1000005, "Too many requests on this connection."),
    COMMON_FRAME_TOO_LARGE(1000006, "The WebSocket frame exceeds 64 KiB."),
    COMMON_INTERNAL_ERROR(1000007, "The server failed to handle the request."),
    COMMON_UNSUPPORTED_PROTOCOL(1000008, "The client speaks an unsupported protocol version."),
    COMMON_REQUEST_TIMEOUT(1000009, "The server did not answer in time."),

    // 1001xxx engine
    ENGINE_DESTROYED(1001001, "The engine was destroyed before the operation finished."),
    ENGINE_SERVER_UNREACHABLE(1001002, "The room server cannot be reached."),
    ENGINE_INVALID_SERVER_URL(1001003, "The server URL is not a ws:// or wss:// URL."),
    ENGINE_TLS_FAILED(1001004, "The TLS handshake with the server failed."),
    ENGINE_RELAY_REFUSED(1001005, "The TURN relay refused the credentials, so the media connection cannot be made."),

    // 1002xxx room
    ROOM_INVALID_ROOM_ID(1002001, "The room ID is empty or longer than 128 bytes."),
    ROOM_INVALID_USER_ID(1002002, "The user ID is empty or longer than 64 bytes."),
    ROOM_INVALID_USER_NAME(1002003, "The user name is longer than 256 bytes."),
    ROOM_UNKNOWN_APP(1002004, "The appID is not configured on this server."),
    ROOM_AUTH_FAILED(1002005, "The appSign signature does not match."),
    ROOM_SIGNATURE_EXPIRED(1002006, "The appSign signature is too old or from the future; check the clock."),
    ROOM_TOKEN_MISSING(1002007, "The app requires a token, and none was given."),
    ROOM_TOKEN_INVALID(1002008, "The token is malformed or has been tampered with."),
    ROOM_TOKEN_EXPIRED(1002009, "The token has expired."),
    ROOM_TOKEN_WRONG_APP(1002010, "The token was minted for another appID."),
    ROOM_TOKEN_WRONG_USER(1002011, "The token was minted for another userID."),
    ROOM_TOKEN_WRONG_ROOM(1002012, "The token was minted for another room."),
    ROOM_TOKEN_NO_LOGIN_PRIVILEGE(1002013, "The token does not grant the login privilege."),
    ROOM_FULL(1002014, "The room has reached its member limit."),
    ROOM_ALREADY_LOGGED_IN(1002015, "This connection is already logged in to a room."),
    ROOM_KICKED_OUT(1002016, "The same userID logged in elsewhere."),
    ROOM_SESSION_EXPIRED(1002017, "The session to resume no longer exists; log in again."),
    ROOM_RECONNECT_FAILED(1002018, "The connection could not be restored within the reconnect window."),
    ROOM_HEARTBEAT_TIMEOUT(1002019, "The server heard nothing from this client within the presence timeout."),
    ROOM_SERVER_SHUTDOWN(1002020, "The room server is shutting down."),
    ROOM_NOT_LOGGED_IN_TO_ROOM(1002021, "The room ID does not match the room this client is in."),
    ROOM_EXTRA_INFO_INVALID(1002022, "The room extra info key is empty or over 128 bytes, or its value is over 1 KiB."),
    ROOM_TOKEN_RENEW_FAILED(1002023, "The token passed to renewToken was refused; the session keeps its current token."),
    ROOM_LOGIN_CANCELLED(1002024, "The login was cancelled by logoutRoom or destroyEngine before it finished."),
    ROOM_ROOM_ID_FORBIDDEN_CHARACTER(1002025,
            "The room ID has a control, invisible or direction-changing character, or an unpaired surrogate."),
    ROOM_USER_ID_FORBIDDEN_CHARACTER(1002026,
            "The user ID has a control, invisible or direction-changing character, or an unpaired surrogate."),
    ROOM_USER_NAME_FORBIDDEN_CHARACTER(1002027,
            "The user name has a control, invisible or direction-changing character, or an unpaired surrogate."),
    ROOM_REDIRECTED(1002028, "The room is served by another server node; the client connects there."),
    ROOM_MOVED(1002029, "The room moved to another server node; the client logs in again there."),

    // 1003xxx publisher
    PUBLISHER_INVALID_STREAM_ID(1003001, "The stream ID is empty, over 256 characters, or not of [A-Za-z0-9_-]."),
    PUBLISHER_STREAM_ID_IN_USE(1003002, "Another user is already publishing a stream with this ID."),
    PUBLISHER_NO_PRIVILEGE(1003003, "The token does not grant the publish privilege."),
    PUBLISHER_STREAM_NOT_ALLOWED(1003004, "The token does not allow publishing this stream ID."),
    PUBLISHER_STREAM_NOT_FOUND(1003005, "This client is not publishing a stream with this ID."),
    PUBLISHER_EXTRA_INFO_TOO_LONG(1003006, "The stream extra info exceeds 1 KiB."),
    PUBLISHER_CHANNEL_BUSY(1003007, "This publish channel already carries another stream."),
    PUBLISHER_NOT_IN_ROOM(1003008, "Log in to a room before publishing."),
    PUBLISHER_MEDIA_FAILED(1003009, "Media negotiation with a player failed."),
    PUBLISHER_MEDIA_SERVER_UNAVAILABLE(1003010, "The media server is not available; the stream is sent again once it is back."),

    // 1004xxx player
    PLAYER_INVALID_STREAM_ID(1004001, "The stream ID is empty, over 256 characters, or not of [A-Za-z0-9_-]."),
    PLAYER_STREAM_NOT_FOUND(1004002, "No live stream with this ID is in the room."),
    PLAYER_TOO_MANY_STREAMS(1004003, "A client plays at most 12 streams at once."),
    PLAYER_RELAY_NOT_ALLOWED(1004004, "Media negotiation is only relayed between a player and the stream's publisher."),
    PLAYER_SIGNAL_TOO_LARGE(1004005, "The negotiation payload is too large."),
    PLAYER_MEDIA_FAILED(1004006, "Media negotiation with the publisher failed."),
    PLAYER_NOT_IN_ROOM(1004007, "Log in to the room before playing its streams."),
    PLAYER_MEDIA_SERVER_UNAVAILABLE(1004008, "The media server is not available; the stream plays again once it is back."),

    // 1006xxx devices
    DEVICE_NOT_FOUND(1006001, "No camera or microphone with this device ID is present."),
    DEVICE_CAMERA_FAILED(1006002, "The camera could not be started; the test pattern is sent instead."),
    DEVICE_SCREEN_CAPTURE_UNAVAILABLE(1006003, "The screen cannot be captured here: there is no graphical display."),
    DEVICE_UNPLUGGED(1006004, "The camera in use was disconnected; the test pattern is sent instead."),
    DEVICE_NO_MICROPHONE(1006005, "The sound system has no microphone; silence is sent until one is chosen."),

    // 1009xxx messages
    MESSAGE_EMPTY(1009001, "The message or command is empty."),
    MESSAGE_TOO_LONG(1009002, "The message, command or extra info exceeds 1 KiB."),
    MESSAGE_RATE_LIMITED(1009003, "Broadcast rate exceeded: at most 10/s per room and 2/s per user."),
    MESSAGE_NO_RECIPIENT(1009004, "None of the named users is in the room."),
    MESSAGE_TOO_MANY_RECIPIENTS(1009005, "A custom command names at most 500 users.");

    private static final Map<Integer, ErrorCode> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

    private final int code;
    private final String message;

    ErrorCode(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The numeric code sent on the wire and passed to callbacks. */
    public int code() {
        return code;
    }

    /** A readable sentence saying what went wrong. */
    public String message() {
        return message;
    }

    /** The family of the code, such as 1002 for room errors; 0 for {@link #SUCCESS}. */
    public int family() {
        return code / 1000;
    }

    /** Looks a numeric code up. */
    public static Optional<ErrorCode> of(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** A readable form for users: "message (code)". */
    public String describe() {
        return message + " (" + code + ")";
    }
}
