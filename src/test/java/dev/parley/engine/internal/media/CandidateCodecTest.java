package dev.parley.engine.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.onvoid.webrtc.RTCIceCandidate;
import org.junit.jupiter.api.Test;

/** Candidates survive the relay, in the shape browsers send too; anything else is ignored. */
class CandidateCodecTest {

    @Test
    void roundTripsAndReadsTheBrowsersShape() {
        String line = "candidate:1 1 udp 2122260223 10.77.0.1 50000 typ host generation 0";
        RTCIceCandidate back = CandidateCodec.decode(CandidateCodec.encode(new RTCIceCandidate("0", 0, line)));
        assertEquals("0", back.sdpMid);
        assertEquals(0, back.sdpMLineIndex);
        assertEquals(line, back.sdp);
        RTCIceCandidate browser = CandidateCodec.decode("{\"sdpMid\":\"1\",\"sdpMLineIndex\":1,\"candidate\":\"" + line + "\"}");
        assertEquals(1, browser.sdpMLineIndex);
    }

    @Test
    void ignoresWhatIsNotACandidate() {
        assertNull(CandidateCodec.decode("not json"));
        assertNull(CandidateCodec.decode("{\"sdpMid\":\"0\",\"sdpMLineIndex\":0}"));
        assertNull(CandidateCodec.decode("[]"));
    }
}
