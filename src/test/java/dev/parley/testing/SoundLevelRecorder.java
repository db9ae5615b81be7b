package dev.parley.testing;

import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.PublishStreamQuality;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link EventRecorder} that also keeps the latest sound levels (captured, and each played
 * stream's), the threads they arrived on, and the quality reports of played and published streams.
 * Levels are not recorded as events, since they come ten times a second. Thread-safe.
 */
public class SoundLevelRecorder extends EventRecorder {
    private volatile float captured = -1;
    private volatile long capturedReports;
    private final Map<String, Float> remote = new ConcurrentHashMap<>();
    private volatile long remoteReports;
    private final java.util.Set<String> levelThreads = ConcurrentHashMap.newKeySet();
    private final Map<String, PlayStreamQuality> played = new ConcurrentHashMap<>();
    private final List<PublishStreamQuality> published = new CopyOnWriteArrayList<>();

    @Override
    public void onCapturedSoundLevelUpdate(float soundLevel) {
        levelThreads.add(Thread.currentThread().getName());
        captured = soundLevel;
        capturedReports++;
    }

    @Override
    public void onRemoteSoundLevelUpdate(Map<String, Float> soundLevels) {
        levelThreads.add(Thread.currentThread().getName());
        remote.keySet().retainAll(soundLevels.keySet());
        remote.putAll(soundLevels);
        remoteReports++;
    }

    @Override
    public void onPlayerQualityUpdate(String streamID, PlayStreamQuality quality) {
        played.put(streamID, quality);
    }

    @Override
    public void onPublisherQualityUpdate(String streamID, PublishStreamQuality quality) {
        published.add(quality);
    }

    /** The last captured level, or -1 before the first report. */
    public float captured() {
        return captured;
    }

    public long capturedReports() {
        return capturedReports;
    }

    /** The last level of a played stream, or -1 when the last report did not name it. */
    public float remote(String streamID) {
        return remote.getOrDefault(streamID, -1f);
    }

    public long remoteReports() {
        return remoteReports;
    }

    /** The threads the level callbacks ran on. */
    public java.util.Set<String> levelThreads() {
        return java.util.Set.copyOf(levelThreads);
    }

    /** The last quality report of a played stream, or null. */
    public PlayStreamQuality lastPlayed(String streamID) {
        return played.get(streamID);
    }

    /** Every publisher quality report so far. */
    public List<PublishStreamQuality> published() {
        return List.copyOf(published);
    }
}
