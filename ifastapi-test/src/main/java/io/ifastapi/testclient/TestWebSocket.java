package io.ifastapi.testclient;

import io.ifastapi.http.Headers;
import io.ifastapi.internal.WebSocketMessage;
import io.ifastapi.json.Json;
import io.ifastapi.websockets.WebSocketDisconnect;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The test's end of a WebSocket opened in-process by {@link TestClient#websocketConnect}, as Starlette's
 * {@code WebSocketTestSession}:
 *
 * <pre>{@code
 * try (TestWebSocket ws = client.websocketConnect("/ws")) {
 *     ws.sendText("hello");
 *     assertThat(ws.receiveText()).isEqualTo("hello");
 * }
 * }</pre>
 *
 * A receive returns the app's next message; when the app has closed the socket it throws
 * {@link WebSocketDisconnect} with the app's close code and reason. A receive waits at most {@link #TIMEOUT}, so a
 * test of an app that never answers fails instead of hanging. {@link #close} sends the app a close frame (1000 by
 * default) and waits for its handler to end.
 */
public final class TestWebSocket implements AutoCloseable {
    /** How long a receive waits for the app. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final InProcessWebSocket socket;
    private final Thread app;
    private final String subprotocol;
    private final Headers acceptHeaders;

    TestWebSocket(InProcessWebSocket socket, Thread app, String subprotocol, Headers acceptHeaders) {
        this.socket = socket;
        this.app = app;
        this.subprotocol = subprotocol;
        this.acceptHeaders = acceptHeaders;
    }

    /** The subprotocol the app accepted, or null. */
    public String acceptedSubprotocol() {
        return subprotocol;
    }

    /** The extra headers the app accepted with. */
    public Headers acceptHeaders() {
        return acceptHeaders;
    }

    public void sendText(String text) {
        socket.toApp.offer(new WebSocketMessage.Text(text));
    }

    public void sendBytes(byte[] bytes) {
        socket.toApp.offer(new WebSocketMessage.Binary(bytes.clone()));
    }

    /** The value as JSON in a text message. */
    public void sendJson(Object value) {
        sendText(Json.string(value));
    }

    public String receiveText() {
        WebSocketMessage message = receive();
        if (message instanceof WebSocketMessage.Text text) {
            return text.text();
        }
        throw new IllegalStateException("Expected a text message from the app, got a binary one");
    }

    public byte[] receiveBytes() {
        WebSocketMessage message = receive();
        if (message instanceof WebSocketMessage.Binary binary) {
            return binary.bytes();
        }
        throw new IllegalStateException("Expected a binary message from the app, got a text one");
    }

    /** The next text message parsed as JSON (maps, lists, strings, numbers...). */
    public Object receiveJson() {
        return receiveJson(Object.class);
    }

    public <T> T receiveJson(Class<T> type) {
        return Json.read(receiveText(), type);
    }

    private WebSocketMessage receive() {
        InProcessWebSocket.Event event;
        try {
            event = socket.toClient.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the app's message", e);
        }
        if (event == null) {
            throw new IllegalStateException("The app sent nothing within " + TIMEOUT.toSeconds() + " s");
        }
        if (event instanceof InProcessWebSocket.Message(WebSocketMessage.Close close)) {
            socket.toClient.add(event); // every later receive sees the close too
            throw new WebSocketDisconnect(close.code(), close.reason());
        }
        if (event instanceof InProcessWebSocket.Message(WebSocketMessage message)) {
            return message;
        }
        throw new IllegalStateException("Unexpected event after the handshake: " + event);
    }

    /** Closes normally (1000) and waits for the app's handler to end. */
    @Override
    public void close() {
        close(1000, "");
    }

    /** Sends the app a close frame with this code and reason and waits (up to {@link #TIMEOUT}) for its handler. */
    public void close(int code, String reason) {
        socket.toApp.closed(code, reason);
        try {
            app.join(TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
