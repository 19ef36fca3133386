package io.ifastapi.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ifastapi.IFastAPI;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

class OpenApiDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode document(IFastAPI app) throws Exception {
        try (var client = new TestClient(app)) {
            TestResponse response = client.get("/openapi.json");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            return JSON.readTree(response.bytes());
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void documentsEveryRouteInOrderWithoutHiddenOnesOrImplicitHead() throws Exception {
        IFastAPI app = ShopApp.create();
        OpenApi.install(app);
        JsonNode doc = document(app);

        assertThat(names(doc)).containsExactly("openapi", "info", "paths");
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.get("info").toString()).isEqualTo("{\"title\":\"iFastAPI\",\"version\":\"0.1.0\"}");
        // Added order; /items/{item_id} gathers GET (int) and DELETE (uuid); /internal/health and the docs' own
        // routes are left out.
        assertThat(names(doc.get("paths"))).containsExactly("/items/{item_id}", "/items", "/files/{rest}",
                "/prices/{price}", "/ping");
        assertThat(names(doc.get("paths").get("/items/{item_id}"))).containsExactly("get", "delete");
        assertThat(names(doc.get("paths").get("/ping"))).containsExactly("get", "post");
    }

    @Test
    void operationsAreWrittenAsFastApiWritesThem() throws Exception {
        IFastAPI app = ShopApp.create();
        OpenApi.install(app);
        JsonNode paths = document(app).get("paths");

        // FastAPI 0.142's output for @app.get("/items/{item_id}", tags=["items"]) def read_item(item_id: int), but
        // for the 422: a path converter that does not match is a 404 here, so nothing is validated.
        assertThat(paths.get("/items/{item_id}").get("get").toString()).isEqualTo("""
                {"tags":["items"],"summary":"Read Item","operationId":"read_item_items__item_id__get",\
                "parameters":[{"name":"item_id","in":"path","required":true,"schema":{"type":"integer",\
                "title":"Item Id"}}],"responses":{"200":{"description":"Successful Response","content":\
                {"application/json":{"schema":{}}}}}}""");
        JsonNode create = paths.get("/items").get("post");
        assertThat(names(create)).containsExactly("tags", "summary", "description", "operationId", "responses");
        assertThat(create.get("tags").toString()).isEqualTo("[\"items\",\"admin\"]");
        assertThat(create.get("summary").asText()).isEqualTo("Create an item");
        assertThat(create.get("description").asText()).isEqualTo("Adds **one** item to the shop.");
        assertThat(create.get("operationId").asText()).isEqualTo("create_item_items_post");
        assertThat(names(create.get("responses"))).containsExactly("201");

        JsonNode delete = paths.get("/items/{item_id}").get("delete");
        assertThat(delete.get("deprecated").asBoolean()).isTrue();
        assertThat(delete.get("parameters").get(0).get("schema").toString())
                .isEqualTo("{\"type\":\"string\",\"format\":\"uuid\",\"title\":\"Item Id\"}");
        // 204 has no body, so no content (Starlette's is_body_allowed_for_status_code)
        assertThat(delete.get("responses").toString()).isEqualTo("{\"204\":{\"description\":\"Successful Response\"}}");
    }

    @Test
    void namelessRoutesExplicitIdsAndSeveralMethods() throws Exception {
        IFastAPI app = ShopApp.create();
        OpenApi.install(app);
        JsonNode paths = document(app).get("paths");

        JsonNode files = paths.get("/files/{rest}").get("get");
        assertThat(files.has("summary")).as("a lambda has no name to make a summary of").isFalse();
        assertThat(files.get("operationId").asText()).isEqualTo("files__rest__get");
        assertThat(files.get("parameters").get(0).get("schema").toString())
                .isEqualTo("{\"type\":\"string\",\"title\":\"Rest\"}");
        JsonNode price = paths.get("/prices/{price}").get("put");
        assertThat(price.get("operationId").asText()).isEqualTo("setPrice");
        assertThat(price.get("parameters").get(0).get("schema").get("type").asText()).isEqualTo("number");
        assertThat(paths.get("/ping").get("get").get("operationId").asText()).isEqualTo("ping_ping_get");
        assertThat(paths.get("/ping").get("post").get("operationId").asText()).isEqualTo("ping_ping_post");
        assertThat(paths.get("/ping").get("post").get("summary").asText()).isEqualTo("Ping");
    }

    @Test
    void infoIsConfigurable() throws Exception {
        IFastAPI app = ShopApp.create();
        OpenApi.install(app, docs -> docs.title("Shop").version("2.1.0").summary("A shop")
                .description("Sells *things*").server("https://shop.example", "Production")
                .tag("items", "Things to buy"));
        JsonNode doc = document(app);
        assertThat(doc.get("info").toString()).isEqualTo(
                "{\"title\":\"Shop\",\"summary\":\"A shop\",\"description\":\"Sells *things*\",\"version\":\"2.1.0\"}");
        assertThat(names(doc)).containsExactly("openapi", "info", "servers", "paths", "tags");
        assertThat(doc.get("servers").toString())
                .isEqualTo("[{\"url\":\"https://shop.example\",\"description\":\"Production\"}]");
        assertThat(doc.get("tags").toString()).isEqualTo("[{\"name\":\"items\",\"description\":\"Things to buy\"}]");
    }

    @Test
    void sameBytesForTwoInstancesOfTheApp() {
        IFastAPI first = ShopApp.create();
        IFastAPI second = ShopApp.create();
        byte[] a = OpenApi.install(first).json();
        byte[] b = OpenApi.install(second).json();
        assertThat(new String(a, StandardCharsets.UTF_8)).isEqualTo(new String(b, StandardCharsets.UTF_8));
    }

    @Test
    void generatedOnceAtStartupThenServedAsIs() {
        IFastAPI app = ShopApp.create();
        OpenApi openApi = OpenApi.install(app);
        assertThat(openApi.generations()).isZero();
        try (var client = new TestClient(app)) {
            assertThat(openApi.generations()).as("generated at startup").isEqualTo(1);
            byte[] first = client.get("/openapi.json").bytes();
            for (int i = 0; i < 20; i++) {
                assertThat(client.get("/openapi.json").bytes()).isEqualTo(first);
            }
        }
        assertThat(openApi.generations()).isEqualTo(1);
    }

    @Test
    void theDocumentFixesTheRoutes() {
        IFastAPI app = ShopApp.create();
        OpenApi openApi = OpenApi.install(app);
        openApi.document();
        assertThatThrownBy(() -> app.get("/late", request -> "late"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void duplicateOperationIdsFailTheStartWithTheFix() {
        IFastAPI app = new IFastAPI();
        app.get("/a", request -> "a").operationId("same");
        app.get("/b", request -> "b").operationId("same");
        OpenApi.install(app);
        assertThatThrownBy(() -> new TestClient(app).close())
                .hasMessageContaining("Duplicate OpenAPI operationId 'same' for GET /b and GET /a")
                .hasMessageContaining(".operationId(");
    }

    @Test
    void twoClassesWithOneSchemaNameFailWithTheFix() {
        JsonSchemas schemas = new JsonSchemas();
        schemas.schema(Item.class);
        assertThatThrownBy(() -> schemas.schema(Other.Item.class))
                .hasMessageContaining("Two types are named Item")
                .hasMessageContaining("rename one");
    }

    record Item(String name) {
    }

    static final class Other {
        record Item(int id) {
        }
    }
}
