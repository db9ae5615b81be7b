package dev.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of a server, so that tests can cut a client's connection
 * ({@link #dropAll()}), make it go silent without closing it ({@link #freeze()}), or hold back
 * what the server sends while the clients' bytes still reach it ({@link #holdServerBytes()}).
 * Thread-safe; close it after the test.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;
    private volatile boolean closed;
    private final Object held = new Object();
    private boolean holding;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "ws://127.0.0.1:" + listener.getLocalPort();
    }

    /** Stops forwarding bytes in both directions while keeping the sockets open. */
    public void freeze() {
        frozen = true;
    }

    public void unfreeze() {
        frozen = false;
    }

    /** Keeps what the server sends from reaching the clients, without losing it, until {@link #releaseServerBytes()}. */
    public void holdServerBytes() {
        synchronized (held) {
            holding = true;
        }
    }

    /** Lets what the server sent while held, and everything after it, through to the clients. */
    public void releaseServerBytes() {
        synchronized (held) {
            holding = false;
            held.notifyAll();
        }
    }

    /** Closes every proxied connection at once, as a network failure would. */
    public void dropAll() {
        for (Socket s : sockets) {
            try {
                s.setSoLinger(true, 0);
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        sockets.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, false);
                pump(upstream, client, true);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromServer) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (fromServer) {
                        awaitRelease();
                    }
                    if (!frozen) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException ignored) {
                // one side closed
            } finally {
                try {
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void awaitRelease() throws IOException {
        synchronized (held) {
            while (holding && !closed) {
                try {
                    held.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while held", e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        releaseServerBytes();
        listener.close();
        dropAll();
    }
}
