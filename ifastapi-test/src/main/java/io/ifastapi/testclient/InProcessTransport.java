package io.ifastapi.testclient;

import io.ifastapi.internal.ServerRequest;
import io.ifastapi.server.AppInvoker;
import io.ifastapi.server.HttpRules;
import io.ifastapi.http.Address;
import io.ifastapi.http.HttpStatus;
import io.ifastapi.IFastAPI;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.URL;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * Calls {@code app.handle(request)} directly, no socket: what Starlette's TestClient does through ASGI. It does
 * what a server adapter does around the call: a Content-Length for in-memory bodies, streaming bodies run to their
 * end. The client address is {@code testclient:50000}, as in Starlette.
 */
final class InProcessTransport implements Transport {
    static final Address CLIENT = new Address("testclient", 50000);

    private final IFastAPI app;
    private final URL baseUrl;

    InProcessTransport(IFastAPI app, URL baseUrl) {
        this.app = app;
        this.baseUrl = baseUrl;
        TestClient.startup(app);
    }

    @Override
    public URL baseUrl() {
        return baseUrl;
    }

    @Override
    public Received send(Sent sent) {
        InputStream body = sent.stream() != null ? sent.stream()
                : sent.body() != null ? new ByteArrayInputStream(sent.body()) : null;
        ServerRequest request = new ServerRequest(sent.method(), sent.url(), sent.headers().copy(), CLIENT, body);
        Response response;
        byte[] bytes;
        try {
            response = AppInvoker.respond(app, request); // as a server: 500 fallback, HEAD without its body
            bytes = response.bufferedBody();
        } finally {
            request.complete(); // as a server does once the response is out: uploads deleted, teardowns run
        }
        boolean streaming = response.isStreaming();
        var headers = response.headers().copy();
        // The Content-Length a server adds to a body in memory (a HEAD's has been set already, when it is known)
        if (!streaming && !HttpRules.isHead(request) && !headers.contains("content-length")
                && !HttpStatus.bodyless(response.status())) {
            headers.set("content-length", Integer.toString(bytes.length));
        }
        return new Received(response.status(), headers, bytes, response.serverError());
    }

    @Override
    public void close() {
        app.shutdown();
    }

    /**
     * Runs the app for a WebSocket handshake on a virtual thread of its own (as a server does) and waits for its
     * answer: the accepted socket, or the HTTP response that refused it.
     */
    Object openWebSocket(URL url, io.ifastapi.http.Headers headers) {
        InProcessWebSocket socket = new InProcessWebSocket();
        ServerRequest request = new ServerRequest("GET", url, headers, CLIENT, null);
        request.webSocket(socket);
        Thread thread = Thread.ofVirtual().name("testclient-websocket").start(() -> {
            try {
                Response response = AppInvoker.respond(app, request);
                if (!accepted(socket)) {
                    socket.toClient.add(new InProcessWebSocket.Denied(new Received(response.status(),
                            response.headers().copy(), response.bufferedBody(), response.serverError())));
                }
            } finally {
                request.complete();
            }
        });
        InProcessWebSocket.Event first;
        try {
            first = socket.toClient.poll(TestWebSocket.TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during the WebSocket handshake", e);
        }
        if (first == null) {
            throw new IllegalStateException("The app neither accepted nor refused the WebSocket within "
                    + TestWebSocket.TIMEOUT.toSeconds() + " s");
        }
        if (first instanceof InProcessWebSocket.Accepted accepted) {
            return new TestWebSocket(socket, thread, accepted.subprotocol(), accepted.headers());
        }
        return ((InProcessWebSocket.Denied) first).response();
    }

    private static boolean accepted(InProcessWebSocket socket) {
        return socket.accepted;
    }
}
