package io.ifastapi.tls;

import io.ifastapi.AppBehaviourSuite;
import io.ifastapi.IFastAPI;
import io.ifastapi.server.jetty.JettyServer;
import io.ifastapi.testclient.TestClient;

/** The whole {@link AppBehaviourSuite} over HTTPS and HTTP/2 (ALPN), served by the Jetty adapter. */
class JettyHttp2AppTest extends AppBehaviourSuite {
    @Override
    protected TestClient.Builder builder(IFastAPI app) {
        return TlsClients.http2(app.server(JettyServer::start));
    }
}
