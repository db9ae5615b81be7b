package dev.parley.engine.internal.devices;

import dev.parley.engine.DeviceInfo;
import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * The screens (monitors) this process can capture, as the display system reports them, the
 * primary first. IDs are {@code screen:} plus the display system's own screen name (on X11 for
 * example {@code screen::0.1}), stable while the display's setup does not change. Stateless; any
 * thread.
 */
final class Screens {
    static final String PREFIX = "screen:";

    private Screens() {
    }

    /** The screens; empty without a graphical display. */
    static List<DeviceInfo> list() {
        if (GraphicsEnvironment.isHeadless()) {
            return List.of();
        }
        GraphicsEnvironment environment = GraphicsEnvironment.getLocalGraphicsEnvironment();
        GraphicsDevice primary = environment.getDefaultScreenDevice();
        List<DeviceInfo> screens = new ArrayList<>();
        int number = 1;
        for (GraphicsDevice device : devices()) {
            Rectangle bounds = device.getDefaultConfiguration().getBounds();
            String name = "Screen " + number++ + " (" + bounds.width + "x" + bounds.height
                    + (device == primary ? ", primary)" : ")");
            screens.add(new DeviceInfo(PREFIX + device.getIDstring(), name));
        }
        return screens;
    }

    /** The screen with this ID, the primary one for null, or null if there is none. */
    static GraphicsDevice find(String screenId) {
        if (GraphicsEnvironment.isHeadless()) {
            return null;
        }
        if (screenId == null) {
            return GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice();
        }
        for (GraphicsDevice device : devices()) {
            if ((PREFIX + device.getIDstring()).equals(screenId)) {
                return device;
            }
        }
        return null;
    }

    private static List<GraphicsDevice> devices() {
        GraphicsEnvironment environment = GraphicsEnvironment.getLocalGraphicsEnvironment();
        GraphicsDevice primary = environment.getDefaultScreenDevice();
        List<GraphicsDevice> devices = new ArrayList<>(List.of(environment.getScreenDevices()));
        devices.remove(primary);
        devices.add(0, primary);
        return devices;
    }
}
