package dev.parley.app.ui;

import dev.parley.app.RemoteStream;
import dev.parley.engine.CandidatePair;
import dev.parley.engine.CandidateType;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.PlayerState;
import dev.parley.engine.QualityLevel;
import dev.parley.engine.RemoteDeviceState;
import dev.parley.engine.RoomState;
import dev.parley.protocol.ErrorCode;
import java.util.List;
import java.util.Locale;

/**
 * Words for the status bar: the room's state, and each played stream's size, frame rate, bit rate,
 * quality and path (direct, or through a TURN relay), or what it is doing while there are no
 * figures (connecting, or a relay that refuses the credentials). Stateless; FX thread (reads properties).
 */
final class QualitySummary {
    private QualitySummary() {
    }

    /** All streams, separated by a wide gap; empty when nothing is played. */
    static String of(List<RemoteStream> streams) {
        StringBuilder line = new StringBuilder();
        for (RemoteStream s : streams) {
            if (line.length() > 0) {
                line.append("   ");
            }
            line.append(s.displayName()).append(": ").append(describe(s));
        }
        return line.toString();
    }

    /**
     * One stream: "640x360 · 15 fps · 812 kbps · excellent · direct" once a report has figures;
     * before that, and when the picture stopped, what is going on in words.
     */
    static String describe(RemoteStream s) {
        PlayStreamQuality q = s.qualityProperty().get();
        PlayerState state = s.stateProperty().get();
        if (state == PlayerState.NO_PLAY && s.errorCodeProperty().get() != 0) {
            return "stopped";
        }
        if (state != PlayerState.PLAYING) {
            // a stream that needs a TURN relay whose credentials are refused is not coming: say why
            return s.errorCodeProperty().get() == ErrorCode.ENGINE_RELAY_REFUSED.code() ? "relay refused"
                    : "connecting\u2026";
        }
        if (s.cameraProperty().get() != RemoteDeviceState.OPEN) {
            return "camera off";
        }
        if (s.videoBrokenProperty().get()) {
            return "video paused";
        }
        if (q == null || !hasFigures(q)) {
            // the first report compares with nothing yet and carries no rates
            return "starting\u2026";
        }
        String line = String.format(Locale.ROOT, "%dx%d \u00B7 %.0f fps \u00B7 %.0f kbps", q.width(), q.height(),
                Math.max(q.videoRenderFPS(), q.videoDecodeFPS()), q.videoKBPS() + q.audioKBPS());
        String level = level(q.level());
        String path = path(q.candidatePair());
        return line + (level.isEmpty() ? "" : " \u00B7 " + level) + (path.isEmpty() ? "" : " \u00B7 " + path);
    }

    /** How the media comes: "direct", "relayed" (through a TURN relay at either end), or empty before ICE has chosen. */
    static String path(CandidatePair pair) {
        if (pair.local() == CandidateType.UNKNOWN) {
            return "";
        }
        return pair.relayed() ? "relayed" : "direct";
    }

    private static boolean hasFigures(PlayStreamQuality q) {
        return q.videoKBPS() + q.audioKBPS() > 0 && q.width() > 0;
    }

    /** A quality level as a word; empty when unknown. */
    static String level(QualityLevel level) {
        return switch (level) {
            case EXCELLENT -> "excellent";
            case GOOD -> "good";
            case MEDIUM -> "fair";
            case BAD -> "poor";
            case DIE -> "very poor";
            case UNKNOWN -> "";
        };
    }

    /** The room's connection in words: connected, connecting… (reconnecting… once in the call), disconnected. */
    static String roomState(RoomState state, boolean inCall) {
        return switch (state) {
            case CONNECTED -> "connected";
            case CONNECTING -> inCall ? "reconnecting\u2026" : "connecting\u2026";
            case DISCONNECTED -> "disconnected";
        };
    }
}
