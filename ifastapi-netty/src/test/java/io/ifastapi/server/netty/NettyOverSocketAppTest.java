package io.ifastapi.server.netty;

import io.ifastapi.IFastAPI;
import io.ifastapi.OverSocketAppTest;
import io.ifastapi.testclient.TestClient;

/**
 * The whole app behaviour suite over a real socket ({@link OverSocketAppTest}: routing, bodies, files, sessions,
 * errors, middleware, lifespan), with the app served by the Netty adapter.
 */
class NettyOverSocketAppTest extends OverSocketAppTest {
    @Override
    protected TestClient.Builder builder(IFastAPI app) {
        return super.builder(app.server(NettyServer::start));
    }
}
