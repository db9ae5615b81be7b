package dev.parley.server.sfu;

import com.fasterxml.jackson.databind.JsonNode;

/** What the media server reports about one publisher or subscriber connection. Immutable. */
public sealed interface MediaEvent {
    /** ICE and DTLS are up: media can flow ({@code webrtcup}). */
    record Up() implements MediaEvent {
    }

    /** Media of one kind started or stopped arriving at the media server, or leaving it ({@code media}). */
    record Flow(String kind, boolean receiving) implements MediaEvent {
    }

    /**
     * Packets are being lost ({@code slowlink}): on the way to the media server when
     * {@code toServer}, on the way from it otherwise.
     */
    record SlowLink(boolean toServer, int lost) implements MediaEvent {
    }

    /** The connection ended in the media server ({@code hangup}, {@code detached}). */
    record Down(String reason) implements MediaEvent {
    }

    /** The event a Janus handle message stands for, or null for messages that are not one. */
    static MediaEvent of(JsonNode message) {
        return switch (message.path("janus").asText()) {
            case "webrtcup" -> new Up();
            case "media" -> new Flow(message.path("type").asText(), message.path("receiving").asBoolean());
            // Janus's "uplink" is its own: true for losses in what it sends, as the peer's reports say
            case "slowlink" -> new SlowLink(!message.path("uplink").asBoolean(), message.path("lost").asInt());
            case "hangup" -> new Down(message.path("reason").asText("hangup"));
            case "detached" -> new Down("detached");
            default -> null;
        };
    }
}
