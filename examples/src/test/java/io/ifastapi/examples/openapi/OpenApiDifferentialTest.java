package io.ifastapi.examples.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ifastapi.IFastAPI;
import io.ifastapi.examples.CatalogApp;
import io.ifastapi.examples.FastApiTwin;
import io.ifastapi.testclient.TestClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/**
 * The /openapi.json of a Java app and of its FastAPI twin (the real FastAPI, served by uvicorn), compared on
 * operations, parameters, request bodies, responses, component schemas and security schemes (see
 * {@link OpenApiDiff}). Every difference left is one that docs/openapi.md explains.
 */
class OpenApiDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode javaDocument(IFastAPI app) throws Exception {
        try (TestClient client = new TestClient(app)) {
            return JSON.readTree(client.get("/openapi.json").bytes());
        }
    }

    /**
     * The differences docs/openapi.md explains ("Differences from FastAPI"), each with its reason. Any other one, or
     * one of these gone, fails the test.
     */
    static final Map<String, String> EXPLAINED = Map.of(
            "/paths//search/get/responses/422: fastapi={content={application/json={schema={$ref=\"#/components/"
                    + "schemas/HTTPValidationError\"}}}, description=\"Validation Error\"} java=(none)",
            "a 422 only where a request can fail validation: /search's only input is an optional, unconstrained "
                    + "string, which always binds");

    @Test
    void catalogDescribesWhatCatalogPyDescribes() throws Exception {
        JsonNode fastapi;
        try (FastApiTwin twin = FastApiTwin.start("catalog_twin", "/openapi.json")) {
            fastapi = JSON.readTree(twin.get("/openapi.json"));
        }
        List<String> differences = OpenApiDiff.differences(fastapi,
                javaDocument(CatalogApp.create(Map.of("SECRET_KEY", "change-me-".repeat(4)))));
        assertThat(differences).isEmpty();
    }

    @Test
    void probeAppDescribesWhatFastApiDescribes() throws Exception {
        JsonNode fastapi;
        try (FastApiTwin twin = FastApiTwin.start("openapi_probe", "/openapi.json")) {
            fastapi = JSON.readTree(twin.get("/openapi.json"));
        }
        List<String> differences = OpenApiDiff.differences(fastapi, javaDocument(CatalogProbeApp.create()));
        assertThat(differences).containsExactlyInAnyOrderElementsOf(EXPLAINED.keySet());
    }
}
