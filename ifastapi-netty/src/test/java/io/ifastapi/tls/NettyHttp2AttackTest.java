package io.ifastapi.tls;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.netty.NettyServer;

/** {@link Http2AttackSuite} on the Netty adapter. */
class NettyHttp2AttackTest extends Http2AttackSuite {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }

    @Override
    protected RawHttp2.HpackFactory hpack() {
        return NettyHpack::newDecoder;
    }
}
