package io.ifastapi.server;

import io.ifastapi.json.Json;
import io.ifastapi.http.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ambiguous and odd request paths (the choice is ifastapi-jetty's {@code JettyServer.URI_COMPLIANCE}, which the Netty
 * adapter's {@code PathValidator} follows): either the app sees the raw path as sent and its decoding, or the server
 * answers 400. Never a 500.
 */
public abstract class UriComplianceTest extends ServerTestBase {

    @BeforeEach
    void echoEveryPath() {
        // A middleware sees every request, whatever the routes: it shows what reached the app.
        app.middleware((request, next) -> Response.json(Map.of("raw", request.url().path(), "path", request.path())));
        start();
    }

    @ParameterizedTest(name = "{0} reaches the app as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # FastAPI parity: %2F decoded in path(), kept in the raw path
            /a%2Fb               | /a/b
            /files/a%2fb%2Fc     | /files/a/b/c
            # empty segment: routed as written
            //double             | //double
            /a//b/               | /a//b/
            # %25 is a literal percent sign; decoded exactly once
            /100%25              | /100%
            # ... so no double decoding
            /%2541               | /%41
            # literal dot segments are not resolved (as uvicorn); routes see them
            /a/../b              | /a/../b
            /caf%C3%A9           | /café
            # '+' is only a space in queries
            /a+b                 | /a+b
            /a%20b               | /a b
            # path parameters are kept
            /a;b=c               | /a;b=c
            """)
    void reachesTheApp(String rawPath, String decoded) throws Exception {
        try (RawHttp raw = raw()) {
            raw.send("GET " + rawPath + " HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response response = raw.read();
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            assertThat(Json.read(response.text(), Map.class)).isEqualTo(Map.of("raw", rawPath, "path", decoded));
        }
    }

    @ParameterizedTest(name = "{0} -> 400")
    @CsvSource(delimiter = '|', textBlock = """
            # encoded dot segments: their only use is path traversal
            /%2e%2e/secret
            /a/%2E%2E/b
            /a/%2e/b
            # dot segment hidden behind a path parameter
            /..;/secret
            # climbs above the root
            /../secret
            /a/../../secret
            # not UTF-8
            /%ff
            # truncated UTF-8
            /%C3
            # encoded backslash
            /a%5Cb
            # encoded NUL
            /a%00b
            """)
    void isRejectedByTheServer(String rawPath) throws Exception {
        try (RawHttp raw = raw()) {
            raw.send("GET " + rawPath + " HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response response = raw.read();
            assertThat(response.status()).as(rawPath + ": " + response.text()).isEqualTo(400);
            assertThat(response.header("content-type")).isEqualTo("application/json");
        }
        assertThat(get("/ok").statusCode()).isEqualTo(200);
    }
}
