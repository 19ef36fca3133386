package io.ifastapi.websockets;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client for the suites: the JDK's java.net.http.WebSocket, with what it receives (whole messages,
 * the close) queued for the test to take.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
    /** What the server sent: a text (String), a binary message (byte[]) or its close. */
    public record Closed(int code, String reason) {
    }

    private static final long WAIT_SECONDS = 20;

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    private WebSocket socket;

    private WsClient() {
    }

    /** Opens {@code uri} (ws://...) with these extra headers (name, value, ...) and subprotocols. */
    public static WsClient open(URI uri, List<String> subprotocols, String... headers) {
        return open(HttpClient.newHttpClient(), uri, subprotocols, headers);
    }

    /** Opens {@code uri} (ws:// or wss://) through {@code http} (its SSL context trusts the server for wss). */
    public static WsClient open(HttpClient http, URI uri, List<String> subprotocols, String... headers) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(WAIT_SECONDS));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.getFirst(), subprotocols.subList(1, subprotocols.size())
                    .toArray(String[]::new));
        }
        client.socket = builder.buildAsync(uri, client).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        return client;
    }

    public static WsClient open(URI uri, String... headers) {
        return open(uri, List.of(), headers);
    }

    public WebSocket socket() {
        return socket;
    }

    public WsClient send(String message) {
        socket.sendText(message, true).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        return this;
    }

    public WsClient sendBytes(byte[] message) {
        socket.sendBinary(ByteBuffer.wrap(message), true).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        return this;
    }

    /** The next thing the server sent: a String, a byte[] or {@link Closed}. */
    public Object next() {
        try {
            Object next = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("The server sent nothing within " + WAIT_SECONDS + " s");
            }
            if (next instanceof Throwable error) {
                throw new AssertionError("The WebSocket failed", error);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String nextText() {
        return (String) next();
    }

    public Closed nextClose() {
        return (Closed) next();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            received.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            received.add(binary.toByteArray());
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        received.add(new Closed(statusCode, reason));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        received.add(error);
    }

    /** Closes normally, if still open. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(WAIT_SECONDS, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        socket.abort();
    }
}
