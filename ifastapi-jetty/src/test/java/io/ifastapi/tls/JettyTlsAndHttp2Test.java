package io.ifastapi.tls;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.jetty.JettyServer;

/** {@link TlsAndHttp2Suite} on the Jetty adapter. */
class JettyTlsAndHttp2Test extends TlsAndHttp2Suite {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }

    @Override
    protected boolean upgradesToH2c() {
        return true;
    }
}
