package io.ifastapi.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A deliberately plain HTTP/1.1 client over a socket, one request per connection: it sends exactly the headers it
 * is given (any Host, no Accept-Encoding of its own, which java.net.http would not allow) and returns the response
 * as it came, the raw body de-chunked, so that two servers' answers can be compared byte for byte.
 */
final class RawHttpClient {
    private RawHttpClient() {
    }

    record Answer(int status, List<Map.Entry<String, String>> headers, byte[] rawBody, boolean chunked) {
        /** Every value of a header (case-insensitive), joined with ", " as one header; null when absent. */
        String header(String name) {
            List<String> values = headers.stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).toList();
            return values.isEmpty() ? null : String.join(", ", values);
        }

        /** The body as the application sent it: gunzipped when Content-Encoding says gzip. */
        byte[] decodedBody() throws IOException {
            String encoding = header("content-encoding");
            if (encoding != null && encoding.trim().equalsIgnoreCase("gzip") && rawBody.length > 0) {
                try (var in = new GZIPInputStream(new java.io.ByteArrayInputStream(rawBody))) {
                    return in.readAllBytes();
                }
            }
            return rawBody;
        }
    }

    static Answer send(int port, String method, String target, List<String[]> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(15000);
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            for (String[] h : headers) {
                head.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream(), method.equals("HEAD"));
        }
    }

    private static Answer read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("The server closed the connection without answering");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String line;
        while ((line = line(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.add(Map.entry(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim()));
        }
        boolean chunked = headers.stream().anyMatch(e -> e.getKey().equals("transfer-encoding")
                && e.getValue().toLowerCase(Locale.ROOT).contains("chunked"));
        byte[] body;
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else if (chunked) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    while ((line = line(in)) != null && !line.isEmpty()) {
                        // trailers: none expected
                    }
                    break;
                }
                bytes.write(in.readNBytes(n));
                line(in);
            }
            body = bytes.toByteArray();
        } else {
            String length = headers.stream().filter(e -> e.getKey().equals("content-length")).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            body = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
        }
        return new Answer(status, headers, body, chunked);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] raw = bytes.toByteArray();
                int end = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
                return new String(raw, 0, end, StandardCharsets.ISO_8859_1);
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
