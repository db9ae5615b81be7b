package dev.parley.server.token;

import java.util.List;

/**
 * What a token allows. Immutable.
 *
 * @param login whether the holder may log in
 * @param publish whether the holder may publish
 * @param streamIds the only stream IDs the holder may publish, or null for any
 */
public record TokenPrivileges(boolean login, boolean publish, List<String> streamIds) {
    public TokenPrivileges {
        streamIds = streamIds == null ? null : List.copyOf(streamIds);
    }

    /** Login and publish of any stream. */
    public static TokenPrivileges all() {
        return new TokenPrivileges(true, true, null);
    }

    public boolean allowsStream(String streamId) {
        return publish && (streamIds == null || streamIds.contains(streamId));
    }
}
