package io.ifastapi.sessions;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.tls.JettyHpack;
import io.ifastapi.tls.RawHttp2;
import io.ifastapi.server.jetty.JettyServer;

/** {@link StarletteVectorsOverNetworkSuite} on the Jetty adapter: HTTPS (HTTP/1.1 and h2) and h2c. */
class JettyStarletteVectorsOverNetworkTest extends StarletteVectorsOverNetworkSuite {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }

    @Override
    protected RawHttp2.HpackFactory hpack() {
        return JettyHpack::newDecoder;
    }
}
