package dev.parley.media;

import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.PublisherState;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.User;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import dev.parley.testing.TestServers;

/**
 * Run by {@link HeadlessScreenShareTest} in a JVM without a display: tries to share the screen,
 * prints the publisher state it gets, then publishes MAIN to show that still works.
 */
public final class HeadlessScreenProbe {
    private HeadlessScreenProbe() {
    }

    public static void main(String[] args) {
        EventRecorder events = new EventRecorder();
        ParleyEngine engine = ParleyEngine.createEngine(TestServers.profile(args[0]).build(), events);
        engine.loginRoom("room", new User("headless"));
        events.awaitReason(RoomStateChangedReason.LOGINED);
        engine.startPublishingStream("headless_screen", PublishChannel.AUX);
        PublisherStateUpdate aux = events.await(PublisherStateUpdate.class, p -> p.streamID().equals("headless_screen"));
        System.out.println("aux " + aux.state() + " " + aux.errorCode());
        engine.startPublishingStream("headless_main");
        events.await(PublisherStateUpdate.class, p -> p.streamID().equals("headless_main") && p.state() == PublisherState.PUBLISHING);
        System.out.println("main PUBLISHING");
        Engines.destroy(engine);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
