package io.ifastapi.forms;

import io.ifastapi.IFastAPI;
import io.ifastapi.server.netty.NettyServer;
import io.ifastapi.testclient.TestClient;

/** The {@link FormsAppSuite} over a real socket, the app served by the Netty adapter. */
class NettyFormsOverNetworkTest extends FormsAppSuite {
    @Override
    protected TestClient.Builder builder(IFastAPI app) {
        return TestClient.builder(app.server(NettyServer::start)).overNetwork();
    }
}
