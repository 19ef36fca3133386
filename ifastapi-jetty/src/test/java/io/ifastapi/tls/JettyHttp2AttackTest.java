package io.ifastapi.tls;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.jetty.JettyServer;

/** {@link Http2AttackSuite} on the Jetty adapter. */
class JettyHttp2AttackTest extends Http2AttackSuite {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }

    @Override
    protected RawHttp2.HpackFactory hpack() {
        return JettyHpack::newDecoder;
    }
}
