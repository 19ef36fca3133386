package io.ifastapi.server.jetty;

import io.ifastapi.server.MalformedRequestTest;
import io.ifastapi.server.ServerFactory;
import org.junit.jupiter.api.Test;

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
}
