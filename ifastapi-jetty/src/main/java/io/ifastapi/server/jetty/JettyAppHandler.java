package io.ifastapi.server.jetty;

import io.ifastapi.http.Address;
import io.ifastapi.internal.BodyWaitBudget;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.http.Handler;
import io.ifastapi.http.Headers;
import io.ifastapi.http.HttpStatus;
import io.ifastapi.http.Response;
import io.ifastapi.http.URL;
import io.ifastapi.server.AppInvoker;
import io.ifastapi.server.HttpRules;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.QuietException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates between Jetty's request/response and ours, and runs the app in between.
 *
 * <p>Its invocation type is BLOCKING, and the thread pool has a virtual-thread executor, so Jetty runs every
 * request (parsing included) on a virtual thread of its own, never on a selector thread: the app's plain blocking
 * code is fine here. A handler declaring NON_BLOCKING would make Jetty call it on the selector thread instead.
 */
final class JettyAppHandler extends org.eclipse.jetty.server.Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(JettyAppHandler.class);

    /**
     * Jetty's idle timeout is meant for idle connections, but it also fires while the app is busy with no read or
     * write pending, and then fails the request: a handler that reads its body after a slow call gets a timeout
     * (and at shutdown Jetty cuts idle timeouts to 1 s, so that would hit in-flight requests we promised to let
     * finish). So we ignore it while the app is busy; a read or write that stalls still times out. Shared: no
     * allocation per request.
     */
    private static final Predicate<TimeoutException> IGNORE_WHILE_HANDLING = timeout -> false;

    private final Handler app;
    private final ServerConfig config;
    /** Jetty's WebSocket container and the scheduler of keep-alive pings; null in tests without WebSockets. */
    private final JettyWebSockets webSockets;

    JettyAppHandler(Handler app) {
        this(app, ServerConfig.defaults(), null);
    }

    JettyAppHandler(Handler app, ServerConfig config, JettyWebSockets webSockets) {
        super(InvocationType.BLOCKING);
        this.app = app;
        this.config = config;
        this.webSockets = webSockets;
    }

    @Override
    public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
        if (StrictRequests.refused(request, response, callback)) {
            return true;
        }
        request.addIdleTimeoutListener(IGNORE_WHILE_HANDLING);
        if (webSockets != null && JettyWebSocket.requested(request)) {
            webSockets.handshake(app, request, response, callback);
            return true;
        }
        RequestBodyStream body = new RequestBodyStream(request, new BodyWaitBudget(config));
        io.ifastapi.http.Request ours = toRequest(request, body);
        Response answer = AppInvoker.respond(app, ours); // a 500 if the app failed; a HEAD's body dropped
        if (!body.atEnd()) {
            // The app left (part of) the body unread: drop what has arrived. If more is still on its way, Jetty
            // marks the connection non-persistent now, before the response is committed, so the response says
            // "Connection: close" instead of the connection closing unannounced after it.
            request.consumeAvailable();
        }
        try {
            write(answer, ours, request, response, callback);
        } finally {
            // The response is out (a buffered body is in Jetty's hands as bytes): uploads' temp files go, teardown runs.
            io.ifastapi.internal.ServerRequest.of(ours).complete();
        }
        return true;
    }

    static io.ifastapi.http.Request toRequest(Request request, RequestBodyStream body) {
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath(); // raw: still percent-encoded, as URL promises; Request.path() decodes it
        // Host and port come from the Host header (or an absolute request target); Jetty has validated them.
        URL url = new URL(request.isSecure() ? "https" : "http", Request.getServerName(request),
                Request.getServerPort(request), path == null ? "/" : path, uri.getQuery());
        Headers headers = new Headers();
        if (request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2 && uri.getAuthority() != null
                && !request.getHeaders().contains(HttpHeader.HOST)) {
            // HTTP/2 sends the host as the :authority pseudo-header; as ASGI servers do, the app sees it as Host
            headers.add("host", uri.getAuthority());
        }
        for (HttpField field : request.getHeaders()) {
            String value = field.getValue();
            headers.add(field.getName(), value == null ? "" : value);
        }
        Address client = new Address(Request.getRemoteAddr(request), Request.getRemotePort(request));
        return new io.ifastapi.internal.ServerRequest(request.getMethod(), url, headers, client, body);
    }

    static void write(Response answer, io.ifastapi.http.Request ours, Request request,
                              org.eclipse.jetty.server.Response response, Callback callback) {
        String badName = HttpRules.invalidHeaderName(answer.headers());
        if (badName != null) {
            // Jetty would send it as it is: a name with a CR LF splits the response.
            LOG.error("The response to {} has an invalid header name '{}'; answering 500", ours, badName);
            answer = Response.bytes(HttpRules.errorBody(500, null), "application/json", 500);
        }
        response.setStatus(answer.status());
        HttpFields.Mutable fields = response.getHeaders();
        answer.headers().forEach(fields::add);
        if (HttpRules.isHead(ours) && !fields.contains(HttpHeader.CONTENT_LENGTH)
                && !HttpStatus.bodyless(answer.status())) {
            // A HEAD whose length is unknown (AppInvoker did not run its stream): a last write would make Jetty say
            // "Content-Length: 0", a lie about the GET. Committing the head first leaves the length unsaid.
            response.write(false, null, Callback.from(() -> response.write(true, null, callback), callback::failed));
            return;
        }
        if (!answer.isStreaming()) {
            // One write with last=true: Jetty sets Content-Length itself (unless the app did, or the status
            // forbids a body), so we never add it twice.
            byte[] body = answer.body();
            response.write(true, body == null || body.length == 0 ? null : ByteBuffer.wrap(body), callback);
            return;
        }
        ResponseBodyStream out = new ResponseBodyStream(request, response);
        try {
            answer.writeBody(out);
            out.finish();
            callback.succeeded();
        } catch (Throwable e) {
            AppInvoker.bodyFailed(ours, e, out.clientFailed());
            // Not yet committed: Jetty answers 500. Committed: Jetty aborts the connection, so the client sees an
            // incomplete body rather than a truncated one passed off as complete. Quiet: we have logged it already.
            callback.failed(new QuietException.RuntimeException("Response body failed", e));
        }
    }
}
