package io.ifastapi.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifastapi.IFastAPI;
import io.ifastapi.testclient.TestClient;
import org.junit.jupiter.api.Test;

/** With the module on the class path, every app has its docs, as in FastAPI, unless it turns them off. */
class OnByDefaultTest {

    @Test
    void anAppThatSaysNothingServesTheDocs() {
        IFastAPI app = ShopApp.create();
        try (var client = new TestClient(app)) {
            assertThat(client.get("/openapi.json").json().get("paths")).isNotNull();
            assertThat(client.get("/docs").status()).isEqualTo(200);
            assertThat(client.get("/redoc").status()).isEqualTo(200);
        }
    }

    @Test
    void disabledMeansNoDocs() {
        IFastAPI app = ShopApp.create();
        OpenApi.disable(app);
        try (var client = new TestClient(app)) {
            assertThat(client.get("/openapi.json").status()).isEqualTo(404);
            assertThat(client.get("/docs").status()).isEqualTo(404);
            assertThat(client.get("/redoc").status()).isEqualTo(404);
        }
    }

    @Test
    void theAppsOwnDocsRouteWins() {
        IFastAPI app = ShopApp.create();
        app.get("/docs", request -> "my docs");
        try (var client = new TestClient(app)) {
            assertThat(client.get("/docs").text()).isEqualTo("\"my docs\"");
            assertThat(client.get("/openapi.json").status()).isEqualTo(200);
        }
    }

    @Test
    void installingTwiceOrDisablingAnInstalledOneSaysWhatToDo() {
        IFastAPI app = ShopApp.create();
        OpenApi.install(app);
        assertThatThrownBy(() -> OpenApi.install(app)).hasMessageContaining("call OpenApi.install(app, ...) once");
        assertThatThrownBy(() -> OpenApi.disable(app)).hasMessageContaining("remove the OpenApi.install(app) call");
    }
}
