package dev.parley.engine.internal.media;

import dev.parley.engine.CandidatePair;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.PlayerMediaEvent;
import dev.parley.engine.PublishStreamQuality;
import dev.parley.engine.QualityLevel;
import dev.parley.engine.internal.core.CallbackDispatcher;
import dev.parley.engine.internal.core.Cancellable;
import dev.parley.engine.internal.core.Scheduler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The periodic side of a room's media: quality reports every 3 s for each published and played
 * stream, from real peer-connection stats (with the candidate pair of each connection), and stall detection (no frame for over 500 ms) for
 * played streams.
 *
 * <p>Engine loop only; its timers and clock are the loop's. Started when the room is connected,
 * stopped with the room session.
 */
final class MediaQuality {
    static final long QUALITY_PERIOD_MILLIS = 3000;
    static final long BREAK_CHECK_MILLIS = 100;
    static final long BREAK_THRESHOLD_NANOS = 500_000_000L;
    /** Audio is looked at every fifth break check: every 500 ms. */
    static final int AUDIO_CHECK_EVERY = 5;
    static final long NETWORK_PERIOD_MILLIS = 2000;

    /** What the quality loop needs from the media session. */
    interface Streams {
        List<String> publishedStreamIds();

        List<? extends StatsSource> sendLinks(String streamId);

        List<PlayMeter> playing();
    }

    /** The per-play counters the frame sink updates (on the decode thread) and the quality loop reads. */
    static final class PlayMeter {
        final String streamId;
        final StatsSource link;
        private final Scheduler clock;
        volatile QualityLevel level = QualityLevel.UNKNOWN;
        final AtomicLong rendered = new AtomicLong();
        volatile long lastFrameNanos;
        /** False while this client muted the stream's video: no frames come, and that is no stall. */
        volatile boolean videoWanted = true;
        long renderedAtLastReport;
        StatsSnapshot lastSnapshot = StatsSnapshot.EMPTY;
        boolean broken;
        double lastAudioPackets;
        boolean audioBroken;

        PlayMeter(String streamId, StatsSource link, Scheduler clock) {
            this.streamId = streamId;
            this.link = link;
            this.clock = clock;
        }

        /** A frame went to the canvas; decode thread. */
        void frameRendered() {
            rendered.incrementAndGet();
            lastFrameNanos = clock.nanoTime();
        }
    }

    private final Scheduler loop;
    private final CallbackDispatcher callbacks;
    private final LongSupplier capturedFrames;
    private final Streams streams;
    private final Map<StatsSource, StatsSnapshot> sendSnapshots = new HashMap<>();
    private long capturedAtLastReport;
    private long lastReportNanos;
    private Cancellable qualityTimer;
    private Cancellable breakTimer;
    private Cancellable networkTimer;
    private final Map<String, QualityLevel> publishedLevels = new HashMap<>();
    private long breakChecks;

    /** @param capturedFrames frames the local video has captured so far, for the capture rate */
    MediaQuality(Scheduler loop, CallbackDispatcher callbacks, LongSupplier capturedFrames, Streams streams) {
        this.loop = loop;
        this.callbacks = callbacks;
        this.capturedFrames = capturedFrames;
        this.streams = streams;
    }

    void start() {
        loop.confinement().check();
        if (qualityTimer != null) {
            return;
        }
        capturedAtLastReport = capturedFrames.getAsLong();
        lastReportNanos = loop.nanoTime();
        qualityTimer = loop.scheduleWithFixedDelay(this::report, QUALITY_PERIOD_MILLIS, QUALITY_PERIOD_MILLIS);
        breakTimer = loop.scheduleWithFixedDelay(this::checkBreaks, BREAK_CHECK_MILLIS, BREAK_CHECK_MILLIS);
        networkTimer = loop.scheduleWithFixedDelay(this::reportNetwork, NETWORK_PERIOD_MILLIS, NETWORK_PERIOD_MILLIS);
    }

    /** This client's upstream is its worst published stream, its downstream its worst played one. */
    private void reportNetwork() {
        publishedLevels.keySet().retainAll(streams.publishedStreamIds());
        QualityLevel up = worst(publishedLevels.values());
        List<PlayMeter> playing = streams.playing();
        QualityLevel down = worst(playing.stream().map(m -> m.level).toList());
        callbacks.emit(h -> h.onNetworkQuality(null, up, down));
        for (PlayMeter meter : playing) {
            String publisher = meter.link.remoteUserId();
            QualityLevel theirUp = meter.level;
            callbacks.emit(h -> h.onNetworkQuality(publisher, theirUp, QualityLevel.UNKNOWN));
        }
    }

    /** The worst known level; UNKNOWN when nothing is known. */
    static QualityLevel worst(Collection<QualityLevel> levels) {
        QualityLevel worst = null;
        for (QualityLevel l : levels) {
            if (l != QualityLevel.UNKNOWN && (worst == null || l.ordinal() > worst.ordinal())) {
                worst = l;
            }
        }
        return worst == null ? QualityLevel.UNKNOWN : worst;
    }

    void stop() {
        loop.confinement().check();
        if (qualityTimer != null) {
            qualityTimer.cancel();
            breakTimer.cancel();
            networkTimer.cancel();
            qualityTimer = null;
            breakTimer = null;
        }
        sendSnapshots.clear();
    }

    /** A send connection closed: its last counters are no longer needed. */
    void forget(StatsSource link) {
        sendSnapshots.remove(link);
    }

    private void report() {
        long now = loop.nanoTime();
        double seconds = Math.max(0.001, (now - lastReportNanos) / 1e9);
        long captured = capturedFrames.getAsLong();
        double captureFps = (captured - capturedAtLastReport) / seconds;
        capturedAtLastReport = captured;
        lastReportNanos = now;
        for (String streamId : streams.publishedStreamIds()) {
            reportPublished(streamId, captureFps);
        }
        for (PlayMeter meter : streams.playing()) {
            reportPlayed(meter);
        }
    }

    private void reportPublished(String streamId, double captureFps) {
        List<? extends StatsSource> links = streams.sendLinks(streamId);
        if (links.isEmpty()) {
            emitPublished(streamId, new PublishStreamQuality(captureFps, 0, 0, 0, 0, 0, 0, 0, "", 0, 0,
                    captureFps > 0 ? QualityLevel.UNKNOWN : QualityLevel.DIE, List.of()));
            return;
        }
        Map<StatsSource, StatsSnapshot> fresh = new HashMap<>();
        for (StatsSource link : links) {
            link.stats(snapshot -> {
                fresh.put(link, snapshot);
                if (fresh.size() == links.size()) {
                    emitPublished(streamId, aggregate(links, fresh, captureFps));
                }
            });
        }
    }

    private PublishStreamQuality aggregate(List<? extends StatsSource> links, Map<StatsSource, StatsSnapshot> fresh,
                                           double captureFps) {
        double kbps = 0;
        double audioKbps = 0;
        double rtt = 0;
        double loss = 0;
        List<CandidatePair> pairs = new ArrayList<>();
        StatsSnapshot first = fresh.get(links.get(0));
        StatsSnapshot firstBefore = sendSnapshots.getOrDefault(links.get(0), StatsSnapshot.EMPTY);
        for (StatsSource link : links) {
            StatsSnapshot now = fresh.get(link);
            StatsSnapshot before = sendSnapshots.getOrDefault(link, StatsSnapshot.EMPTY);
            kbps += now.kbps(before);
            audioKbps += now.audioKbps(before);
            rtt = Math.max(rtt, now.rttSeconds() * 1000);
            loss = Math.max(loss, now.fractionLost());
            pairs.add(now.pair());
            sendSnapshots.put(link, now);
        }
        double encodeFps = first.framesPerSecondSince(firstBefore);
        return new PublishStreamQuality(captureFps, encodeFps, first.framesPerSecond(), kbps, (int) Math.round(rtt), loss,
                first.width(), first.height(), first.codec(), links.size(), audioKbps,
                QualityLevels.of(loss, rtt, encodeFps > 0 || audioKbps > 0), pairs);
    }

    private void emitPublished(String streamId, PublishStreamQuality quality) {
        publishedLevels.put(streamId, quality.level());
        callbacks.emit(h -> h.onPublisherQualityUpdate(streamId, quality));
    }

    private void reportPlayed(PlayMeter meter) {
        long rendered = meter.rendered.get();
        meter.link.stats(now -> {
            StatsSnapshot before = meter.lastSnapshot;
            meter.lastSnapshot = now;
            double renderFps = before == StatsSnapshot.EMPTY ? 0
                    : (rendered - meter.renderedAtLastReport) / now.seconds(before);
            meter.renderedAtLastReport = rendered;
            double loss = now.lossRate(before);
            double rtt = now.rttSeconds() * 1000;
            double decodeFps = now.framesPerSecondSince(before);
            PlayStreamQuality quality = new PlayStreamQuality(now.framesPerSecond(), decodeFps, renderFps,
                    now.kbps(before), (int) Math.round(rtt), loss, now.jitterSeconds() * 1000, now.width(), now.height(),
                    now.codec(), now.audioPacketsPerSecond(before), now.audioKbps(before),
                    QualityLevels.of(loss, rtt, decodeFps > 0 || now.framesPerSecond() > 0 || now.audioKbps(before) > 0),
                    now.pair());
            meter.level = quality.level();
            callbacks.emit(h -> h.onPlayerQualityUpdate(meter.streamId, quality));
        });
    }

    private void checkBreaks() {
        long now = loop.nanoTime();
        boolean checkAudio = ++breakChecks % AUDIO_CHECK_EVERY == 0;
        for (PlayMeter meter : streams.playing()) {
            if (checkAudio) {
                checkAudio(meter);
            }
            long last = meter.lastFrameNanos;
            if (last == 0 || !meter.videoWanted) {
                continue;
            }
            boolean stalled = now - last > BREAK_THRESHOLD_NANOS;
            if (stalled != meter.broken) {
                meter.broken = stalled;
                PlayerMediaEvent event = stalled ? PlayerMediaEvent.VIDEO_BREAK_OCCUR : PlayerMediaEvent.VIDEO_BREAK_RESUME;
                callbacks.emit(h -> h.onPlayerMediaEvent(meter.streamId, event));
            }
        }
    }

    /**
     * Audio stalls when no audio packet arrived since the last look (500 ms ago, at 50 packets a
     * second); streams that never carried audio report nothing.
     */
    private void checkAudio(PlayMeter meter) {
        meter.link.audioProgress(packets -> {
            if (packets <= 0 || meter.lastAudioPackets <= 0) {
                meter.lastAudioPackets = packets;
                return;
            }
            boolean stalled = packets <= meter.lastAudioPackets;
            meter.lastAudioPackets = packets;
            if (stalled != meter.audioBroken) {
                meter.audioBroken = stalled;
                PlayerMediaEvent event = stalled ? PlayerMediaEvent.AUDIO_BREAK_OCCUR : PlayerMediaEvent.AUDIO_BREAK_RESUME;
                callbacks.emit(h -> h.onPlayerMediaEvent(meter.streamId, event));
            }
        });
    }
}
