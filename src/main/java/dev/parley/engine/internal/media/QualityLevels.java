package dev.parley.engine.internal.media;

import dev.parley.engine.QualityLevel;

/** Summarises loss and round-trip time as a {@link QualityLevel}. Stateless. */
final class QualityLevels {
    private QualityLevels() {
    }

    static QualityLevel of(double lossRate, double rttMillis, boolean mediaFlows) {
        if (!mediaFlows) {
            return QualityLevel.DIE;
        }
        if (lossRate < 0.01 && rttMillis < 100) {
            return QualityLevel.EXCELLENT;
        }
        if (lossRate < 0.03 && rttMillis < 200) {
            return QualityLevel.GOOD;
        }
        if (lossRate < 0.08 && rttMillis < 400) {
            return QualityLevel.MEDIUM;
        }
        if (lossRate < 0.20 && rttMillis < 800) {
            return QualityLevel.BAD;
        }
        return QualityLevel.DIE;
    }
}
