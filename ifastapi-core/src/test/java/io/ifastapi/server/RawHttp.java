package io.ifastapi.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A raw HTTP/1.x connection for tests that need byte-level control: what exactly is sent, how responses are framed,
 * whether the server closed the connection. Every read has a timeout, so a test can never hang on it.
 */
final class RawHttp implements AutoCloseable {
    static final int TIMEOUT_MS = 5_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(TIMEOUT_MS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends text as ISO-8859-1 bytes (so a test can write any byte value with \\uXXXX). */
    RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one response; {@code head} says whether it answers a HEAD request (no body whatever the headers say). */
    Response read(boolean head) throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new EOFException("connection closed before a response");
        }
        List<String[]> headers = new ArrayList<>();
        for (String line; !(line = readLine()).isEmpty(); ) {
            int colon = line.indexOf(':');
            headers.add(new String[]{line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        Response response = new Response(Integer.parseInt(statusLine.split(" ")[1]), statusLine, headers, null);
        int status = response.status();
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            return response.withBody(new byte[0]);
        }
        if ("chunked".equalsIgnoreCase(response.header("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(readLine().trim(), 16)) > 0; ) {
                body.write(in.readNBytes(size));
                readLine();
            }
            readLine(); // the empty line after the last chunk
            return response.withBody(body.toByteArray());
        }
        String length = response.header("content-length");
        if (length != null) {
            return response.withBody(in.readNBytes(Integer.parseInt(length)));
        }
        return response.withBody(in.readAllBytes()); // delimited by the end of the connection
    }

    Response read() throws IOException {
        return read(false);
    }

    /**
     * One chunk of a chunked body (for tests that watch chunks arrive one by one); "" for the last one. Jetty sends
     * the CRLF that ends a chunk in front of the next one, so it is skipped here rather than waited for.
     */
    String readChunk() throws IOException {
        String line = readLine();
        if (line != null && line.isEmpty()) {
            line = readLine();
        }
        if (line == null) {
            throw new EOFException("connection closed instead of a chunk");
        }
        return new String(in.readNBytes(Integer.parseInt(line.trim(), 16)), StandardCharsets.ISO_8859_1);
    }

    /** True when the server closed the connection (or reset it) within the timeout, with nothing more to read. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** True when the server did NOT close the connection within {@code millis}. */
    boolean stillOpenAfter(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return !closedByServer();
        } finally {
            socket.setSoTimeout(TIMEOUT_MS);
        }
    }

    int localPort() {
        return socket.getLocalPort();
    }

    OutputStream output() {
        return out;
    }

    InputStream input() {
        return in;
    }

    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A response as read off the wire; header names as sent, looked up case-insensitively. */
    record Response(int status, String statusLine, List<String[]> headers, byte[] body) {
        Response withBody(byte[] newBody) {
            return new Response(status, statusLine, headers, newBody);
        }

        String header(String name) {
            List<String> all = headers(name);
            return all.isEmpty() ? null : all.getFirst();
        }

        List<String> headers(String name) {
            List<String> all = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    all.add(h[1]);
                }
            }
            return all;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
