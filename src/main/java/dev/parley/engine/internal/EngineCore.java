package dev.parley.engine.internal;

import dev.parley.engine.EngineProfile;
import dev.parley.engine.EventHandler;
import dev.parley.engine.VideoConfig;
import dev.parley.protocol.MessageCodec;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one engine's parts share: profile, threads, callback dispatcher, media runtime and request
 * IDs.
 *
 * <p>Thread-safe. Lives from createEngine to the end of destroyEngine.
 */
final class EngineCore implements EngineContext {
    private static final Logger LOG = LoggerFactory.getLogger(EngineCore.class);
    private static final MessageCodec CODEC = new MessageCodec();

    private final EngineProfile profile;
    private final EngineThreads threads;
    private final CallbackDispatcher callbacks;
    private final MediaRuntime media;
    private final AtomicLong requestIds = new AtomicLong();
    private final Consumer<RoomSession> onSessionEnded;

    EngineCore(EngineProfile profile, EventHandler handler, Consumer<RoomSession> onSessionEnded) {
        this.profile = profile;
        this.onSessionEnded = onSessionEnded;
        this.threads = new EngineThreads(profile.callbackExecutor() == null);
        Executor executor = profile.callbackExecutor() != null ? profile.callbackExecutor() : threads.callbackThread();
        this.callbacks = new CallbackDispatcher(executor, handler);
        this.media = new MediaRuntime(this, threads.engineNumber(), VideoConfig.preset(profile.scenario()), profile.audioDevices());
        LOG.info("engine {} created for app {} on {}", threads.engineNumber(), profile.appID(), profile.serverUrl());
    }

    EngineThreads threads() {
        return threads;
    }

    @Override
    public ScheduledExecutorService loop() {
        return threads.loop();
    }

    @Override
    public EngineProfile profile() {
        return profile;
    }

    @Override
    public MessageCodec codec() {
        return CODEC;
    }

    @Override
    public CallbackDispatcher callbacks() {
        return callbacks;
    }

    @Override
    public long nextRequestId() {
        return requestIds.incrementAndGet();
    }

    @Override
    public MediaRuntime media() {
        return media;
    }

    @Override
    public void sessionEnded(RoomSession session) {
        onSessionEnded.accept(session);
    }
}
