package io.ifastapi.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifastapi.IFastAPI;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

/** Generated documents against the OpenAPI 3.1 schema, with a real validator. */
class OpenApiSpecValidationTest {

    @Test
    void theShopsDocumentIsValidOpenApi31() {
        IFastAPI app = ShopApp.create();
        String json = new String(OpenApi.install(app, docs -> docs.title("Shop").description("A *shop*")
                .server("https://shop.example", null).tag("items", "Things")).json(), StandardCharsets.UTF_8);
        assertThat(OpenApiSpecValidator.validate(json)).isEmpty();
    }

    @Test
    void aDocumentWithBodiesResponseModelsAnd422IsValidOpenApi31() {
        IFastAPI app = ShopApp.create();
        String json = new String(OpenApi.install(app, docs -> docs.contributor(new RecordingContributor())).json(),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"HTTPValidationError\"", "\"ItemIn\"", "\"Tag\"");
        assertThat(OpenApiSpecValidator.validate(json)).isEmpty();
    }

    @Test
    void theValidatorRejectsWhatOpenApiForbids() {
        // A path parameter must be required; "in" must be one of four; responses is a map of status codes.
        String invalid = """
                {"openapi":"3.1.0","info":{"title":"x","version":"1"},"paths":{"/a/{id}":{"get":{
                "parameters":[{"name":"id","in":"path","required":false,"schema":{"type":"integer"}},
                {"name":"q","in":"body","schema":{}}],"responses":{"200":{"content":{}}}}}}}""";
        assertThat(OpenApiSpecValidator.validate(invalid)).isNotEmpty();
        String badSchema = """
                {"openapi":"3.1.0","info":{"title":"x","version":"1"},"paths":{},
                "components":{"schemas":{"A":{"type":"no-such-type"}}}}""";
        assertThat(OpenApiSpecValidator.validate(badSchema)).as("Schema Objects are checked too").isNotEmpty();
        String noVersion = """
                {"openapi":"3.1.0","info":{"title":"x"},"paths":{}}""";
        assertThat(OpenApiSpecValidator.validate(noVersion)).isNotEmpty();
    }
}
