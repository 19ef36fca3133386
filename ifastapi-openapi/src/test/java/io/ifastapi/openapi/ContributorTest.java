package io.ifastapi.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ifastapi.IFastAPI;
import org.junit.jupiter.api.Test;

/** The extension point the typed parameters plug into: what a contributor adds lands where FastAPI puts it. */
class ContributorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void parametersBodyResponseModelSecurityAnd422() throws Exception {
        IFastAPI app = ShopApp.create();
        JsonNode doc = JSON.readTree(OpenApi.install(app, docs -> docs.contributor(new RecordingContributor())).json());
        JsonNode post = doc.get("paths").get("/items").get("post");
        assertThat(post.toString()).isEqualTo("""
                {"tags":["items","admin"],"summary":"Create an item","description":"Adds **one** item to the shop.",\
                "operationId":"create_item_items_post","parameters":[{"name":"dry_run","in":"query","required":false,\
                "schema":{"type":"boolean","title":"Dry Run"}}],"requestBody":{"content":{"application/json":\
                {"schema":{"$ref":"#/components/schemas/ItemIn"}}},"required":true},"responses":{"201":\
                {"description":"Successful Response","content":{"application/json":{"schema":\
                {"$ref":"#/components/schemas/ItemOut"}}}},"422":{"description":"Validation Error","content":\
                {"application/json":{"schema":{"$ref":"#/components/schemas/HTTPValidationError"}}}}},\
                "security":[{"APIKeyHeader":[]}]}""");
        // sorted by name, as FastAPI writes them
        assertThat(doc.get("components").get("schemas").fieldNames()).toIterable()
                .containsExactly("HTTPValidationError", "ItemIn", "ItemOut", "Tag", "ValidationError");
        // only the operation that validates documents a 422
        assertThat(doc.get("paths").get("/items/{item_id}").get("get").get("responses").has("422")).isFalse();
    }

    @Test
    void aTypedPathParameterReplacesTheTemplatesGuess() throws Exception {
        IFastAPI app = new IFastAPI();
        app.get("/users/{user_id}", request -> "user").name("read_user");
        OperationContributor typed = (operation, target, schemas) -> {
            var parameter = new java.util.LinkedHashMap<String, Object>();
            parameter.put("name", "user_id");
            parameter.put("in", "path");
            parameter.put("required", true);
            parameter.put("schema", schemas.property(long.class, "user_id", null));
            target.parameter(parameter).validatesInput();
        };
        JsonNode doc = JSON.readTree(OpenApi.install(app, docs -> docs.contributor(typed)).json());
        JsonNode parameters = doc.get("paths").get("/users/{user_id}").get("get").get("parameters");
        assertThat(parameters.size()).isEqualTo(1);
        assertThat(parameters.get(0).get("schema").toString()).isEqualTo("{\"type\":\"integer\",\"title\":\"User Id\"}");
    }
}
