package io.ifastapi.params;

import io.ifastapi.IFastAPI;
import io.ifastapi.dependencies.Depends;
import io.ifastapi.security.APIKeyHeader;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FastAPI reads a route's body before it solves the dependencies: a malformed JSON body is a 422 json_invalid even
 * when a dependency would refuse the request (here a missing API key, a 401), and a malformed multipart body a 400.
 * A well-formed body with invalid fields is validated after the dependencies, so the 401 wins then. Expected answers
 * are FastAPI 0.142.2's to the same requests (catalog.py's POST /items).
 */
class BodyBeforeDependenciesTest {
    static final class Key extends APIKeyHeader {
        Key() {
            super("X-API-Key");
        }
    }

    record Item(String name) {}

    record Create(@Body Item item, @Depends(Key.class) String key) {}

    record Upload(@Form String note, @Depends(Key.class) String key) {}

    private static String send(String path, String body, String contentType) {
        IFastAPI app = new IFastAPI();
        app.post("/items", Create.class, (request, p) -> p.item());
        app.post("/upload", Upload.class, (request, p) -> p.note());
        try (TestClient client = new TestClient(app)) {
            TestResponse r = client.post(path).body(body.getBytes(StandardCharsets.UTF_8), contentType).send();
            return r.status() + " " + r.text();
        }
    }

    @Test
    void malformedJsonIsA422BeforeTheKeyIsChecked() {
        assertThat(send("/items", "{\"name\":", "application/json")).isEqualTo("422 {\"detail\":[{\"type\":"
                + "\"json_invalid\",\"loc\":[\"body\",8],\"msg\":\"JSON decode error\",\"input\":{},\"ctx\":{\"error\":"
                + "\"Expecting value\"}}]}");
    }

    @Test
    void wellFormedButInvalidJsonWaitsForTheDependencies() {
        assertThat(send("/items", "{}", "application/json")).isEqualTo("401 {\"detail\":\"Not authenticated\"}");
    }

    @Test
    void aMalformedFormIsA400BeforeTheKeyIsChecked() {
        assertThat(send("/upload", "x", "multipart/form-data"))
                .isEqualTo("400 {\"detail\":\"Missing boundary in multipart.\"}");
        assertThat(send("/upload", "note=x", "application/x-www-form-urlencoded"))
                .isEqualTo("401 {\"detail\":\"Not authenticated\"}");
    }
}
