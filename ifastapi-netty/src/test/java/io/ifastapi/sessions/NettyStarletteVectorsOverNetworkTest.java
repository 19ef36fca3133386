package io.ifastapi.sessions;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.tls.NettyHpack;
import io.ifastapi.tls.RawHttp2;
import io.ifastapi.server.netty.NettyServer;

/** {@link StarletteVectorsOverNetworkSuite} on the Netty adapter: HTTPS (HTTP/1.1 and h2) and h2c. */
class NettyStarletteVectorsOverNetworkTest extends StarletteVectorsOverNetworkSuite {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }

    @Override
    protected RawHttp2.HpackFactory hpack() {
        return NettyHpack::newDecoder;
    }
}
