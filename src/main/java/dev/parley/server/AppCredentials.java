package dev.parley.server;

import java.util.Objects;

/**
 * The secrets of one app on the server. Immutable.
 *
 * @param appId the app's numeric ID
 * @param appSign shared with the app's clients, which prove they know it; null disables appSign login
 * @param serverSecret known only to the server and the app's backend; signs and seals tokens
 */
public record AppCredentials(long appId, String appSign, String serverSecret) {
    public AppCredentials {
        Objects.requireNonNull(serverSecret, "serverSecret");
        if (serverSecret.length() < 16) {
            throw new IllegalArgumentException("serverSecret must have at least 16 characters");
        }
        if (appSign != null && appSign.length() < 16) {
            throw new IllegalArgumentException("appSign must have at least 16 characters");
        }
    }

    @Override
    public String toString() {
        return "AppCredentials[appId=" + appId + ", appSign=" + (appSign == null ? "none" : "***") + ", serverSecret=***]";
    }
}
