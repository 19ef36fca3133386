package io.ifastapi.server.netty;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/** RFC 6455 section 4.2: what makes a request an opening handshake, and the 101 that answers it. */
final class WebSocketHandshake {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketHandshake() {
    }

    /** Whether the client asks for a WebSocket: {@code Upgrade: websocket} on a GET. */
    static boolean requested(HttpRequest request) {
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
        return HttpMethod.GET.equals(request.method()) && upgrade != null
                && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    /** What is wrong with a requested handshake (the 400's message), or null when it is valid. */
    static String problem(HttpRequest request) {
        HttpHeaders headers = request.headers();
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        if (connection == null || !connection.toLowerCase(Locale.ROOT).contains("upgrade")) {
            return "Invalid WebSocket handshake: missing 'Connection: Upgrade'";
        }
        String key = headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (key == null || key.isBlank()) {
            return "Invalid WebSocket handshake: missing Sec-WebSocket-Key";
        }
        if (!"13".equals(headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            return "Invalid WebSocket handshake: Sec-WebSocket-Version must be 13";
        }
        return null;
    }

    /** The 101 Switching Protocols for {@code request}, with the chosen subprotocol (or none). */
    static FullHttpResponse switching(HttpRequest request, String subprotocol) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.SWITCHING_PROTOCOLS);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.UPGRADE, "websocket");
        headers.set(HttpHeaderNames.CONNECTION, "Upgrade");
        headers.set(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT,
                accept(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY).strip()));
        if (subprotocol != null) {
            headers.set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, subprotocol);
        }
        return response;
    }

    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every JVM has SHA-1", impossible);
        }
    }
}
