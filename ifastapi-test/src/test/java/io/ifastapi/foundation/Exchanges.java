package io.ifastapi.foundation;

import io.ifastapi.http.Handler;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Response;
import io.ifastapi.http.URL;
import io.ifastapi.internal.ServerRequest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Requests straight into an app, as an adapter hands them over: no TestClient, no socket. */
final class Exchanges {
    private Exchanges() {
    }

    static Response send(Handler app, String method, String path, String body, String... headers) throws Exception {
        int q = path.indexOf('?');
        URL url = new URL("http", "testserver", 80, q < 0 ? path : path.substring(0, q), q < 0 ? null : path.substring(q + 1));
        Headers h = Headers.of(headers);
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (bytes != null) {
            h.set("content-length", Integer.toString(bytes.length));
        }
        return app.handle(new ServerRequest(method, url, h, null, bytes == null ? null : new ByteArrayInputStream(bytes)));
    }

    static String text(Response response) {
        return new String(response.bufferedBody(), StandardCharsets.UTF_8);
    }
}
