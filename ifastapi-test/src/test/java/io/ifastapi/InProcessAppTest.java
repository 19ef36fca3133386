package io.ifastapi;

import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole {@link AppBehaviourSuite}, in-process (no socket), plus raw inputs only an in-process client can send. */
class InProcessAppTest extends AppBehaviourSuite {
    @Override
    protected TestClient.Builder builder(IFastAPI app) {
        return TestClient.builder(app);
    }

    @Test
    void rawTargetsAndHeadersNoHttpLibraryWouldSendAreNotServerErrors() {
        var app = new IFastAPI();
        app.get("/items/{name}", request -> request.pathParam("name"));
        app.get("/query", request -> request.queryParams().toSingleValueMap());
        app.post("/upload", request -> request.body().length);
        TestClient client = lenientClient(app);

        List<TestResponse> responses = List.of(
                client.get("/items/%zz"),
                client.get("/items/%"),
                client.get("/items/%E0%A4%A"),
                client.get("/query?q=%zz&r=%"),
                client.post("/upload").header("Content-Length", "not-a-number").body(new byte[3], null).send());

        assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.toString()).isLessThan(500));
        assertThat(responses.get(0).json(String.class)).isEqualTo("%zz");
        assertThat(responses.get(3).json()).containsEntry("q", "%zz").containsEntry("r", "%");
        assertThat(responses.get(4).status()).isEqualTo(400);
    }

    @Test
    void aLargeStreamedBodyIsCutOffAtTheLimit() {
        var app = new IFastAPI();
        app.post("/upload", request -> request.body().length);

        TestResponse response = client(app).post("/upload")
                .body(new ByteArrayInputStream(new byte[3 * 1024 * 1024]), "application/octet-stream").send();

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json()).containsEntry("detail", "Request body is larger than the limit of 1048576 bytes");
    }
}
