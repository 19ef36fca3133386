package io.ifastapi.tls;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.netty.NettyServer;
import io.netty.handler.ssl.SslProvider;

/** {@link TlsAndHttp2Suite} on the Netty adapter with the JDK's TLS engine instead of BoringSSL. */
class NettyJdkTlsAndHttp2Test extends TlsAndHttp2Suite {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer.factory(SslProvider.JDK);
    }

    @Override
    protected boolean upgradesToH2c() {
        return false;
    }
}
