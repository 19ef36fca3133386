package io.ifastapi.server.jetty;

import io.ifastapi.IFastAPI;
import io.ifastapi.OverSocketAppTest;
import io.ifastapi.testclient.TestClient;

/**
 * The core's whole app behaviour suite over a real socket ({@link OverSocketAppTest}: routing, bodies, files,
 * sessions, errors, middleware, lifespan), with the app served by the Jetty adapter: TestClient's network transport
 * serves the app with its configured server.
 */
class JettyOverSocketAppTest extends OverSocketAppTest {
    @Override
    protected TestClient.Builder builder(IFastAPI app) {
        return super.builder(app.server(JettyServer::start));
    }
}
