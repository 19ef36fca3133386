package io.ifastapi.testclient;

import io.ifastapi.http.Headers;
import io.ifastapi.internal.WebSocketChannel;
import io.ifastapi.internal.WebSocketInbox;
import io.ifastapi.internal.WebSocketMessage;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Both ends of an in-process WebSocket, no socket: the app's side is the {@link WebSocketChannel} the route drives,
 * the test's side reads {@link #toClient} and writes the app's inbox, as Starlette's TestClient wires ASGI messages.
 */
final class InProcessWebSocket implements WebSocketChannel {
    /** What the app did, in order, for the test to read. */
    sealed interface Event {
    }

    record Accepted(String subprotocol, Headers headers) implements Event {
    }

    record Message(WebSocketMessage message) implements Event {
    }

    /** The app's stack returned without accepting: the handshake's HTTP answer. */
    record Denied(Transport.Received response) implements Event {
    }

    final BlockingQueue<Event> toClient = new LinkedBlockingQueue<>();
    /** What the test sent, for the app; unbounded in practice (a test sends what it sends). */
    final WebSocketInbox toApp = new WebSocketInbox(Integer.MAX_VALUE, () -> { });
    private volatile boolean appClosed;
    volatile boolean accepted;

    @Override
    public void accept(String subprotocol, Headers headers) {
        accepted = true;
        toClient.add(new Accepted(subprotocol, headers.copy()));
    }

    @Override
    public void sendText(String text) throws IOException {
        send(new WebSocketMessage.Text(text));
    }

    @Override
    public void sendBinary(byte[] bytes) throws IOException {
        send(new WebSocketMessage.Binary(bytes.clone()));
    }

    private void send(WebSocketMessage message) throws IOException {
        if (toApp.isClosed() || appClosed) {
            throw new IOException("The test client has closed this WebSocket");
        }
        toClient.add(new Message(message));
    }

    @Override
    public WebSocketMessage receive() throws InterruptedException {
        return toApp.take();
    }

    @Override
    public void close(int code, String reason) {
        if (!appClosed) {
            appClosed = true;
            toClient.add(new Message(new WebSocketMessage.Close(code, reason)));
        }
    }
}
