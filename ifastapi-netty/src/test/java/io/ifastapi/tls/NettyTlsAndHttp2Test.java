package io.ifastapi.tls;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.netty.NettyServer;

/** {@link TlsAndHttp2Suite} on the Netty adapter, TLS by its default engine (BoringSSL when present). */
class NettyTlsAndHttp2Test extends TlsAndHttp2Suite {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }

    @Override
    protected boolean upgradesToH2c() {
        return false;
    }
}
