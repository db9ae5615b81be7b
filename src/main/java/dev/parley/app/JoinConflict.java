package dev.parley.app;

/**
 * A join held back because its user ID is taken: joining would end another session with the same
 * ID (a kick-out, 1002016). The window asks before going on. Immutable.
 *
 * @param request the join as asked
 * @param occupancy what the server said about the room
 */
public record JoinConflict(JoinRequest request, RoomOccupancy occupancy) {

    /** What the user is asked, in a sentence. */
    public String message() {
        String id = request.userID();
        if (occupancy.inThisRoom()) {
            return "Someone is already in " + request.roomID() + " as " + id + ". Joining as " + id
                    + " ends their call.";
        }
        return id + " is already in a call in another room on this server. Joining as " + id + " ends that call.";
    }

    /** The same join with a user ID nobody in the room has. */
    public JoinRequest withFreeUserID() {
        return new JoinRequest(request.serverUrl(), request.roomID(), occupancy.freeUserID(), request.userName());
    }
}
