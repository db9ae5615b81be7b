package dev.parley.app;

import dev.parley.server.AppCredentials;

/**
 * The built-in development app that an embedded or unconfigured server accepts, so that two
 * Parley windows on one machine can call each other with no setup. Its secrets are public:
 * a real deployment configures its own apps. Constants only.
 */
public final class DevApp {
    public static final long APP_ID = 1;
    public static final String APP_SIGN = "parley-development-app-sign";
    public static final String SERVER_SECRET = "parley-development-server-secret";

    private DevApp() {
    }

    public static AppCredentials credentials() {
        return new AppCredentials(APP_ID, APP_SIGN, SERVER_SECRET);
    }
}
