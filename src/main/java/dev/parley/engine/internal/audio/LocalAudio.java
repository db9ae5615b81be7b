package dev.parley.engine.internal.audio;

import dev.onvoid.webrtc.media.audio.AudioDevice;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.parley.engine.DeviceInfo;
import dev.parley.engine.TestPattern;
import dev.parley.engine.UpdateType;
import dev.parley.engine.internal.core.Confinement;
import dev.parley.engine.internal.rtc.MediaFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An engine's published audio: the selected microphone (the system's, or the test tone) as one
 * track that every send connection shares, and the rules that keep the audio module's recording
 * off while the test tone is the source. When the source changes, the new track goes to
 * {@code replaced}, whose owner puts it on every connection that carries the old one.
 *
 * <p>Methods marked "RTC thread" check that they run there; {@link #devices()}, {@link #lock()}
 * and {@link #unsettled} are safe from any thread. Lives as long as the engine's media.
 */
public final class LocalAudio {
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

    private final MediaFactory factory;
    private final int engineNumber;
    private final Events events;
    private final Confinement rtc;
    private final Consumer<AudioTrack> replaced;
    /** Held while the tone pushes and while a connection adds or removes its audio sender. */
    private final Object lock = new Object();
    /** Send connections whose audio stream has not settled; the tone is held back while any exists. */
    private final Set<Object> unsettled = ConcurrentHashMap.newKeySet();
    private volatile List<DeviceInfo> devices = List.of(tone());
    /** RTC thread: the audio module's microphones at the last look ({@link #refresh()}). */
    private List<AudioDevice> microphones = List.of();
    /** The selected device; null until one is chosen (the system microphone where there is one). */
    private volatile String selected;
    private LocalAudioSource source;
    private int users;
    private volatile boolean enabled = true;
    /** Sound devices are open but no microphone is: the default source sends silence. */
    private volatile boolean noMicrophone;
    /** RTC thread: the running source is the silent stand-in for a missing microphone. */
    private boolean silent;
    /** What the test tone pushes, for the captured sound level. */
    private final SoundMeter toneMeter = SoundMeter.idle();

    /** Where the captured sound comes from now, for the captured sound level. */
    public enum Capture {
        /** The engine's test tone. */
        TONE,
        /** The system's microphone, through the sound server. */
        MICROPHONE,
        /** Nothing: the sound server has no microphone, and silence is sent. */
        SILENCE
    }

    /** What the engine is told; called on the RTC thread. */
    public interface Events {
        /** Audio is sent, but there is no microphone: silence goes out. */
        void noMicrophone();

        /** A microphone came or went. */
        void changed(UpdateType type, DeviceInfo device);
    }

    /** @param replaced takes the new track when the source changes under running connections; RTC thread */
    public LocalAudio(MediaFactory factory, int engineNumber, Events events, Confinement rtc,
                      Consumer<AudioTrack> replaced) {
        this.factory = factory;
        this.engineNumber = engineNumber;
        this.events = events;
        this.rtc = rtc;
        this.replaced = replaced;
    }

    private static DeviceInfo tone() {
        return new DeviceInfo(TestPattern.AUDIO_DEVICE_ID, "Test tone");
    }

    /** Held while the tone pushes and while a connection adds, swaps or removes its audio sender. */
    public Object lock() {
        return lock;
    }

    /** The microphones as last listed: the system default first where sound devices are open, the tone last. */
    public List<DeviceInfo> devices() {
        return devices;
    }

    /** RTC thread: lists the microphones again (creating the factory, which opens the sound devices). */
    public void refresh() {
        rtc.check();
        factory.get();
        List<DeviceInfo> all = new ArrayList<>();
        List<AudioDevice> listed = factory.microphones();
        if (listed == null) {
            return; // the listing failed: keep what was known rather than report changes
        }
        microphones = listed;
        // a sound server without a microphone still names a default input: the monitor of an output
        boolean anyMicrophone = listed.stream().anyMatch(m -> !m.getName().startsWith("default: "));
        noMicrophone = factory.playsAudio() && !anyMicrophone;
        for (AudioDevice mic : anyMicrophone ? listed : List.<AudioDevice>of()) {
            String name = mic.getName();
            if (name.startsWith("default: ")) {
                all.add(0, new DeviceInfo(DeviceInfo.DEFAULT_MICROPHONE_ID, "Default microphone (" + name.substring(9) + ")"));
            } else if (!LINUX && mic.getDescriptor() != null && !mic.getDescriptor().isEmpty()) {
                all.add(new DeviceInfo(mic.getDescriptor(), name));
            }
        }
        if (anyMicrophone && all.stream().noneMatch(d -> d.deviceID().equals(DeviceInfo.DEFAULT_MICROPHONE_ID))) {
            all.add(0, new DeviceInfo(DeviceInfo.DEFAULT_MICROPHONE_ID, "Default microphone"));
        }
        all.add(tone());
        List<DeviceInfo> before = devices;
        devices = List.copyOf(all);
        report(before, devices);
        followMicrophone();
    }

    private void report(List<DeviceInfo> before, List<DeviceInfo> after) {
        for (DeviceInfo gone : before) {
            if (after.stream().noneMatch(d -> d.deviceID().equals(gone.deviceID()))) {
                events.changed(UpdateType.DELETE, gone);
            }
        }
        for (DeviceInfo came : after) {
            if (before.stream().noneMatch(d -> d.deviceID().equals(came.deviceID()))) {
                events.changed(UpdateType.ADD, came);
            }
        }
    }

    /**
     * The microphone in use went: send silence rather than whatever the sound server records
     * instead (often the speakers' monitor). One came back while none was chosen: use it.
     */
    private void followMicrophone() {
        if (source == null) {
            return;
        }
        if (noMicrophone && source.usesDeviceRecording() && onDefault()) {
            selected = null;
            silent = true;
            events.noMicrophone();
            replaceSource(TestPattern.AUDIO_DEVICE_ID);
        } else if (!noMicrophone && silent && factory.playsAudio()) {
            silent = false;
            replaceSource(DeviceInfo.DEFAULT_MICROPHONE_ID);
        }
    }

    /** RTC thread: whether {@code deviceId} is a microphone of this engine. */
    public boolean knows(String deviceId) {
        rtc.check();
        refresh();
        return devices.stream().anyMatch(d -> d.deviceID().equals(deviceId));
    }

    /**
     * RTC thread: the audio track, started on first use with the chosen device, or the first
     * listed; with no microphone where the default one is meant, the silent stand-in.
     */
    public AudioTrack acquire() {
        rtc.check();
        if (source == null) {
            refresh();
            silent = onDefault() && noMicrophone;
            if (silent) {
                events.noMicrophone();
            }
            String device = silent ? TestPattern.AUDIO_DEVICE_ID : selected != null ? selected : devices.get(0).deviceID();
            source = open(device);
            if (source.usesDeviceRecording()) {
                AudioDevice chosen = deviceFor(device);
                if (chosen != null || factory.recordingStopped()) {
                    factory.startDeviceRecording(chosen);
                }
            }
        }
        users++;
        applyEnabled();
        return source.track();
    }

    private boolean onDefault() {
        return selected == null || DeviceInfo.DEFAULT_MICROPHONE_ID.equals(selected);
    }

    /**
     * RTC thread: the track sends only when enabled, not the silent stand-in, and not the tone
     * while a connection negotiates with the system's sound devices open: WebRTC then records the
     * real microphone into every send stream until the recording is stopped again.
     */
    private void applyEnabled() {
        if (source != null) {
            boolean holdBack = factory.playsAudio() && !source.usesDeviceRecording() && !unsettled.isEmpty();
            source.track().setEnabled(enabled && !silent && !holdBack);
        }
    }

    private LocalAudioSource open(String deviceId) {
        String trackId = "audio-" + engineNumber;
        LocalAudioSource opened;
        if (TestPattern.AUDIO_DEVICE_ID.equals(deviceId) || !factory.playsAudio()) {
            opened = new ToneSource(factory.get(), trackId, lock, unsettled::isEmpty, toneMeter, engineNumber);
        } else {
            opened = new MicrophoneSource(factory.get(), trackId);
        }
        opened.track().setEnabled(enabled && !silent);
        return opened;
    }

    /**
     * RTC thread: what is captured now, or would be once a stream is published: the tone when it
     * is chosen or no sound devices are open, silence when the default microphone is meant and
     * the sound server has none, else the microphone. Reflects the last device look.
     */
    public Capture capture() {
        rtc.check();
        if (!factory.playsAudio() || TestPattern.AUDIO_DEVICE_ID.equals(selected)) {
            return Capture.TONE;
        }
        if (source != null ? silent : noMicrophone && onDefault()) {
            return Capture.SILENCE;
        }
        return Capture.MICROPHONE;
    }

    /** What the running test tone pushed, for the captured sound level; any thread. */
    public SoundMeter toneMeter() {
        return toneMeter;
    }

    /** RTC thread: whether the test tone runs (a stream is published with it). */
    public boolean toneRunning() {
        rtc.check();
        return source != null && !source.usesDeviceRecording();
    }

    /** RTC thread: one user let go; the last one stops the source. */
    public void release() {
        rtc.check();
        if (users > 0 && --users == 0 && source != null) {
            source.dispose();
            source = null;
        }
    }

    /** A send connection with audio starts negotiating: hold the tone back until it settles. Any thread. */
    public void unsettled(Object link) {
        unsettled.add(link);
    }

    /** RTC thread: the connection's audio stream runs; recording it started stops unless the microphone needs it. */
    public void settled(Object link) {
        rtc.check();
        if (unsettled.contains(link)) {
            if (source == null || !source.usesDeviceRecording()) {
                factory.stopDeviceRecording();
            }
            unsettled.remove(link);
            applyEnabled();
        }
    }

    /** RTC thread: the connection closed before it settled; any recording it started stops as above. */
    public void abandoned(Object link) {
        settled(link);
    }

    /** RTC thread: sends audio (true) or silence. */
    public void enable(boolean on) {
        rtc.check();
        enabled = on;
        applyEnabled();
    }

    /** RTC thread: selects a known device; a running source is replaced on every connection. */
    public void use(String deviceId) {
        rtc.check();
        selected = deviceId;
        if (source == null) {
            return;
        }
        silent = false;
        replaceSource(deviceId);
    }

    /** RTC thread: a new source for {@code deviceId}, put on every connection, the old one disposed. */
    private void replaceSource(String deviceId) {
        LocalAudioSource old = source;
        boolean recorded = !TestPattern.AUDIO_DEVICE_ID.equals(deviceId) && factory.playsAudio();
        if (!recorded) {
            factory.stopDeviceRecording(); // before the tone pushes: never both at once
        }
        source = open(deviceId);
        replaced.accept(source.track());
        old.dispose();
        if (recorded) {
            factory.startDeviceRecording(deviceFor(deviceId)); // the old tone has stopped pushing
        }
        applyEnabled();
    }

    private AudioDevice deviceFor(String deviceId) {
        if (DeviceInfo.DEFAULT_MICROPHONE_ID.equals(deviceId)) {
            return null;
        }
        return microphones.stream().filter(m -> deviceId.equals(m.getDescriptor())).findFirst().orElse(null);
    }

    /** RTC thread: at destroy, after the connections closed. */
    public void dispose() {
        rtc.check();
        if (source != null) {
            source.dispose();
            source = null;
        }
        users = 0;
    }
}
