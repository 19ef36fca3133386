package io.ifastapi.testclient;

import io.ifastapi.http.Headers;
import io.ifastapi.http.URL;

import java.io.InputStream;

/**
 * How the test client reaches the app: one request out, one response back, no redirects and no cookies (those are
 * the client's, above the transport, so they behave the same over every transport).
 */
interface Transport extends AutoCloseable {

    /** The base URL requests go to when the test gives none. */
    URL baseUrl();

    Received send(Sent request);

    /** Stops what the transport started (the app's lifespan, a server). */
    @Override
    void close();

    /**
     * A request as it goes out.
     *
     * @param body   the body bytes, or null
     * @param stream a body of unknown length, read once, or null
     */
    record Sent(String method, URL url, Headers headers, byte[] body, InputStream stream) {
    }

    /**
     * A response as it came back.
     *
     * @param body        the whole body, as sent (still content-encoded)
     * @param serverError the exception the app turned into this 500, when the transport can see it
     */
    record Received(int status, Headers headers, byte[] body, Throwable serverError) {
    }
}
