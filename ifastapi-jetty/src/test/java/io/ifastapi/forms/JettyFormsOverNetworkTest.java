package io.ifastapi.forms;

import io.ifastapi.IFastAPI;
import io.ifastapi.server.jetty.JettyServer;
import io.ifastapi.testclient.TestClient;

/** The {@link FormsAppSuite} over a real socket, the app served by the Jetty adapter. */
class JettyFormsOverNetworkTest extends FormsAppSuite {
    @Override
    protected TestClient.Builder builder(IFastAPI app) {
        return TestClient.builder(app.server(JettyServer::start)).overNetwork();
    }
}
