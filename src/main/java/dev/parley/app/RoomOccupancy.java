package dev.parley.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who the server says is in a room, asked for one user ID before joining. Immutable.
 *
 * @param roomID the room asked about
 * @param userID the user ID asked about
 * @param userIDs the users in the room now
 * @param userIDInUse whether {@code userID} has a session anywhere on the server's app, in this
 *                    room or another: joining with it would end that session
 */
public record RoomOccupancy(String roomID, String userID, List<String> userIDs, boolean userIDInUse) {
    private static final Pattern NUMBERED = Pattern.compile("(.+)-(\\d{1,6})");
    private static final int MAX_USER_ID_BYTES = dev.parley.protocol.Limits.MAX_USER_ID_BYTES;

    public RoomOccupancy {
        userIDs = List.copyOf(userIDs);
    }

    /** Whether {@code userID} is one of the users in this room. */
    public boolean inThisRoom() {
        return userIDs.contains(userID);
    }

    /** Whether joining as {@code userID} would end someone's session. */
    public boolean taken() {
        return userIDInUse || inThisRoom();
    }

    /**
     * A user ID like {@code userID} that nobody in the room has: {@code alice-2}, or
     * {@code alice-3} when that is taken too ({@code alice-2} gives {@code alice-3}), within the
     * user ID's byte limit.
     */
    public String freeUserID() {
        String base = userID;
        int next = 2;
        Matcher numbered = NUMBERED.matcher(userID);
        if (numbered.matches()) {
            base = numbered.group(1);
            next = Integer.parseInt(numbered.group(2)) + 1;
        }
        for (int n = next; ; n++) {
            String candidate = fit(base, "-" + n);
            if (!candidate.equals(userID) && !userIDs.contains(candidate)) {
                return candidate;
            }
        }
    }

    /** {@code base + suffix}, shortening {@code base} by whole characters to stay within the limit. */
    private static String fit(String base, String suffix) {
        String shortened = base;
        while (!shortened.isEmpty()
                && (shortened + suffix).getBytes(StandardCharsets.UTF_8).length > MAX_USER_ID_BYTES) {
            shortened = shortened.substring(0, shortened.offsetByCodePoints(shortened.length(), -1));
        }
        return shortened + suffix;
    }
}
