package io.ifastapi.websockets;

import io.ifastapi.http.Address;
import io.ifastapi.http.App;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Params;
import io.ifastapi.http.Request;
import io.ifastapi.http.Session;
import io.ifastapi.http.State;
import io.ifastapi.http.URL;
import io.ifastapi.internal.ServerRequest;
import io.ifastapi.internal.WebSocketChannel;
import io.ifastapi.internal.WebSocketMessage;
import io.ifastapi.json.JacksonJsonCodec;
import io.ifastapi.json.JsonCodec;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * One WebSocket connection, as Starlette's {@code WebSocket}: the handshake's request data (headers, query, cookies,
 * path parameters, the session), then {@link #accept()}, messages both ways, and {@link #close}.
 *
 * <pre>{@code
 * app.websocket("/ws/{room}", ws -> {
 *     ws.accept();
 *     for (String message : ws.iterText()) {
 *         ws.sendText(ws.pathParam("room") + ": " + message);
 *     }
 * });
 * }</pre>
 *
 * Every call blocks the connection's virtual thread, never an I/O thread. Receives are for one thread (the
 * handler's); sends may come from several threads (they are serialised). When the peer leaves, a receive throws
 * {@link WebSocketDisconnect} with its close code; so does a send to a peer that is gone. Misuse (a receive before
 * accept, a send after close) throws IllegalStateException with Starlette's message.
 */
public final class WebSocket {
    private final Request request;
    private final WebSocketChannel channel;
    private final Object sendLock = new Object();
    private volatile WebSocketState clientState = WebSocketState.CONNECTING;
    private volatile WebSocketState applicationState = WebSocketState.CONNECTING;
    private volatile WebSocketMessage.Close peerClose;
    private volatile boolean accepted;

    /** For the router: the WebSocket of a handshake request that an adapter has given a channel. */
    public WebSocket(Request request) {
        this.request = request;
        this.channel = ServerRequest.of(request).webSocketChannel();
        if (channel == null) {
            throw new IllegalArgumentException("Not a WebSocket handshake: " + request);
        }
    }

    // ----- the handshake's data -----

    /** The handshake request: everything the scope has (state, app, url building...). */
    public Request request() {
        return request;
    }

    /** The socket's URL: {@code ws://} or {@code wss://}, host, path and query of the handshake. */
    public URL url() {
        URL http = request.url();
        return new URL("https".equals(http.scheme()) ? "wss" : "ws", http.host(), http.port(), http.path(),
                http.query());
    }

    public Headers headers() {
        return request.headers();
    }

    public String header(String name) {
        return request.header(name);
    }

    public Params queryParams() {
        return request.queryParams();
    }

    public String queryParam(String name) {
        return request.queryParam(name);
    }

    public Map<String, String> cookies() {
        return request.cookies();
    }

    public String cookie(String name) {
        return request.cookie(name);
    }

    public Map<String, Object> pathParams() {
        return request.pathParams();
    }

    public <T> T pathParam(String name) {
        return request.pathParam(name);
    }

    public <T> T pathParam(String name, Class<T> type) {
        return request.pathParam(name, type);
    }

    public Address client() {
        return request.client();
    }

    public State state() {
        return request.state();
    }

    public App app() {
        return request.app();
    }

    /**
     * The session of the handshake's cookie, as HTTP requests see it (SessionMiddleware must be installed). Read it
     * freely; changes are not saved: no Set-Cookie can follow a handshake (as in Starlette).
     */
    public Session session() {
        return request.session();
    }

    /** The subprotocols the client offered ({@code Sec-WebSocket-Protocol}), in its order of preference. */
    public List<String> subprotocols() {
        List<String> offered = new ArrayList<>();
        for (String header : request.headers().getAll("sec-websocket-protocol")) {
            for (String token : header.split(",")) {
                if (!token.isBlank()) {
                    offered.add(token.strip());
                }
            }
        }
        return offered;
    }

    public WebSocketState clientState() {
        return clientState;
    }

    public WebSocketState applicationState() {
        return applicationState;
    }

    // ----- the handshake -----

    public void accept() {
        accept(null, new Headers());
    }

    /** Accepts with a subprotocol, which must be one the client offered ({@link #subprotocols()}), or null. */
    public void accept(String subprotocol) {
        accept(subprotocol, new Headers());
    }

    /** Accepts with a subprotocol (or null) and extra headers on the 101 response. */
    public void accept(String subprotocol, Headers headers) {
        synchronized (sendLock) {
            if (applicationState != WebSocketState.CONNECTING) {
                throw new IllegalStateException("Expected ASGI message \"websocket.send\" or \"websocket.close\", "
                        + "but got 'websocket.accept'");
            }
            if (subprotocol != null && !subprotocols().contains(subprotocol)) {
                throw new IllegalArgumentException("The client did not offer the subprotocol '" + subprotocol
                        + "'; it offered " + subprotocols());
            }
            try {
                channel.accept(subprotocol, headers);
            } catch (IOException e) {
                applicationState = WebSocketState.DISCONNECTED;
                clientState = WebSocketState.DISCONNECTED;
                throw new WebSocketDisconnect(CloseCodes.ABNORMAL_CLOSURE, "");
            }
            accepted = true;
            applicationState = WebSocketState.CONNECTED;
            clientState = WebSocketState.CONNECTED;
        }
    }

    /** Whether {@link #accept} was called (the handshake was answered 101). */
    public boolean accepted() {
        return accepted;
    }

    // ----- receiving -----

    /** The next text message. A binary one closes the connection with 1003 (unsupported data). */
    public String receiveText() {
        WebSocketMessage message = receive();
        if (message instanceof WebSocketMessage.Text text) {
            return text.text();
        }
        throw refuse(CloseCodes.UNSUPPORTED_DATA, "Expected a text message");
    }

    /** The next binary message. A text one closes the connection with 1003 (unsupported data). */
    public byte[] receiveBytes() {
        WebSocketMessage message = receive();
        if (message instanceof WebSocketMessage.Binary binary) {
            return binary.bytes();
        }
        throw refuse(CloseCodes.UNSUPPORTED_DATA, "Expected a binary message");
    }

    /** The next text message parsed as JSON (maps, lists, strings, numbers, booleans, null). */
    public Object receiveJson() {
        return receiveJson((Type) Object.class);
    }

    /**
     * The next text message read as {@code type} with the app's JSON codec. JSON that is malformed or does not fit
     * closes the connection with 1007 (invalid payload) and throws {@link WebSocketDisconnect}; to answer bad input
     * instead, receive the text and parse it yourself.
     */
    public <T> T receiveJson(Class<T> type) {
        return type.cast(receiveJson((Type) type));
    }

    private Object receiveJson(Type type) {
        String text = receiveText();
        try {
            return codec().read(text.getBytes(StandardCharsets.UTF_8), type);
        } catch (IOException | RuntimeException e) {
            throw refuse(CloseCodes.INVALID_FRAME_PAYLOAD_DATA, "Invalid JSON");
        }
    }

    private WebSocketMessage receive() {
        if (applicationState == WebSocketState.CONNECTING) {
            throw new IllegalStateException("WebSocket is not connected. Need to call \"accept\" first.");
        }
        if (clientState == WebSocketState.DISCONNECTED) {
            throw new IllegalStateException("Cannot call \"receive\" once a disconnect message has been received.");
        }
        WebSocketMessage message;
        try {
            message = channel.receive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(CloseCodes.GOING_AWAY, "");
            throw new WebSocketDisconnect(CloseCodes.GOING_AWAY);
        }
        if (message instanceof WebSocketMessage.Close close) {
            peerClose = close;
            clientState = WebSocketState.DISCONNECTED;
            throw new WebSocketDisconnect(close.code(), close.reason());
        }
        return message;
    }

    /** Closes the connection because of what the peer sent; the exception for the handler to throw. */
    private WebSocketDisconnect refuse(int code, String reason) {
        close(code, reason);
        clientState = WebSocketState.DISCONNECTED;
        return new WebSocketDisconnect(code, reason);
    }

    /** Text messages until the peer closes (then the loop simply ends), as Starlette's {@code iter_text}. */
    public Iterable<String> iterText() {
        return () -> new Messages<>(this::receiveText);
    }

    /** Binary messages until the peer closes. */
    public Iterable<byte[]> iterBytes() {
        return () -> new Messages<>(this::receiveBytes);
    }

    /** JSON messages read as {@code type} until the peer closes. */
    public <T> Iterable<T> iterJson(Class<T> type) {
        return () -> new Messages<>(() -> receiveJson(type));
    }

    // ----- sending -----

    public void sendText(String text) {
        send(() -> {
            channel.sendText(text);
            return null;
        });
    }

    public void sendBytes(byte[] bytes) {
        send(() -> {
            channel.sendBinary(bytes);
            return null;
        });
    }

    /** The value as compact JSON (the app's codec) in a text message. */
    public void sendJson(Object value) {
        sendText(new String(codec().write(value), StandardCharsets.UTF_8));
    }

    private interface Send {
        Void run() throws IOException;
    }

    private void send(Send send) {
        synchronized (sendLock) {
            if (applicationState == WebSocketState.CONNECTING) {
                throw new IllegalStateException("WebSocket is not connected. Need to call \"accept\" first.");
            }
            if (applicationState == WebSocketState.DISCONNECTED) {
                throw new IllegalStateException("Cannot call \"send\" once a close message has been sent.");
            }
            try {
                send.run();
            } catch (IOException gone) {
                WebSocketMessage.Close close = peerClose;
                clientState = WebSocketState.DISCONNECTED;
                throw close != null ? new WebSocketDisconnect(close.code(), close.reason())
                        : new WebSocketDisconnect(CloseCodes.ABNORMAL_CLOSURE);
            }
        }
    }

    // ----- closing -----

    /** Closes normally (1000). */
    public void close() {
        close(CloseCodes.NORMAL_CLOSURE, "");
    }

    public void close(int code) {
        close(code, "");
    }

    /**
     * Sends a close frame with this code and reason. Before {@link #accept}, it refuses the handshake: the client
     * gets HTTP 403, as uvicorn answers. A second close does nothing.
     */
    public void close(int code, String reason) {
        checkClose(code, reason);
        synchronized (sendLock) {
            if (applicationState == WebSocketState.DISCONNECTED) {
                return;
            }
            boolean refused = applicationState == WebSocketState.CONNECTING;
            applicationState = WebSocketState.DISCONNECTED;
            if (!refused) {
                channel.close(code, reason == null ? "" : reason);
            }
        }
    }

    /**
     * RFC 6455 7.4: the codes an endpoint may send (1005, 1006 and 1015 only report what happened), and a reason that
     * fits a control frame (123 bytes of UTF-8).
     */
    private static void checkClose(int code, String reason) {
        boolean valid = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
        if (!valid) {
            throw new IllegalArgumentException("Invalid WebSocket close code " + code + ": use 1000-1003, 1007-1014 "
                    + "or an application code 3000-4999 (1005, 1006 and 1015 are never sent)");
        }
        if (reason != null && reason.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("A close reason is at most 123 bytes of UTF-8, got "
                    + reason.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    private JsonCodec codec() {
        App app = request.app();
        return app == null ? JacksonJsonCodec.defaults() : app.json();
    }

    @Override
    public String toString() {
        return "WebSocket " + url();
    }

    /** Messages until the peer closes: the WebSocketDisconnect of a receive ends the iteration. */
    private static final class Messages<T> implements Iterator<T> {
        private final Supplier<T> receive;
        private T next;
        private boolean done;

        Messages(Supplier<T> receive) {
            this.receive = receive;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                try {
                    next = receive.get();
                } catch (WebSocketDisconnect disconnect) {
                    done = true;
                }
            }
            return next != null;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T value = next;
            next = null;
            return value;
        }
    }
}
