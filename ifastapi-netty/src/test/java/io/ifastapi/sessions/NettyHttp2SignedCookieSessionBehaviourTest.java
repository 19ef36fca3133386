package io.ifastapi.sessions;

import io.ifastapi.IFastAPI;
import io.ifastapi.server.netty.NettyServer;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.tls.TlsClients;

/** The session behaviour suite with Starlette's signed cookie, over HTTPS and HTTP/2 to the Netty adapter. */
class NettyHttp2SignedCookieSessionBehaviourTest extends SignedCookieSessionBehaviourTest {
    @Override
    protected TestClient client(IFastAPI app) {
        return track(TlsClients.http2(app.server(NettyServer::start)).clock(JAR_CLOCK).build());
    }

    @Override
    protected TestClient lenientClient(IFastAPI app) {
        return track(TlsClients.http2(app.server(NettyServer::start)).clock(JAR_CLOCK).raiseServerExceptions(false)
                .build());
    }
}
