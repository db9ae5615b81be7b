package dev.parley.engine.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Audio leaves the publisher's media stream; video and everything else stay as offered. */
class LipSyncTest {

    private static final String OFFER = String.join("\r\n",
            "v=0",
            "o=- 1 2 IN IP4 127.0.0.1",
            "a=group:BUNDLE 0 1",
            "a=msid-semantic: WMS pub_main",
            "m=video 9 UDP/TLS/RTP/SAVPF 96",
            "a=mid:0",
            "a=sendonly",
            "a=msid:pub_main video-7",
            "a=ssrc:111 msid:pub_main video-7",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "a=mid:1",
            "a=sendonly",
            "a=msid:pub_main audio-7",
            "a=ssrc:222 cname:abc",
            "a=ssrc:222 msid:pub_main audio-7",
            "");

    @Test
    void audioSectionsGetAStreamOfTheirOwn() {
        String separated = LipSync.separateAudio(OFFER);
        assertEquals(OFFER
                .replace("a=msid:pub_main audio-7", "a=msid:pub_main~audio audio-7")
                .replace("a=ssrc:222 msid:pub_main audio-7", "a=ssrc:222 msid:pub_main~audio audio-7"), separated);
    }

    @Test
    void anOfferWithoutAudioOrWithoutStreamsIsUnchanged() {
        String videoOnly = OFFER.substring(0, OFFER.indexOf("m=audio"));
        assertEquals(videoOnly, LipSync.separateAudio(videoOnly));
        String noStream = "m=audio 9 RTP/AVP 0\r\na=msid:- audio-1\r\n";
        assertEquals(noStream, LipSync.separateAudio(noStream));
    }
}
