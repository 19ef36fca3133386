package io.ifastapi.examples;

import io.ifastapi.IFastAPI;
import io.ifastapi.testclient.Multipart;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog in process, without Python: one pass over its features. The answers were FastAPI's to the same
 * requests; CatalogDifferentialIT compares the jar with the FastAPI twin on many more.
 */
class CatalogAppTest {
    private static final String ITEM = "{\"name\":\"Chess\",\"price\":25,\"category\":\"games\","
            + "\"tags\":[{\"name\":\"board\"}]}";

    private static IFastAPI app() {
        return CatalogApp.create(Map.of("SECRET_KEY", "catalog-app-test-0123456789abcdef"));
    }

    @Test
    void itemsArePagedFilteredCreatedAndValidated() {
        try (TestClient client = new TestClient(app())) {
            assertThat(client.get("/items?limit=1&offset=1").text()).isEqualTo("[{\"id\":2,\"name\":\"Tetris\","
                    + "\"price\":4.0,\"category\":\"games\",\"tags\":[],\"description\":null,\"stock\":5}]");
            assertThat(client.get("/items?limit=0").text()).isEqualTo("{\"detail\":[{\"type\":"
                    + "\"greater_than_equal\",\"loc\":[\"query\",\"limit\"],\"msg\":\"Input should be greater than or "
                    + "equal to 1\",\"input\":\"0\",\"ctx\":{\"ge\":1}}]}");
            TestResponse noKey = client.post("/items").body(ITEM.getBytes(StandardCharsets.UTF_8),
                    "application/json").send();
            assertThat(noKey.status()).isEqualTo(401);
            assertThat(noKey.header("www-authenticate")).isEqualTo("APIKey");
            TestResponse created = client.post("/items").header("X-API-Key", CatalogApp.ADMIN_KEY)
                    .body(ITEM.getBytes(StandardCharsets.UTF_8), "application/json").send();
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.text()).isEqualTo("{\"id\":4,\"name\":\"Chess\",\"price\":25.0,\"category\":\"games\","
                    + "\"tags\":[{\"name\":\"board\"}],\"description\":null,\"stock\":0}");
            assertThat(client.get("/items?tag=board").json(java.util.List.class)).hasSize(1);
            TestResponse deleted = client.request("DELETE", "/items/4").header("X-API-Key", CatalogApp.ADMIN_KEY)
                    .send();
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(deleted.bytes()).isEmpty();
        }
    }

    @Test
    void loginKeepsACartInTheSession() {
        try (TestClient client = new TestClient(app())) {
            assertThat(client.get("/cart").text()).isEqualTo("{\"detail\":\"Not logged in\"}");
            assertThat(client.post("/login").form(Map.of("username", "alice", "password", "wonderland")).send()
                    .text()).isEqualTo("{\"user\":\"alice\"}");
            client.post("/cart/items").json(Map.of("sku", "ABC-123", "qty", 2)).send();
            TestResponse cart = client.post("/cart/items").json(Map.of("sku", "ABC-123", "qty", 3)).send();
            assertThat(cart.status()).isEqualTo(201);
            assertThat(cart.text()).isEqualTo("{\"user\":\"alice\",\"lines\":[{\"sku\":\"ABC-123\",\"qty\":5}],"
                    + "\"total_qty\":5}");
            assertThat(client.post("/login").form(Map.of("username", "")).send().text()).isEqualTo("{\"detail\":["
                    + "{\"type\":\"missing\",\"loc\":[\"body\",\"username\"],\"msg\":\"Field required\","
                    + "\"input\":null},{\"type\":\"missing\",\"loc\":[\"body\",\"password\"],\"msg\":"
                    + "\"Field required\",\"input\":null}]}");
        }
    }

    @Test
    void basicAuthAndUploads() {
        try (TestClient client = new TestClient(app())) {
            TestResponse wrong = client.request("GET", "/admin/whoami")
                    .header("Authorization", "Basic YWxpY2U6d3Jvbmc=").send();
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.header("www-authenticate")).isEqualTo("Basic");
            assertThat(wrong.text()).isEqualTo("{\"detail\":\"Incorrect username or password\"}");
            TestResponse upload = client.post("/upload").multipart(new Multipart()
                    .file("file", "a.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8))
                    .field("note", "hi")).send();
            assertThat(upload.text()).isEqualTo("{\"filename\":\"a.txt\",\"content_type\":\"text/plain\",\"size\":5,"
                    + "\"note\":\"hi\"}");
        }
    }
}
