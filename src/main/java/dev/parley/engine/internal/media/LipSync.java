package dev.parley.engine.internal.media;

/**
 * Turns lip sync off in a remote offer by moving its audio into a media stream of its own.
 *
 * <p>WebRTC delays a stream's video to match its audio when both share a stream ID. Where audio is
 * not played (the headless audio module), that brings only harm: the module's playout clock is not
 * a sound card's, the audio delay it reports drifts, and the video followed it to several hundred
 * milliseconds behind in the media benchmark. A player that cannot be heard therefore receives
 * audio and video unsynchronised. Stateless; any thread.
 */
final class LipSync {
    private static final String SUFFIX = "~audio";

    private LipSync() {
    }

    /** The offer with every audio section's {@code msid} stream ID changed, so nothing syncs to it. */
    static String separateAudio(String sdp) {
        StringBuilder out = new StringBuilder(sdp.length() + 64);
        boolean audio = false;
        int start = 0;
        while (start < sdp.length()) {
            int end = sdp.indexOf('\n', start);
            int next = end < 0 ? sdp.length() : end + 1;
            String line = sdp.substring(start, next);
            if (line.startsWith("m=")) {
                audio = line.startsWith("m=audio");
            }
            out.append(audio ? separated(line) : line);
            start = next;
        }
        return out.toString();
    }

    /** {@code a=msid:STREAM TRACK} and {@code a=ssrc:N msid:STREAM TRACK} get a new STREAM. */
    private static String separated(String line) {
        int at;
        if (line.startsWith("a=msid:")) {
            at = "a=msid:".length();
        } else if (line.startsWith("a=ssrc:") && line.contains(" msid:")) {
            at = line.indexOf(" msid:") + " msid:".length();
        } else {
            return line;
        }
        int space = line.indexOf(' ', at);
        if (space < 0 || line.startsWith("-", at)) {
            return line;
        }
        return line.substring(0, space) + SUFFIX + line.substring(space);
    }
}
