package io.ifastapi.server;

import io.ifastapi.Address;
import io.ifastapi.Handler;
import io.ifastapi.Headers;
import io.ifastapi.Response;
import io.ifastapi.URL;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Translates between Jetty's request/response and ours. Jetty calls it on a virtual thread (its invocation type is
 * blocking and the pool has a virtual-thread executor), so the app's plain blocking code is fine here.
 */
final class JettyAppHandler extends org.eclipse.jetty.server.Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(JettyAppHandler.class);
    private final Handler app;

    JettyAppHandler(Handler app) {
        this.app = app;
    }

    @Override
    public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
        Response ours;
        try {
            ours = app.handle(toRequest(request));
        } catch (Exception e) { // the app turns failures into 500s; this guards against a broken custom handler
            LOG.error("Unhandled exception in {}", app, e);
            ours = Response.text("Internal Server Error", 500);
        }
        write(ours, response, callback);
        return true;
    }

    private static io.ifastapi.Request toRequest(Request request) {
        HttpURI uri = request.getHttpURI();
        String scheme = request.isSecure() ? "https" : "http";
        URL url = new URL(scheme, Request.getServerName(request), Request.getServerPort(request),
                uri.getPath() == null ? "/" : uri.getPath(), uri.getQuery());
        Headers headers = new Headers();
        for (HttpField field : request.getHeaders()) {
            headers.add(field.getName(), field.getValue() == null ? "" : field.getValue());
        }
        Address client = new Address(Request.getRemoteAddr(request), Request.getRemotePort(request));
        return new io.ifastapi.Request(request.getMethod(), url, headers, client, Content.Source.asInputStream(request));
    }

    private static void write(Response ours, org.eclipse.jetty.server.Response response, Callback callback) {
        response.setStatus(ours.status());
        HttpFields.Mutable headers = response.getHeaders();
        ours.headers().forEach(headers::add);
        try {
            if (ours.isStreaming()) {
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    ours.writeBody(out);
                }
                callback.succeeded();
            } else {
                byte[] body = ours.body() == null ? new byte[0] : ours.body();
                if (!headers.contains("content-length")) {
                    headers.put("content-length", Integer.toString(body.length));
                }
                response.write(true, ByteBuffer.wrap(body), callback);
            }
        } catch (Throwable e) {
            LOG.warn("Failed to write the response: {}", e.toString());
            callback.failed(e);
        }
    }
}
