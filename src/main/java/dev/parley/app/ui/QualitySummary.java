package dev.parley.app.ui;

import dev.parley.app.RemoteStream;
import dev.parley.engine.PlayStreamQuality;
import java.util.List;
import java.util.Locale;

/** Formats the status bar's per-stream quality line. Stateless; FX thread (reads properties). */
final class QualitySummary {
    private QualitySummary() {
    }

    static String of(List<RemoteStream> streams) {
        StringBuilder line = new StringBuilder();
        for (RemoteStream s : streams) {
            PlayStreamQuality q = s.qualityProperty().get();
            if (line.length() > 0) {
                line.append("   ");
            }
            line.append(s.displayName()).append(": ");
            if (q == null) {
                line.append(s.stateProperty().get().name().toLowerCase(Locale.ROOT));
            } else {
                line.append(String.format(Locale.ROOT, "%dx%d %.0f fps %.0f kbps %s", q.width(), q.height(),
                        q.videoRenderFPS(), q.videoKBPS() + q.audioKBPS(), q.level().name().toLowerCase(Locale.ROOT)));
            }
        }
        return line.toString();
    }
}
