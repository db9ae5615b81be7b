package dev.parley.engine.internal.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onvoid.webrtc.RTCIceCandidate;

/**
 * ICE candidates as the relay carries them: {@code {"sdpMid":..,"sdpMLineIndex":..,"candidate":..}},
 * the shape browsers use too. Stateless and thread-safe.
 */
final class CandidateCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON shape of a candidate. */
    record Candidate(String sdpMid, int sdpMLineIndex, String candidate) {
    }

    private CandidateCodec() {
    }

    /** The end of a connection's candidates, which the media server wants to hear. */
    static final String END_OF_CANDIDATES = "{\"completed\":true}";

    static String encode(RTCIceCandidate candidate) {
        try {
            return JSON.writeValueAsString(new Candidate(candidate.sdpMid, candidate.sdpMLineIndex, candidate.sdp));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a candidate", e);
        }
    }

    /** The candidate, or null when the payload is not one. */
    static RTCIceCandidate decode(String payload) {
        try {
            Candidate c = JSON.readValue(payload, Candidate.class);
            return c.candidate() == null ? null : new RTCIceCandidate(c.sdpMid(), c.sdpMLineIndex(), c.candidate());
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
