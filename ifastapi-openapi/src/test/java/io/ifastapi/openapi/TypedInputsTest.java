package io.ifastapi.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ifastapi.IFastAPI;
import io.ifastapi.dependencies.Depends;
import io.ifastapi.security.APIKeyHeader;
import io.ifastapi.security.OAuth2PasswordRequest;
import io.ifastapi.security.OAuth2PasswordRequestForm;
import io.ifastapi.testclient.TestClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What the document says about routes with typed inputs: from the RouteInputs the router compiled. */
class TypedInputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode document() throws Exception {
        return JSON.readTree(OpenApi.install(TypedShopApp.create()).json());
    }

    private static JsonNode parameter(JsonNode operation, String in, String name) {
        for (JsonNode parameter : operation.get("parameters")) {
            if (parameter.get("in").asText().equals(in) && parameter.get("name").asText().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("no " + in + " parameter " + name + " in " + operation);
    }

    @Test
    void parametersCarryWireNamesConstraintsDefaultsAndTitles() throws Exception {
        JsonNode search = document().get("paths").get("/search").get("get");
        assertThat(parameter(search, "query", "item-query").toString()).isEqualTo("""
                {"name":"item-query","in":"query","required":false,"schema":{"anyOf":[{"type":"string",\
                "pattern":"^\\\\w+$"},{"type":"null"}],"title":"Item-Query"}}""");
        assertThat(parameter(search, "query", "size").get("schema").toString()).isEqualTo("""
                {"items":{"$ref":"#/components/schemas/Size2"},"type":"array","maxItems":3,"default":[],\
                "title":"Size"}""");
        assertThat(parameter(search, "query", "price").get("schema").toString()).isEqualTo("""
                {"anyOf":[{"type":"number","multipleOf":0.5,"exclusiveMaximum":100},{"type":"null"}],\
                "title":"Price"}""");
        assertThat(parameter(search, "header", "x-request-id").toString()).isEqualTo("""
                {"name":"x-request-id","in":"header","required":true,"schema":{"type":"string","minLength":8,\
                "title":"X-Request-Id"}}""");
        assertThat(parameter(search, "header", "x_raw").get("required").asBoolean()).isFalse();
        assertThat(parameter(search, "cookie", "theme").get("schema").toString())
                .isEqualTo("{\"type\":\"string\",\"default\":\"light\",\"title\":\"Theme\"}");
        assertThat(parameter(search, "query", "offset").get("schema").toString())
                .isEqualTo("{\"type\":\"integer\",\"minimum\":0,\"default\":0,\"title\":\"Offset\"}");
        // FastAPI's order: path, query, header, cookie; own parameters before dependencies'; offset, read by two
        // dependencies, once.
        assertThat(search.get("parameters").findValuesAsText("name"))
                .containsExactly("item-query", "size", "price", "offset", "x-request-id", "x_raw", "theme");
    }

    @Test
    void enumsByTheirValueAsTheCodecWritesThem() throws Exception {
        assertThat(document().get("components").get("schemas").get("Size2").toString())
                .isEqualTo("{\"type\":\"string\",\"enum\":[\"s\",\"l\"],\"title\":\"Size2\"}");
    }

    @Test
    void aRecordUsedAsInputAndOutputThatDiffersIsTwoComponents() throws Exception {
        JsonNode doc = document();
        JsonNode schemas = doc.get("components").get("schemas");
        // A request may leave out author and stars; a response always has them (the codec writes every component).
        assertThat(schemas.get("Note-Input").get("required").toString()).isEqualTo("[\"text\"]");
        assertThat(schemas.get("Note-Output").get("required").toString())
                .isEqualTo("[\"text\",\"author\",\"stars\"]");
        assertThat(schemas.get("Note-Input").get("title").asText()).isEqualTo("Note");
        assertThat(schemas.has("Note")).isFalse();
        assertThat(schemas.get("Note-Input").get("properties").toString()).isEqualTo("""
                {"text":{"type":"string","maxLength":10,"title":"Text","description":"What was said",\
                "examples":["Great"]},"author":{"anyOf":[{"type":"string"},{"type":"null"}],"title":"Author"},\
                "stars":{"type":"integer","maximum":5,"minimum":1,"title":"Stars","default":1}}""");
        assertThat(schemas.get("Note-Input").get("description").asText()).isEqualTo("A note on an item.");
        assertThat(schemas.get("Note-Input").get("examples").toString()).isEqualTo("[{\"text\":\"Great\",\"stars\":5}]");
        JsonNode add = doc.get("paths").get("/notes").get("post");
        assertThat(add.get("requestBody").toString()).isEqualTo("""
                {"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Note-Input"}}},\
                "required":true}""");
        assertThat(add.get("responses").get("201").get("content").toString())
                .isEqualTo("{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/Note-Output\"}}}");
        // a response that is a list: FastAPI's title for the response field
        assertThat(doc.get("paths").get("/search").get("get").get("responses").get("200").toString()).isEqualTo("""
                {"description":"Successful Response","content":{"application/json":{"schema":{"items":\
                {"$ref":"#/components/schemas/Note-Output"},"type":"array","title":"Response Search Search Get"}}}}""");
    }

    @Test
    void onlyOperationsThatCanRefuseARequestDocumentThe422() throws Exception {
        JsonNode paths = document().get("paths");
        assertThat(paths.get("/search").get("get").get("responses").has("422")).isTrue();
        assertThat(paths.get("/notes").get("post").get("responses").has("422")).isTrue();
        assertThat(paths.get("/upload").get("post").get("responses").has("422")).isTrue();
        // its only input, an optional unconstrained string, always binds (FastAPI documents a 422 anyway)
        assertThat(paths.get("/lookup").get("get").get("responses").has("422")).isFalse();
        assertThat(paths.get("/lookup").get("get").get("parameters").size()).isEqualTo(1);
        // a security helper is no parameter: nothing to validate
        assertThat(paths.get("/session").get("delete").get("responses").toString())
                .isEqualTo("{\"204\":{\"description\":\"Successful Response\"}}");
    }

    @Test
    void formsAndFilesAreOneBodyComponentNamedAsFastApiNamesIt() throws Exception {
        JsonNode doc = document();
        JsonNode upload = doc.get("paths").get("/upload").get("post");
        assertThat(upload.get("requestBody").toString()).isEqualTo("""
                {"content":{"multipart/form-data":{"schema":{"$ref":"#/components/schemas/Body_upload_upload_post"}}},\
                "required":true}""");
        assertThat(doc.get("components").get("schemas").get("Body_upload_upload_post").toString()).isEqualTo("""
                {"properties":{"owner":{"type":"string","minLength":1,"title":"Owner"},"files":{"items":\
                {"type":"string","contentMediaType":"application/octet-stream"},"type":"array","title":"Files"}},\
                "type":"object","required":["owner","files"],"title":"Body_upload_upload_post"}""");
    }

    /** The form OAuth2PasswordRequestForm reads (not a record of its inputs) is the body, as FastAPI documents it. */
    record TokenIn(@Depends(OAuth2PasswordRequestForm.class) OAuth2PasswordRequest form) {
    }

    @Test
    void aProviderThatReadsTheFormItselfDocumentsItsFields() throws Exception {
        IFastAPI app = new IFastAPI();
        app.post("/token", TokenIn.class, (request, in) -> Map.of("access_token", in.form().username()))
                .name("login");
        JsonNode doc = JSON.readTree(OpenApi.install(app).json());
        JsonNode token = doc.get("paths").get("/token").get("post");
        assertThat(token.get("requestBody").toString()).isEqualTo("""
                {"content":{"application/x-www-form-urlencoded":{"schema":\
                {"$ref":"#/components/schemas/Body_login_token_post"}}},"required":true}""");
        JsonNode body = doc.get("components").get("schemas").get("Body_login_token_post");
        assertThat(body.get("required").toString()).isEqualTo("[\"username\",\"password\"]");
        assertThat(body.get("properties").fieldNames()).toIterable()
                .containsExactly("grant_type", "username", "password", "scope", "client_id", "client_secret");
        assertThat(body.get("properties").get("grant_type").toString()).contains("\"pattern\":\"^password$\"");
        assertThat(token.get("responses").has("422")).isTrue();
    }

    @Test
    void securitySchemesFromTheHelpersAlsoThroughDependencies() throws Exception {
        JsonNode doc = document();
        assertThat(doc.get("components").get("securitySchemes").toString()).isEqualTo("""
                {"APIKeyCookie":{"type":"apiKey","in":"cookie","name":"session_key"},\
                "APIKeyQuery":{"type":"apiKey","in":"query","name":"api_key"},\
                "HTTPBearer":{"type":"http","scheme":"bearer"},\
                "OAuth2PasswordBearer":{"type":"oauth2","flows":{"password":{"scopes":{},"tokenUrl":"/token"}}}}""");
        JsonNode paths = doc.get("paths");
        // CurrentUser depends on the OAuth2 scheme: the route that depends on CurrentUser requires it
        assertThat(paths.get("/items/{item_id}").get("get").get("security").toString())
                .isEqualTo("[{\"OAuth2PasswordBearer\":[]},{\"APIKeyQuery\":[]}]");
        assertThat(paths.get("/upload").get("post").get("security").toString()).isEqualTo("[{\"APIKeyCookie\":[]}]");
        assertThat(paths.get("/session").get("delete").get("security").toString()).isEqualTo("[{\"HTTPBearer\":[]}]");
        assertThat(paths.get("/search").get("get").has("security")).isFalse();
    }

    @Test
    void documentedResponses() throws Exception {
        JsonNode responses = document().get("paths").get("/items/{item_id}").get("get").get("responses");
        assertThat(responses.get("404").toString()).isEqualTo("""
                {"description":"Item not found","content":{"application/json":{"schema":\
                {"$ref":"#/components/schemas/Message"}}}}""");
        assertThat(responses.get("409").toString()).isEqualTo("{\"description\":\"Conflict\"}");
        assertThat(responses.get("200").get("description").asText()).isEqualTo("Successful Response");
    }

    @Test
    void aDocumentedResponseNeedsAStatusAndADescription() {
        IFastAPI app = new IFastAPI();
        var route = app.get("/a", request -> "a");
        assertThatThrownBy(() -> route.documentResponse(99, "Too early"))
                .hasMessage("HTTP status must be 100..599, got 99");
        assertThatThrownBy(() -> route.documentResponse(404, ""))
                .hasMessageContaining("needs a description (OpenAPI requires one)");
    }

    @Test
    void theTypedDocumentIsValidOpenApi31() {
        String json = new String(OpenApi.install(TypedShopApp.create()).json(), StandardCharsets.UTF_8);
        assertThat(OpenApiSpecValidator.validate(json)).isEmpty();
    }

    @Test
    void sameBytesForTwoInstancesAndGeneratedOnce() {
        byte[] first = OpenApi.install(TypedShopApp.create()).json();
        IFastAPI app = TypedShopApp.create();
        OpenApi openApi = OpenApi.install(app);
        try (TestClient client = new TestClient(app)) {
            for (int i = 0; i < 50; i++) {
                assertThat(client.get("/openapi.json").bytes()).isEqualTo(first);
            }
        }
        assertThat(openApi.generations()).isEqualTo(1);
    }

    static final class KeyA extends APIKeyHeader {
        KeyA() {
            super("X-Key-A");
        }
    }

    static final class KeyB extends APIKeyHeader {
        KeyB() {
            super("X-Key-B");
        }
    }

    record NeedsA(@Depends(KeyA.class) String key) {
    }

    record NeedsB(@Depends(KeyB.class) String key) {
    }

    @Test
    void twoSchemesWithOneNameButDifferentDefinitionsFailWithTheFix() {
        IFastAPI app = new IFastAPI();
        app.get("/a", NeedsA.class, (request, p) -> "a");
        app.get("/b", NeedsB.class, (request, p) -> "b");
        OpenApi openApi = OpenApi.install(app);
        assertThatThrownBy(openApi::document)
                .hasMessageContaining("Two security schemes are named 'APIKeyHeader'")
                .hasMessageContaining("X-Key-A").hasMessageContaining("GET /b")
                .hasMessageContaining("override schemeName()");
    }

    @Test
    void anUnnamedRouteGetsAnIdFromItsPathAndMethod() throws Exception {
        IFastAPI app = new IFastAPI();
        app.get("/", request -> "root");
        app.get("/hello", request -> "hello");
        app.post("/items/{item_id}", request -> "item");
        JsonNode paths = JSON.readTree(OpenApi.install(app).json()).get("paths");
        assertThat(paths.get("/").get("get").get("operationId").asText()).isEqualTo("root__get");
        assertThat(paths.get("/hello").get("get").get("operationId").asText()).isEqualTo("hello_get");
        assertThat(paths.get("/items/{item_id}").get("post").get("operationId").asText())
                .isEqualTo("items__item_id__post");
    }
}
