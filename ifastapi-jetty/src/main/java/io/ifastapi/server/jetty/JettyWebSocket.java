package io.ifastapi.server.jetty;

import io.ifastapi.http.Handler;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Response;
import io.ifastapi.internal.ServerRequest;
import io.ifastapi.internal.WebSocketChannel;
import io.ifastapi.internal.WebSocketInbox;
import io.ifastapi.internal.WebSocketMessage;
import io.ifastapi.server.AppInvoker;
import io.ifastapi.server.WebSocketConfig;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.CloseException;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The WebSocket of one handshake on the Jetty adapter: Jetty's WebSocket container upgrades the connection when the
 * app accepts, and this is both the app's {@link WebSocketChannel} and Jetty's endpoint. The app runs on a virtual
 * thread of its own, not inside Jetty's {@code handle} (Jetty completes an upgrade only once {@code handle} has
 * returned). Messages go through a bounded {@link WebSocketInbox}: while it is full no more are demanded from Jetty,
 * which stops reading the socket. Jetty answers pings and enforces the message size (1009); the keep-alive pings of
 * {@link WebSocketConfig} are sent from here. Public only because Jetty's endpoint introspection requires it; not API.
 */
public final class JettyWebSocket implements WebSocketChannel, Session.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(JettyWebSocket.class);
    private static final long OPEN_TIMEOUT_SECONDS = 30;

    private final ServerWebSocketContainer container;
    private final Scheduler scheduler;
    private final WebSocketConfig config;
    private final Request request;
    private final org.eclipse.jetty.server.Response response;
    private final Callback callback;
    private final WebSocketInbox inbox;
    private final CompletableFuture<Session> opened = new CompletableFuture<>();
    private final AtomicBoolean closeSent = new AtomicBoolean();
    private volatile boolean accepted;
    private volatile Session session;
    private volatile long lastHeard = System.nanoTime();
    private volatile long pingSent;

    private JettyWebSocket(ServerWebSocketContainer container, Scheduler scheduler, WebSocketConfig config,
                           Request request, org.eclipse.jetty.server.Response response, Callback callback) {
        this.container = container;
        this.scheduler = scheduler;
        this.config = config;
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.inbox = new WebSocketInbox(config.maxQueuedMessages(), this::demand);
    }

    /** Whether the client asks for a WebSocket: {@code Upgrade: websocket} on a GET. */
    static boolean requested(Request request) {
        String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
        return HttpMethod.GET.is(request.getMethod()) && upgrade != null
                && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    /**
     * Handles a handshake: a malformed one is a 400 the app never sees; otherwise the app runs on a virtual thread
     * and either accepts (Jetty writes the 101) or its response is written as the handshake's answer.
     */
    static void handshake(Handler app, ServerWebSocketContainer container, Scheduler scheduler, WebSocketConfig config,
                          ThreadFactory threads, Request request, org.eclipse.jetty.server.Response response,
                          Callback callback) {
        io.ifastapi.http.Request ours = JettyAppHandler.toRequest(request, null);
        String problem = problem(request);
        if (problem != null) {
            JettyAppHandler.write(Response.json(java.util.Map.of("detail", problem), 400), ours, request, response,
                    callback);
            return;
        }
        JettyWebSocket socket = new JettyWebSocket(container, scheduler, config, request, response, callback);
        ServerRequest.of(ours).webSocket(socket);
        threads.newThread(() -> {
            try {
                Response answer = AppInvoker.respond(app, ours);
                if (!socket.accepted) {
                    JettyAppHandler.write(answer, ours, request, response, callback);
                }
            } finally {
                ServerRequest.of(ours).complete();
            }
        }).start();
    }

    private static String problem(Request request) {
        String connection = request.getHeaders().get(HttpHeader.CONNECTION);
        if (connection == null || !connection.toLowerCase(Locale.ROOT).contains("upgrade")) {
            return "Invalid WebSocket handshake: missing 'Connection: Upgrade'";
        }
        String key = request.getHeaders().get(HttpHeader.SEC_WEBSOCKET_KEY);
        if (key == null || key.isBlank()) {
            return "Invalid WebSocket handshake: missing Sec-WebSocket-Key";
        }
        if (!"13".equals(request.getHeaders().get(HttpHeader.SEC_WEBSOCKET_VERSION))) {
            return "Invalid WebSocket handshake: Sec-WebSocket-Version must be 13";
        }
        return null;
    }

    // ----- the app's side: its virtual thread -----

    @Override
    public void accept(String subprotocol, Headers headers) throws IOException {
        Callback upgraded = Callback.from(callback::succeeded, failure -> {
            opened.completeExceptionally(failure);
            callback.failed(failure);
        });
        boolean upgrading;
        try {
            upgrading = container.upgrade((upgradeRequest, upgradeResponse, cb) -> {
                if (subprotocol != null) {
                    upgradeResponse.setAcceptedSubProtocol(subprotocol);
                }
                headers.forEach((name, value) -> upgradeResponse.getHeaders().add(new HttpField(name, value)));
                return this;
            }, request, response, upgraded);
        } catch (Exception e) {
            LOG.warn("The WebSocket upgrade of {} failed", request.getHttpURI(), e);
            throw new IOException("The WebSocket upgrade failed", e);
        }
        if (!upgrading) {
            LOG.warn("Jetty refused the WebSocket upgrade of {}", request.getHttpURI());
            throw new IOException("Jetty refused the WebSocket upgrade of " + request.getHttpURI());
        }
        accepted = true;
        try {
            opened.get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("The WebSocket did not open", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted during the handshake", e);
        }
    }

    @Override
    public void sendText(String text) throws IOException {
        send(done -> session.sendText(text, done));
    }

    @Override
    public void sendBinary(byte[] bytes) throws IOException {
        send(done -> session.sendBinary(ByteBuffer.wrap(bytes), done));
    }

    private void send(java.util.function.Consumer<org.eclipse.jetty.websocket.api.Callback> write) throws IOException {
        Session open = session;
        if (closeSent.get() || open == null || !open.isOpen()) {
            throw new IOException("The WebSocket is closed");
        }
        var done = new org.eclipse.jetty.websocket.api.Callback.Completable();
        write.accept(done);
        try {
            done.get(); // written (or failed): the peer's pace is ours
        } catch (ExecutionException e) {
            throw new IOException("The WebSocket is closed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while sending", e);
        }
    }

    @Override
    public WebSocketMessage receive() throws InterruptedException {
        return inbox.take();
    }

    @Override
    public void close(int code, String reason) {
        Session open = session;
        if (open != null && closeSent.compareAndSet(false, true)) {
            open.close(code, reason, org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
    }

    private void demand() {
        Session open = session;
        if (open != null && open.isOpen()) {
            open.demand();
        }
    }

    // ----- Jetty's side -----

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        opened.complete(session);
        heard();
        schedulePingCheck();
        session.demand();
    }

    @Override
    public void onWebSocketText(String message) {
        heard();
        deliver(new WebSocketMessage.Text(message));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback done) {
        heard();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        done.succeed();
        deliver(new WebSocketMessage.Binary(bytes));
    }

    private void deliver(WebSocketMessage message) {
        if (!inbox.offer(message)) {
            session.demand(); // room left: read on; else the app's take demands once it has caught up
        }
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        heard();
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
        session.sendPong(copy, org.eclipse.jetty.websocket.api.Callback.NOOP);
        session.demand();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        heard();
        session.demand();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closeSent.set(true);
        inbox.closed(statusCode, reason == null ? "" : reason);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("WebSocket error on {}: {}", request.getHttpURI(), cause.toString());
        opened.completeExceptionally(cause);
        if (cause instanceof CloseException close) {
            inbox.closed(close.getStatusCode(), "");
        }
    }

    // ----- keep-alive pings -----

    private void heard() {
        lastHeard = System.nanoTime();
        pingSent = 0;
    }

    private void schedulePingCheck() {
        long interval = config.pingInterval().toMillis();
        if (interval <= 0) {
            return;
        }
        long period = Math.max(10, Math.min(interval, Math.max(1, config.pingTimeout().toMillis())) / 2);
        scheduler.schedule(this::checkPing, period, TimeUnit.MILLISECONDS);
    }

    private void checkPing() {
        Session open = session;
        if (open == null || !open.isOpen() || inbox.isClosed()) {
            return;
        }
        long now = System.nanoTime();
        long sent = pingSent;
        if (sent != 0 && now - sent >= config.pingTimeout().toNanos()) {
            LOG.debug("No answer to a ping within {}: closing {}", config.pingTimeout(), request.getHttpURI());
            inbox.closed(1006, "");
            closeSent.set(true);
            open.close(1011, "keepalive ping timeout", org.eclipse.jetty.websocket.api.Callback.NOOP);
            scheduler.schedule(open::disconnect, 1, TimeUnit.SECONDS);
            return;
        }
        if (sent == 0 && now - lastHeard >= config.pingInterval().toNanos()) {
            pingSent = now;
            open.sendPing(ByteBuffer.allocate(0), org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
        schedulePingCheck();
    }
}
