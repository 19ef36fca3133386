package io.ifastapi.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket client of bench/ws-growth.sh, run in its own process so that the server's memory and CPU are its
 * own: plain NIO on one thread, RFC 6455 by hand (the upgrade request, the 101 checked against its
 * Sec-WebSocket-Accept, frames parsed; client frames masked), against the demo's {@code WS /ws}, which first sends
 * {@code {"key": <session key>}} and then echoes every text message.
 *
 * <pre>
 * hold PORT COOKIE SOURCE_IP HOLD_SECONDS
 *     Reads target counts from stdin, one a line, ascending. For each, opens connections until that many are open
 *     (upgraded with the Cookie header COOKIE, greeting read), prints "held N failed F badgreeting G closed C", and
 *     keeps them idle, answering the server's pings. Exits at the end of stdin or after HOLD_SECONDS.
 * echo PORT COOKIE SOURCE_IP CONNS WARMUP_S MEASURE_S SERVER_PID CLK_TCK
 *     Opens CONNS connections, then on each sends a 32-byte text message and waits for its echo, over and over:
 *     WARMUP_S unmeasured, then MEASURE_S measured. Prints one line of key=value: round trips/s, latency p50/p99, the
 *     server's CPU over the measured window (utime + stime of /proc/SERVER_PID/stat) per round trip, its own CPU.
 * </pre>
 * SOURCE_IP (e.g. 127.0.0.7, or - for the default) is the local address the connections are bound to: each
 * loopback source address has its own ~28k ephemeral ports, so successive runs on different addresses do not run
 * out of them while earlier connections sit in TIME_WAIT. One process holds at most its open-files limit.
 */
public final class WsLoad {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final byte[] MESSAGE = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Upgrades in progress at once: enough to open thousands per second, few enough for the listen backlog. */
    private static final int MAX_HANDSHAKING = 256;
    private static final int CONNECTING = 0;
    private static final int UPGRADING = 1;
    private static final int GREETING = 2;
    private static final int OPEN = 3;

    private final Selector selector;
    private final InetSocketAddress server;
    private final InetAddress source;
    private final byte[] request;
    private final String expectedAccept;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final List<Conn> open = new ArrayList<>();
    private int handshaking;
    private int failed;
    private int badGreeting;
    private int closedByServer;
    private String firstFailure;

    // echo mode
    private boolean echoing;
    private long measureFrom = Long.MAX_VALUE;
    private long measureTo = Long.MAX_VALUE;
    private int[] latenciesMicros = new int[1 << 20];
    private int latencies;
    private long roundTrips;
    private long mismatches;

    private WsLoad(int port, String cookie, String sourceIp) throws IOException {
        this.selector = Selector.open();
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.source = sourceIp.equals("-") ? null : InetAddress.getByName(sourceIp);
        // One key for every connection: the server checks its form, not its uniqueness, and the accept is computed
        // once (RFC 6455 asks for a random nonce per connection; it only protects against caching intermediaries).
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        this.expectedAccept = accept(key);
        this.request = ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + (cookie.isEmpty() ? "" : "Cookie: " + cookie + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("hold")) {
            new WsLoad(Integer.parseInt(args[1]), args[2], args[3]).hold(Long.parseLong(args[4]));
        } else if (args.length == 9 && args[0].equals("echo")) {
            new WsLoad(Integer.parseInt(args[1]), args[2], args[3]).echo(Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]), args[7], Long.parseLong(args[8]));
        } else {
            System.err.println("usage: WsLoad hold PORT COOKIE SOURCE_IP HOLD_SECONDS\n"
                    + "       WsLoad echo PORT COOKIE SOURCE_IP CONNS WARMUP_S MEASURE_S SERVER_PID CLK_TCK");
            System.exit(2);
        }
    }

    // --- the two modes -------------------------------------------------------------------------------------------

    private void hold(long holdSeconds) throws IOException, InterruptedException {
        LinkedBlockingQueue<Integer> targets = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        targets.add(Integer.parseInt(line.trim()));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                System.err.println("stdin: " + e);
            }
            targets.add(-1);
        });
        reader.setDaemon(true);
        reader.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(holdSeconds);
        while (System.nanoTime() < end) {
            Integer target = targets.poll();
            if (target != null) {
                if (target < 0) {
                    break;
                }
                grow(target, System.nanoTime() + TimeUnit.SECONDS.toNanos(120));
                System.out.printf("held %d failed %d badgreeting %d closed %d%n", open.size(), failed, badGreeting,
                        closedByServer);
                System.out.flush();
                if (firstFailure != null) {
                    System.err.println("first failure: " + firstFailure);
                }
            }
            step(200); // idle: answer pings, notice closes
        }
        closeAll();
    }

    private void echo(int conns, int warmupSeconds, int measureSeconds, String serverPid, long clockTicks)
            throws IOException {
        grow(conns, System.nanoTime() + TimeUnit.SECONDS.toNanos(120));
        long start = System.nanoTime();
        measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        measureTo = measureFrom + TimeUnit.SECONDS.toNanos(measureSeconds);
        echoing = true;
        for (Conn c : open) {
            sendMessage(c, System.nanoTime());
        }
        long server0 = -1;
        long self0 = -1;
        long server1 = -1;
        long self1 = -1;
        while (true) {
            step(10);
            long now = System.nanoTime();
            if (server0 < 0 && now >= measureFrom) {
                server0 = cpuTicks(serverPid);
                self0 = cpuTicks("self");
            }
            if (now >= measureTo) {
                server1 = cpuTicks(serverPid);
                self1 = cpuTicks("self");
                break;
            }
        }
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2); // let the last echoes arrive
        while (System.nanoTime() < drainUntil && open.stream().anyMatch(c -> c.waiting)) {
            step(10);
        }
        closeAll();
        int[] sorted = Arrays.copyOf(latenciesMicros, latencies);
        Arrays.sort(sorted);
        double serverSeconds = (server1 - server0) / (double) clockTicks;
        double selfSeconds = (self1 - self0) / (double) clockTicks;
        System.out.printf(Locale.ROOT, "conns=%d open=%d round_trips=%d rt_per_s=%.0f p50_ms=%.3f p99_ms=%.3f "
                        + "server_cpu_pct=%.0f server_us_per_rt=%s client_cpu_pct=%.0f failed=%d closed=%d mismatches=%d%n",
                conns, open.size(), roundTrips, roundTrips / (double) measureSeconds, pct(sorted, 0.50) / 1000.0,
                pct(sorted, 0.99) / 1000.0, serverSeconds / measureSeconds * 100,
                roundTrips == 0 ? "" : String.format(Locale.ROOT, "%.1f", serverSeconds / roundTrips * 1e6),
                selfSeconds / measureSeconds * 100, failed, closedByServer, mismatches);
        if (firstFailure != null) {
            System.err.println("first failure: " + firstFailure);
        }
    }

    private static double pct(int[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, (long) (p * sorted.length))];
    }

    /** utime + stime of /proc/PID/stat (fields 14 and 15), in clock ticks; PID "self" is this process. */
    private static long cpuTicks(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14, 15 counted from 1
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid + ": " + e, e);
        }
    }

    // --- connections ---------------------------------------------------------------------------------------------

    /** One connection and where it is: connecting, upgrading (waiting for the 101), waiting for the greeting, open. */
    private final class Conn {
        private final SocketChannel channel;
        private SelectionKey key;
        private int state = CONNECTING;
        private byte[] in = new byte[512];
        private int inLength;
        private ByteBuffer out;
        private long sentAt;
        private boolean waiting;

        private Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }

    /** Opens connections until {@code target} are open, at most MAX_HANDSHAKING upgrading at once, or the deadline. */
    private void grow(int target, long deadline) throws IOException {
        int attempts = 0;
        while (open.size() < target && System.nanoTime() < deadline) {
            while (open.size() + handshaking < target && handshaking < MAX_HANDSHAKING && attempts < 2 * target + 100) {
                attempts++;
                connect();
            }
            if (handshaking == 0 && open.size() < target) {
                break; // every attempt used up
            }
            step(50);
        }
        for (SelectionKey key : List.copyOf(selector.keys())) { // still upgrading at the deadline
            Conn c = (Conn) key.attachment();
            if (c.state != OPEN) {
                fail(c, "not upgraded within the deadline");
            }
        }
    }

    private void connect() {
        SocketChannel channel = null;
        Conn c = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (source != null) {
                channel.bind(new InetSocketAddress(source, 0));
            }
            c = new Conn(channel);
            c.key = channel.register(selector, SelectionKey.OP_CONNECT, c);
            handshaking++;
            if (channel.connect(server)) {
                connected(c);
            }
        } catch (IOException e) {
            if (c != null && c.key != null) {
                fail(c, "connect: " + e);
                return;
            }
            failed++;
            if (firstFailure == null) {
                firstFailure = "connect: " + e;
            }
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // failed anyway
                }
            }
        }
    }

    private void connected(Conn c) throws IOException {
        c.state = UPGRADING;
        c.key.interestOps(SelectionKey.OP_READ);
        write(c, ByteBuffer.wrap(request));
    }

    /** One select of at most {@code millis}, then every ready connection served. */
    private void step(long millis) throws IOException {
        selector.select(millis);
        for (SelectionKey key : selector.selectedKeys()) {
            Conn c = (Conn) key.attachment();
            try {
                if (!key.isValid()) {
                    continue;
                }
                if (key.isConnectable()) {
                    c.channel.finishConnect();
                    connected(c);
                    continue;
                }
                if (key.isWritable()) {
                    flush(c);
                }
                if (key.isValid() && key.isReadable()) {
                    read(c);
                }
            } catch (IOException e) {
                lost(c, e.toString());
            }
        }
        selector.selectedKeys().clear();
    }

    private void read(Conn c) throws IOException {
        readBuffer.clear();
        int n = c.channel.read(readBuffer);
        if (n < 0) {
            lost(c, "closed by the server");
            return;
        }
        if (c.inLength + n > c.in.length) {
            c.in = Arrays.copyOf(c.in, Math.max(c.in.length * 2, c.inLength + n));
        }
        readBuffer.flip();
        readBuffer.get(c.in, c.inLength, n);
        c.inLength += n;
        int used = c.state == UPGRADING ? upgrade(c) : 0;
        if (used < 0) {
            return; // failed, or the head is not complete yet
        }
        used = frames(c, used);
        if (used > 0 && c.key.isValid()) {
            System.arraycopy(c.in, used, c.in, 0, c.inLength - used);
            c.inLength -= used;
        }
    }

    /** Parses the 101 response; returns the bytes it used, or -1 (incomplete, or the connection failed). */
    private int upgrade(Conn c) {
        int end = indexOf(c.in, c.inLength, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            if (c.inLength > 16 * 1024) {
                fail(c, "response head over 16 KiB");
            }
            return -1;
        }
        String head = new String(c.in, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 101")) {
            fail(c, "upgrade answered '" + lines[0] + "'");
            return -1;
        }
        boolean accepted = false;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("sec-websocket-accept")) {
                accepted = line.substring(colon + 1).trim().equals(expectedAccept);
            }
        }
        if (!accepted) {
            fail(c, "101 without the expected Sec-WebSocket-Accept");
            return -1;
        }
        c.state = GREETING;
        return end + 4;
    }

    /** Parses whole frames from {@code from}; returns the offset after the last one. */
    private int frames(Conn c, int from) throws IOException {
        int at = from;
        while (c.key.isValid() && c.inLength - at >= 2) {
            int b0 = c.in[at] & 0xff;
            int b1 = c.in[at + 1] & 0xff;
            int header = 2;
            long length = b1 & 0x7f;
            if (length == 126) {
                if (c.inLength - at < 4) {
                    break;
                }
                length = ((c.in[at + 2] & 0xff) << 8) | (c.in[at + 3] & 0xff);
                header = 4;
            } else if (length == 127) {
                if (c.inLength - at < 10) {
                    break;
                }
                length = ByteBuffer.wrap(c.in, at + 2, 8).getLong();
                header = 10;
            }
            if ((b1 & 0x80) != 0) {
                fail(c, "masked frame from the server");
                break;
            }
            if (length > 1 << 20) {
                fail(c, "frame of " + length + " bytes");
                break;
            }
            if (c.inLength - at < header + length) {
                break;
            }
            int payload = at + header;
            at = payload + (int) length;
            boolean fin = (b0 & 0x80) != 0;
            switch (b0 & 0x0f) {
                case 0x9 -> write(c, frame(0xA, c.in, payload, (int) length)); // ping: pong with its payload
                case 0xA -> { } // pong
                case 0x8 -> lost(c, "close frame from the server");
                case 0x0, 0x1 -> {
                    if (fin) {
                        message(c, payload, (int) length);
                    }
                }
                default -> fail(c, "unexpected opcode " + (b0 & 0x0f));
            }
        }
        return at;
    }

    private void message(Conn c, int offset, int length) throws IOException {
        if (c.state == GREETING) {
            // the demo's {"key": <session key>}: "value" when the cookie of /set-session came along
            if (indexOf(Arrays.copyOfRange(c.in, offset, offset + length), length,
                    "\"value\"".getBytes(StandardCharsets.US_ASCII)) < 0) {
                badGreeting++;
            }
            c.state = OPEN;
            handshaking--;
            open.add(c);
            return;
        }
        if (!echoing || !c.waiting) {
            return;
        }
        long now = System.nanoTime();
        c.waiting = false;
        if (!Arrays.equals(c.in, offset, offset + length, MESSAGE, 0, MESSAGE.length)) {
            mismatches++;
        }
        if (now >= measureFrom && now < measureTo) {
            roundTrips++;
            if (latencies == latenciesMicros.length && latencies < 1 << 24) {
                latenciesMicros = Arrays.copyOf(latenciesMicros, latencies * 2);
            }
            if (latencies < latenciesMicros.length) {
                latenciesMicros[latencies++] = (int) Math.min(Integer.MAX_VALUE, (now - c.sentAt) / 1000);
            }
        }
        if (now < measureTo) {
            sendMessage(c, now);
        }
    }

    private void sendMessage(Conn c, long now) throws IOException {
        c.sentAt = now;
        c.waiting = true;
        write(c, frame(0x1, MESSAGE, 0, MESSAGE.length));
    }

    /** A final client frame: masked, as RFC 6455 requires of every frame a client sends. */
    private static ByteBuffer frame(int opcode, byte[] data, int offset, int length) {
        ByteBuffer frame = ByteBuffer.allocate(14 + length);
        frame.put((byte) (0x80 | opcode));
        if (length < 126) {
            frame.put((byte) (0x80 | length));
        } else if (length < 65536) {
            frame.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < length; i++) {
            frame.put((byte) (data[offset + i] ^ mask[i & 3]));
        }
        return frame.flip();
    }

    private void write(Conn c, ByteBuffer data) throws IOException {
        if (c.out != null && c.out.hasRemaining()) {
            c.out = ByteBuffer.allocate(c.out.remaining() + data.remaining()).put(c.out).put(data).flip();
        } else {
            c.out = data;
        }
        flush(c);
    }

    private void flush(Conn c) throws IOException {
        c.channel.write(c.out);
        int ops = c.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (c.key.isValid() && c.key.interestOps() != ops) {
            c.key.interestOps(ops);
        }
    }

    /** A connection that ends: a failure while it was opening, a close by the server once it was open. */
    private void lost(Conn c, String why) {
        if (c.state == OPEN) {
            closedByServer++;
            open.remove(c);
            close(c);
            if (firstFailure == null) {
                firstFailure = why;
            }
        } else {
            fail(c, why);
        }
    }

    private void fail(Conn c, String why) {
        if (!c.key.isValid()) {
            return;
        }
        failed++;
        handshaking--;
        if (firstFailure == null) {
            firstFailure = why;
        }
        close(c);
    }

    private void close(Conn c) {
        c.key.cancel();
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void closeAll() throws IOException {
        for (SelectionKey key : List.copyOf(selector.keys())) {
            Conn c = (Conn) key.attachment();
            if (c.state == OPEN) {
                try { // a close frame (1000), so that the server's session ends as a client's normal close
                    c.channel.write(frame(0x8, new byte[] {0x03, (byte) 0xE8}, 0, 2));
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            close(c);
        }
        selector.close();
    }

    private static int indexOf(byte[] data, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
