package dev.parley.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal RFC 6455 client for many connections on few threads: plain {@code ws://}, text
 * messages, ping and close; no extensions. Each of a few event loops owns one selector and the
 * connections given to it, so 500 users cost as many threads as there are loops.
 *
 * <p>It exists so that the simulated users weigh as little as possible on the machine they share
 * with the server under test: the arrival time is read once per {@code read()}, and a message is
 * decoded straight from the read buffer. Thread-safe: any thread may send; reads, frame parsing
 * and listener calls happen on the connection's loop.
 */
final class NioClientConnector implements ClientSocket.Connector {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int OP_CONTINUATION = 0;
    private static final int OP_TEXT = 1;
    private static final int OP_BINARY = 2;
    private static final int OP_CLOSE = 8;
    private static final int OP_PING = 9;
    private static final int OP_PONG = 10;

    private final Loop[] loops;

    NioClientConnector(int threads) throws IOException {
        loops = new Loop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new Loop("bench-nio-client-" + (i + 1));
        }
    }

    @Override
    public void connect(URI uri, int index, ClientSocket.Events events) {
        Loop loop = loops[index % loops.length];
        loop.execute(() -> loop.open(uri, events));
    }

    @Override
    public String describe() {
        return "a minimal NIO WebSocket client (RFC 6455, " + loops.length + " selector thread(s) for all users); "
                + "arrival is the time right after the read that completed the message, before parsing";
    }

    @Override
    public void close() {
        for (Loop loop : loops) {
            loop.shutdown();
        }
    }

    /** One selector thread and its connections. */
    private static final class Loop implements Runnable {
        private final Selector selector;
        private final Thread thread;
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private volatile boolean running = true;

        Loop(String name) throws IOException {
            this.selector = Selector.open();
            this.thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        void execute(Runnable task) {
            tasks.add(task);
            selector.wakeup();
        }

        void open(URI uri, ClientSocket.Events events) {
            Connection connection = new Connection(this, uri, events);
            try {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                connection.channel = channel;
                int port = uri.getPort() < 0 ? 80 : uri.getPort();
                boolean connected = channel.connect(new InetSocketAddress(uri.getHost(), port));
                connection.key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT,
                        connection);
                if (connected) {
                    connection.connected();
                }
            } catch (IOException e) {
                connection.fail("connect failed: " + e);
            }
        }

        @Override
        public void run() {
            try {
                while (running) {
                    selector.select();
                    Runnable task;
                    while ((task = tasks.poll()) != null) {
                        task.run();
                    }
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        Connection connection = (Connection) key.attachment();
                        connection.ready(key);
                    }
                }
            } catch (IOException | ClosedSelectorException e) {
                // shutting down
            } finally {
                for (SelectionKey key : selector.keys()) {
                    ((Connection) key.attachment()).fail("client shut down");
                }
                try {
                    selector.close();
                } catch (IOException e) {
                    // nothing left to do
                }
            }
        }

        void shutdown() {
            running = false;
            selector.wakeup();
        }
    }

    /** One WebSocket. Read state is owned by the loop; the write queue is guarded by {@code this}. */
    private static final class Connection implements ClientSocket {
        private final Loop loop;
        private final URI uri;
        private final ClientSocket.Events events;
        private final String secKey;
        private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
        private final ByteArrayOutputStream fragments = new ByteArrayOutputStream();
        private SocketChannel channel;
        private SelectionKey key;
        private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        private boolean handshaken;
        private boolean fragmented;
        private boolean closeSent;
        private volatile boolean ended;

        Connection(Loop loop, URI uri, ClientSocket.Events events) {
            this.loop = loop;
            this.uri = uri;
            this.events = events;
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            this.secKey = Base64.getEncoder().encodeToString(nonce);
        }

        void ready(SelectionKey selected) {
            try {
                if (!selected.isValid()) {
                    return;
                }
                if (selected.isConnectable()) {
                    if (channel.finishConnect()) {
                        selected.interestOps(SelectionKey.OP_READ);
                        connected();
                    }
                    return;
                }
                if (selected.isWritable()) {
                    flush();
                }
                if (selected.isReadable()) {
                    read();
                }
            } catch (IOException | RuntimeException e) {
                fail(e.toString());
            }
        }

        void connected() throws IOException {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String request = "GET " + path + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + secKey + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n";
            write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        }

        private void read() throws IOException {
            if (!in.hasRemaining()) {
                grow(in.capacity() * 2);
            }
            int n = channel.read(in);
            long now = System.nanoTime();
            if (n < 0) {
                fail("connection closed by peer");
                return;
            }
            in.flip();
            if (!handshaken && !handshake()) {
                in.compact();
                return;
            }
            frames(now);
            if (!ended) {
                in.compact();
            }
        }

        private boolean handshake() throws IOException {
            int end = -1;
            for (int i = in.position(); i + 3 < in.limit(); i++) {
                if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                    end = i + 4;
                    break;
                }
            }
            if (end < 0) {
                return false;
            }
            byte[] head = new byte[end - in.position()];
            in.get(head);
            String response = new String(head, StandardCharsets.ISO_8859_1);
            String[] lines = response.split("\r\n");
            if (lines.length == 0 || !lines[0].contains(" 101")) {
                throw new IOException("handshake refused: " + (lines.length == 0 ? "" : lines[0]));
            }
            String expected = expectedAccept();
            boolean accepted = false;
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
                    accepted = line.substring(colon + 1).trim().equals(expected);
                }
            }
            if (!accepted) {
                throw new IOException("bad Sec-WebSocket-Accept");
            }
            handshaken = true;
            events.opened(this);
            return true;
        }

        private String expectedAccept() {
            try {
                MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
                return Base64.getEncoder().encodeToString(
                        sha1.digest((secKey + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Handles every whole frame in {@code in} (flipped); leaves a partial frame in place. */
        private void frames(long arrivalNanos) throws IOException {
            while (!ended && in.remaining() >= 2) {
                int start = in.position();
                int b0 = in.get(start) & 0xFF;
                int b1 = in.get(start + 1) & 0xFF;
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0F;
                boolean masked = (b1 & 0x80) != 0;
                long length = b1 & 0x7F;
                int header = 2;
                if (length == 126) {
                    if (in.remaining() < 4) {
                        return;
                    }
                    length = in.getShort(start + 2) & 0xFFFF;
                    header = 4;
                } else if (length == 127) {
                    if (in.remaining() < 10) {
                        return;
                    }
                    length = in.getLong(start + 2);
                    header = 10;
                }
                if (length < 0 || length > 16L * 1024 * 1024) {
                    throw new IOException("frame too large: " + length);
                }
                int maskAt = start + header;
                if (masked) {
                    header += 4;
                }
                int total = header + (int) length;
                if (in.remaining() < total) {
                    if (total > in.capacity()) {
                        // make room for the whole frame; the caller compacts
                        ByteBuffer bigger = ByteBuffer.allocate(Math.max(total, in.capacity() * 2));
                        bigger.put(in);
                        bigger.flip();
                        in = bigger;
                    }
                    return;
                }
                byte[] payload = new byte[(int) length];
                in.position(start + header);
                in.get(payload);
                if (masked) {
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= in.get(maskAt + (i & 3));
                    }
                }
                frame(fin, opcode, payload, arrivalNanos);
            }
        }

        private void frame(boolean fin, int opcode, byte[] payload, long arrivalNanos) throws IOException {
            switch (opcode) {
                case OP_TEXT, OP_BINARY -> {
                    if (fin) {
                        if (opcode == OP_TEXT) {
                            events.text(new String(payload, StandardCharsets.UTF_8), arrivalNanos);
                        }
                    } else {
                        fragmented = opcode == OP_TEXT;
                        fragments.reset();
                        fragments.write(payload);
                    }
                }
                case OP_CONTINUATION -> {
                    fragments.write(payload);
                    if (fin && fragmented) {
                        events.text(fragments.toString(StandardCharsets.UTF_8), arrivalNanos);
                        fragments.reset();
                    }
                }
                case OP_PING -> write(frameOf(OP_PONG, payload));
                case OP_PONG -> {
                    // unsolicited pongs are ignored
                }
                case OP_CLOSE -> {
                    int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    String reason = payload.length > 2
                            ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                    if (!closeSent) {
                        closeSent = true;
                        write(frameOf(OP_CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]));
                    }
                    end(code, reason);
                }
                default -> throw new IOException("unknown opcode " + opcode);
            }
        }

        private void grow(int capacity) {
            ByteBuffer bigger = ByteBuffer.allocate(capacity);
            in.flip();
            bigger.put(in);
            in = bigger;
        }

        private static ByteBuffer frameOf(int opcode, byte[] payload) {
            int length = payload.length;
            int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
            ByteBuffer frame = ByteBuffer.allocate(header + 4 + length);
            frame.put((byte) (0x80 | opcode));
            if (length < 126) {
                frame.put((byte) (0x80 | length));
            } else if (length <= 0xFFFF) {
                frame.put((byte) (0x80 | 126));
                frame.putShort((short) length);
            } else {
                frame.put((byte) (0x80 | 127));
                frame.putLong(length);
            }
            int mask = ThreadLocalRandom.current().nextInt();
            frame.putInt(mask);
            byte[] maskBytes = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
            for (int i = 0; i < length; i++) {
                frame.put((byte) (payload[i] ^ maskBytes[i & 3]));
            }
            frame.flip();
            return frame;
        }

        @Override
        public void sendText(String text) {
            try {
                write(frameOf(OP_TEXT, text.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                fail("send failed: " + e);
            }
        }

        @Override
        public void close() {
            loop.execute(() -> {
                if (!closeSent && !ended) {
                    closeSent = true;
                    try {
                        write(frameOf(OP_CLOSE, new byte[] {(byte) (1000 >>> 8), (byte) (1000 & 0xFF)}));
                    } catch (IOException e) {
                        fail("close failed: " + e);
                    }
                }
            });
        }

        @Override
        public void abort() {
            loop.execute(() -> fail("aborted"));
        }

        /** Writes now if nothing is queued; whatever does not fit waits for the loop. */
        private void write(ByteBuffer frame) throws IOException {
            boolean wantWrite = false;
            synchronized (this) {
                if (ended) {
                    return;
                }
                if (pending.isEmpty()) {
                    channel.write(frame);
                }
                if (frame.hasRemaining()) {
                    wantWrite = pending.isEmpty();
                    pending.add(frame);
                }
            }
            if (wantWrite) {
                loop.execute(() -> {
                    if (key.isValid()) {
                        key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                    }
                });
            }
        }

        private void flush() throws IOException {
            synchronized (this) {
                while (!pending.isEmpty()) {
                    ByteBuffer head = pending.peek();
                    channel.write(head);
                    if (head.hasRemaining()) {
                        return;
                    }
                    pending.poll();
                }
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        private void end(int code, String reason) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                pending.clear();
            }
            try {
                if (key != null) {
                    key.cancel();
                }
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                // closing anyway
            }
            events.closed(code, reason);
        }

        void fail(String why) {
            end(1006, why);
        }
    }
}
