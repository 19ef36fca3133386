package io.ifastapi.tls;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP/2 client that writes frames byte by byte, so tests can send what well-behaved clients never send (resets
 * right after HEADERS, endless CONTINUATION, SETTINGS and PING floods, more streams than allowed). Header blocks are
 * encoded as HPACK literals without indexing (RFC 7541 6.2.2, no Huffman): simple and valid. The server's header
 * blocks are decoded by the adapter's own HPACK decoder ({@link Hpack}: the Jetty tests must not load Netty, nor
 * the Netty tests Jetty). Over TLS it asks for h2 by ALPN; on a plain port it speaks h2c with
 * prior knowledge.
 */
public final class RawHttp2 implements AutoCloseable {
    public static final int DATA = 0;
    public static final int HEADERS = 1;
    public static final int RST_STREAM = 3;
    public static final int SETTINGS = 4;
    public static final int PING = 6;
    public static final int GOAWAY = 7;
    public static final int WINDOW_UPDATE = 8;
    public static final int CONTINUATION = 9;
    public static final int END_STREAM = 0x1;
    public static final int ACK = 0x1;
    public static final int END_HEADERS = 0x4;
    public static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Decodes one complete header block of the server's, with the connection's dynamic table. */
    @FunctionalInterface
    public interface Hpack {
        /** The fields in order, pseudo-headers (":status") included, as name and value. */
        List<Map.Entry<String, String>> decode(byte[] block) throws Exception;
    }

    /** Makes one {@link Hpack} per connection (the dynamic table is the connection's). */
    @FunctionalInterface
    public interface HpackFactory {
        Hpack newDecoder();
    }

    /** One frame as read. */
    public record Frame(int type, int flags, int streamId, byte[] payload) {
        /** The error code of a RST_STREAM or GOAWAY frame. */
        public int errorCode() {
            int at = type == GOAWAY ? 4 : 0;
            return ((payload[at] & 0xff) << 24) | ((payload[at + 1] & 0xff) << 16) | ((payload[at + 2] & 0xff) << 8)
                    | (payload[at + 3] & 0xff);
        }
    }

    /** A response, or how the stream ended without one. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body, Frame reset) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public List<String> all(String name) {
            return headers.getOrDefault(name, List.of());
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final Hpack decoder;
    /** The server's SETTINGS, by identifier. */
    private final Map<Integer, Long> serverSettings = new LinkedHashMap<>();
    private int nextStreamId = 1;

    private RawHttp2(Socket socket, Hpack decoder) throws IOException {
        this.socket = socket;
        this.decoder = decoder;
        socket.setSoTimeout(10_000);
        // buffered: one TLS record per flush, not one per frame
        this.out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects with the HTTP/2 preface and an empty SETTINGS frame: h2 by ALPN when {@code tls}, else h2c. */
    public static RawHttp2 connect(HpackFactory hpack, int port, boolean tls) throws IOException {
        return connect(hpack, port, tls, 0);
    }

    /**
     * As {@link #connect(HpackFactory, int, boolean)}, with a receive buffer of {@code receiveBufferBytes} (0: the system's) for a
     * client that means not to read: the server's answers then pile up on its side sooner.
     */
    public static RawHttp2 connect(HpackFactory hpack, int port, boolean tls, int receiveBufferBytes)
            throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes); // before connecting: it sets the TCP window
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
        if (tls) {
            SSLSocket ssl = (SSLSocket) TlsClients.certificates().clientContext().getSocketFactory()
                    .createSocket(socket, "127.0.0.1", port, true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setApplicationProtocols(new String[]{"h2"});
            ssl.setSSLParameters(parameters);
            ssl.setSoTimeout(10_000);
            ssl.startHandshake();
            if (!"h2".equals(ssl.getApplicationProtocol())) {
                ssl.close();
                throw new IOException("ALPN did not choose h2 but '" + ssl.getApplicationProtocol() + "'");
            }
            socket = ssl;
        }
        RawHttp2 connection = new RawHttp2(socket, hpack.newDecoder());
        connection.out.write(PREFACE);
        connection.frame(SETTINGS, 0, 0, new byte[0]);
        connection.flush();
        return connection;
    }

    public void soTimeout(int millis) throws SocketException {
        socket.setSoTimeout(millis);
    }

    public int newStreamId() {
        int id = nextStreamId;
        nextStreamId += 2;
        return id;
    }

    /** The server's SETTINGS value, once its SETTINGS frame has been read (by any read). */
    public Long serverSetting(int id) {
        return serverSettings.get(id);
    }

    public void frame(int type, int flags, int streamId, byte[] payload) throws IOException {
        int length = payload.length;
        out.write(new byte[]{(byte) (length >>> 16), (byte) (length >>> 8), (byte) length, (byte) type, (byte) flags,
                (byte) (streamId >>> 24), (byte) (streamId >>> 16), (byte) (streamId >>> 8), (byte) streamId});
        out.write(payload);
    }

    public void flush() throws IOException {
        out.flush();
    }

    public void rst(int streamId, int errorCode) throws IOException {
        frame(RST_STREAM, 0, streamId, int32(errorCode));
    }

    public static byte[] int32(int value) {
        return new byte[]{(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** A request head (pseudo-headers first) as an HPACK block of literals. */
    public static byte[] block(String method, String path, String... headers) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        literal(block, ":method", method);
        literal(block, ":scheme", "https");
        literal(block, ":authority", "127.0.0.1");
        literal(block, ":path", path);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            literal(block, headers[i], headers[i + 1]);
        }
        return block.toByteArray();
    }

    /** A literal header field without indexing, new name, no Huffman (RFC 7541 6.2.2). */
    public static void literal(ByteArrayOutputStream block, String name, String value) {
        block.write(0);
        string(block, name.getBytes(StandardCharsets.UTF_8));
        string(block, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void string(ByteArrayOutputStream block, byte[] bytes) {
        int length = bytes.length; // 7-bit prefix integer, H = 0
        if (length < 127) {
            block.write(length);
        } else {
            block.write(127);
            length -= 127;
            while (length >= 128) {
                block.write((length & 0x7f) | 0x80);
                length >>>= 7;
            }
            block.write(length);
        }
        block.writeBytes(bytes);
    }

    /** Sends a request on a new stream; returns its id. */
    public int send(String method, String path, byte[] body, String... headers) throws IOException {
        int id = newStreamId();
        boolean noBody = body == null || body.length == 0;
        frame(HEADERS, END_HEADERS | (noBody ? END_STREAM : 0), id, block(method, path, headers));
        if (!noBody) {
            for (int at = 0; at < body.length; at += 16_384) {
                int end = Math.min(body.length, at + 16_384);
                frame(DATA, end == body.length ? END_STREAM : 0, id, java.util.Arrays.copyOfRange(body, at, end));
            }
        }
        flush();
        return id;
    }

    /** Sends a request and reads until its response ends (or the stream is reset). */
    public Response request(String method, String path, byte[] body, String... headers) throws IOException {
        return response(send(method, path, body, headers));
    }

    /**
     * Reads frames until stream {@code id} ends: its response, or the RST_STREAM or GOAWAY that ended it (status
     * 0). Acknowledges the server's SETTINGS and PINGs and gives back flow-control credit for its DATA.
     */
    public Response response(int id) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteArrayOutputStream headerBlock = new ByteArrayOutputStream();
        int status = 0;
        while (true) {
            Frame frame = read();
            if (frame == null) {
                throw new EOFException("the server closed the connection before stream " + id + " ended");
            }
            if (frame.type() == GOAWAY) {
                return new Response(status, headers, body.toByteArray(), frame);
            }
            if (frame.streamId() != id) {
                continue;
            }
            switch (frame.type()) {
                case HEADERS, CONTINUATION -> {
                    byte[] fragment = frame.payload();
                    if (frame.type() == HEADERS && (frame.flags() & 0x8) != 0) { // PADDED
                        fragment = java.util.Arrays.copyOfRange(fragment, 1, fragment.length - (fragment[0] & 0xff));
                    }
                    if (frame.type() == HEADERS && (frame.flags() & 0x20) != 0) { // PRIORITY
                        fragment = java.util.Arrays.copyOfRange(fragment, 5, fragment.length);
                    }
                    headerBlock.writeBytes(fragment);
                    if ((frame.flags() & END_HEADERS) != 0) {
                        for (Map.Entry<String, String> field : decode(headerBlock.toByteArray())) {
                            String name = field.getKey();
                            if (name.equals(":status")) {
                                status = Integer.parseInt(field.getValue());
                            } else {
                                headers.computeIfAbsent(name, n -> new ArrayList<>()).add(field.getValue());
                            }
                        }
                        headerBlock.reset();
                    }
                }
                case DATA -> {
                    body.writeBytes(frame.payload());
                    if (frame.payload().length > 0) {
                        answer(WINDOW_UPDATE, 0, int32(frame.payload().length));
                    }
                }
                case RST_STREAM -> {
                    return new Response(status, headers, body.toByteArray(), frame);
                }
                default -> {
                }
            }
            if ((frame.type() == HEADERS || frame.type() == DATA) && (frame.flags() & END_STREAM) != 0
                    && status >= 200) {
                return new Response(status, headers, body.toByteArray(), null);
            }
        }
    }

    private List<Map.Entry<String, String>> decode(byte[] block) throws IOException {
        try {
            return decoder.decode(block);
        } catch (Exception e) {
            throw new IOException("undecodable header block from the server", e);
        }
    }

    /**
     * The next frame, null at the end of the connection (closed or reset by the server). Answers SETTINGS and PING
     * frames as a client must.
     */
    public Frame read() throws IOException {
        byte[] header = new byte[9];
        try {
            in.readFully(header);
        } catch (EOFException | SocketException closed) {
            return null;
        }
        int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        byte[] payload = new byte[length];
        try {
            in.readFully(payload);
        } catch (EOFException | SocketException closed) {
            return null;
        }
        int streamId = ((header[5] & 0x7f) << 24) | ((header[6] & 0xff) << 16) | ((header[7] & 0xff) << 8)
                | (header[8] & 0xff);
        Frame frame = new Frame(header[3] & 0xff, header[4] & 0xff, streamId, payload);
        if (frame.type() == SETTINGS && (frame.flags() & ACK) == 0) {
            for (int at = 0; at + 6 <= length; at += 6) {
                int id = ((payload[at] & 0xff) << 8) | (payload[at + 1] & 0xff);
                long value = ((long) (payload[at + 2] & 0xff) << 24) | ((payload[at + 3] & 0xff) << 16)
                        | ((payload[at + 4] & 0xff) << 8) | (payload[at + 5] & 0xff);
                serverSettings.put(id, value);
            }
            answer(SETTINGS, ACK, new byte[0]);
        } else if (frame.type() == PING && (frame.flags() & ACK) == 0) {
            answer(PING, ACK, payload);
        }
        return frame;
    }

    /** An answer the server may no longer want: it may have closed the connection after its last frame. */
    private void answer(int type, int flags, byte[] payload) {
        try {
            frame(type, flags, 0, payload);
            flush();
        } catch (IOException closed) {
            // the next read sees the end
        }
    }

    /**
     * Reads until the server ends the connection: returns its GOAWAY (null when it closed without one), after at
     * most {@code millis}.
     *
     * @throws SocketTimeoutException when the connection is still open after {@code millis}
     */
    public Frame awaitEnd(long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        Frame goAway = null;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("the connection is still open after " + millis + " ms");
            }
            socket.setSoTimeout((int) left);
            Frame frame;
            try {
                frame = read();
            } catch (SocketException reset) {
                return goAway;
            }
            if (frame == null) {
                return goAway;
            }
            if (frame.type() == GOAWAY) {
                goAway = frame;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
