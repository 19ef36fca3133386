package io.ifastapi.server.netty;

import io.ifastapi.server.MalformedRequestTest;
import io.ifastapi.server.ServerFactory;
import org.junit.jupiter.api.Test;

/** The core's {@link MalformedRequestTest}, against the Netty adapter. */
class NettyMalformedRequestTest extends MalformedRequestTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }

    /**
     * Netty-specific: its decoder reads a request line without a version ("GET /ok") as a malformed request line,
     * so this is a 400 (same JSON detail, same close), where Jetty answers 505 HTTP Version Not Supported. A request
     * line with an unknown version (HTTP/7.1) is still a 505, as with Jetty.
     */
    @Override
    @Test
    protected void http09RequestLineIsRefused() throws Exception {
        assertRefused("request line without version (HTTP/0.9)", "GET /ok\r\nHost: x\r\n\r\n", 400);
    }
}
