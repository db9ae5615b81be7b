package dev.parley.engine;

/** The state of a stream this client publishes, as in {@link EventHandler#onPublisherStateUpdate}. */
public enum PublisherState {
    NO_PUBLISH,
    PUBLISH_REQUESTING,
    PUBLISHING
}
