package io.ifastapi.sessions;

import io.ifastapi.IFastAPI;
import io.ifastapi.server.jetty.JettyServer;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.tls.TlsClients;

/** The session behaviour suite with Starlette's signed cookie, over HTTPS and HTTP/2 to the Jetty adapter. */
class JettyHttp2SignedCookieSessionBehaviourTest extends SignedCookieSessionBehaviourTest {
    @Override
    protected TestClient client(IFastAPI app) {
        return track(TlsClients.http2(app.server(JettyServer::start)).clock(JAR_CLOCK).build());
    }

    @Override
    protected TestClient lenientClient(IFastAPI app) {
        return track(TlsClients.http2(app.server(JettyServer::start)).clock(JAR_CLOCK).raiseServerExceptions(false)
                .build());
    }
}
