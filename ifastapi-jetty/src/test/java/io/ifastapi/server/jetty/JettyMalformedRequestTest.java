package io.ifastapi.server.jetty;

import io.ifastapi.server.MalformedRequestTest;
import io.ifastapi.server.RawHttp;
import io.ifastapi.server.ServerFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The core's {@link MalformedRequestTest}, against the Jetty adapter. */
class JettyMalformedRequestTest extends MalformedRequestTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }

    /**
     * Jetty-specific: a request line without a version ("GET /ok") is HTTP/0.9, which Jetty refuses as an
     * unsupported version, 505 (same JSON detail, same close), where the Netty adapter answers 400.
     */
    @Override
    @Test
    protected void http09RequestLineIsRefused() throws Exception {
        assertRefused("request line without version (HTTP/0.9)", "GET /ok\r\nHost: x\r\n\r\n", 505);
    }

    /**
     * Jetty-specific: Jetty's parser matches the version case-insensitively and keeps no trace of how it was
     * written, so {@code GET /ok http/1.1} is served as HTTP/1.1 (uvicorn and the Netty adapter answer 400). A
     * known, harmless difference: the request is otherwise well-formed and means the same thing.
     */
    @Override
    @Test
    protected void lowerCaseVersionIsRefused() throws Exception {
        try (RawHttp raw = raw()) {
            raw.send("GET /ok http/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.read().status()).isEqualTo(200);
        }
    }
}
