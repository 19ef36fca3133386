package io.ifastapi.forms;

import io.ifastapi.IFastAPI;
import io.ifastapi.testclient.TestClient;

/** The {@link FormsAppSuite} in-process (no socket). */
class InProcessFormsTest extends FormsAppSuite {
    @Override
    protected TestClient.Builder builder(IFastAPI app) {
        return TestClient.builder(app);
    }
}
