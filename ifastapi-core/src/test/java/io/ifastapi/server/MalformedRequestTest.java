package io.ifastapi.server;

import io.ifastapi.http.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Malformed HTTP gets a 4xx (or 505) from the server (its parser answers before the app sees anything, except for a
 * bad chunked body, which surfaces while the app reads it), the connection is closed, and the server goes on
 * serving the next connection.
 */
public abstract class MalformedRequestTest extends ServerTestBase {

    @BeforeEach
    void routes() {
        app.get("/ok", request -> Response.text("ok"));
        app.post("/echo", request -> Response.bytes(request.body(), "application/octet-stream", 200));
        start();
    }

    static Stream<Arguments> malformed() {
        String big = "x".repeat(10_000);
        return Stream.of(
                arguments("garbage request line", "GARBAGE\r\n\r\n", 400),
                arguments("unknown HTTP version", "GET /ok HTTP/7.1\r\nHost: x\r\n\r\n", 505),
                arguments("header without colon", "GET /ok HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n", 400),
                arguments("space before colon", "GET /ok HTTP/1.1\r\nHost: x\r\nX-Bad : 1\r\n\r\n", 400),
                arguments("non-ASCII header name", "GET /ok HTTP/1.1\r\nHost: x\r\nX-Caf\u00e9: 1\r\n\r\n", 400),
                arguments("control character in header value", "GET /ok HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n", 400),
                arguments("HTTP/1.1 without Host", "GET /ok HTTP/1.1\r\n\r\n", 400),
                arguments("two Host headers", "GET /ok HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                arguments("non-numeric Content-Length", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400),
                arguments("negative Content-Length", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", 400),
                arguments("conflicting Content-Lengths", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                        + "Content-Length: 4\r\n\r\nabcd", 400),
                arguments("Content-Length with chunked (smuggling)", "POST /echo HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 400),
                arguments("unknown Transfer-Encoding", "POST /echo HTTP/1.1\r\nHost: x\r\n"
                        + "Transfer-Encoding: gzip\r\n\r\nabc", 400),
                arguments("headers too large", "GET /ok HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n", 431),
                arguments("URI too long", "GET /ok?q=" + big + " HTTP/1.1\r\nHost: x\r\n\r\n", 414),
                arguments("bad chunk size", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "ZZ\r\nabc\r\n0\r\n\r\n", 400),
                arguments("chunk longer than its size", "POST /echo HTTP/1.1\r\nHost: x\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n2\r\nabcdef\r\n0\r\n\r\n", 400),
                // As strict as uvicorn (httptools, h11): methods and versions are case-sensitive, obs-fold refused.
                arguments("lower-case method", "get /ok HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                arguments("obs-folded header (space)", "GET /ok HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", 400),
                arguments("obs-folded header (tab)", "GET /ok HTTP/1.1\r\nHost: x\r\nX-A: a\r\n\tb\r\n\r\n", 400),
                // A coding before chunked would reach the app still encoded: 501, as Jetty answers.
                arguments("gzip, chunked", "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                        + "3\r\nabc\r\n0\r\n\r\n", 501),
                arguments("gzip then chunked on two lines", "POST /echo HTTP/1.1\r\nHost: x\r\n"
                        + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 501),
                arguments("NUL in the path", "GET /o%00k HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                arguments("bad percent-encoding in the path", "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformed")
    void malformedRequestGetsA4xxAndTheServerKeepsServing(String name, String request, int status) throws Exception {
        assertRefused(name, request, status);
    }

    /**
     * A request line without a version is HTTP/0.9. How to refuse it is the adapter's choice: Netty's decoder calls
     * it a malformed request line (400), Jetty an unsupported version (505), so adapters may override.
     */
    @Test
    protected void http09RequestLineIsRefused() throws Exception {
        assertRefused("request line without version (HTTP/0.9)", "GET /ok\r\nHost: x\r\n\r\n", 400);
    }

    /**
     * As uvicorn, a version written in lower case is refused. Jetty's parser reads {@code http/1.1} as HTTP/1.1
     * and keeps no trace of how it was written, so the Jetty adapter accepts it (and overrides this test).
     */
    @Test
    protected void lowerCaseVersionIsRefused() throws Exception {
        assertRefused("lower-case version", "GET /ok http/1.1\r\nHost: x\r\n\r\n", 400);
    }

    /** The server answers {@code request} itself with {@code status} and a JSON detail, closes, and keeps serving. */
    protected void assertRefused(String name, String request, int status) throws Exception {
        try (RawHttp raw = raw()) {
            raw.send(request);
            RawHttp.Response response = raw.read();
            assertThat(response.status()).as(name + ": " + response.statusLine()).isEqualTo(status);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.text()).startsWith("{\"detail\":\"");
            assertThat(raw.closedByServer()).as("connection closed after " + name).isTrue();
        }
        assertThat(get("/ok").body()).isEqualTo("ok");
    }
}
