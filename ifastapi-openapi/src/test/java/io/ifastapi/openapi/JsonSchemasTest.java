package io.ifastapi.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ifastapi.IFastAPI;
import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The schemas of Java types against FastAPI's own output for the same models (src/test/python/fastapi_reference.py,
 * its output in src/test/resources/fastapi-reference/openapi.json): byte for byte, key order included.
 */
class JsonSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Color { red, green }

    record Image(String url) {
    }

    @Schema(description = "An item.")
    record Item(int item_id, @Schema(description = "The name") String name, double price, List<String> tags,
                Set<String> labels, Color color, Optional<Image> image, LocalDate when, OffsetDateTime at, UUID ref,
                Optional<String> note) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reference() throws Exception {
        try (InputStream in = JsonSchemasTest.class.getResourceAsStream("/fastapi-reference/openapi.json")) {
            return JSON.readValue(in, LinkedHashMap.class);
        }
    }

    @Test
    void componentsAreFastApisByteForByte() throws Exception {
        JsonSchemas schemas = new JsonSchemas();
        assertThat(schemas.schema(Item.class)).isEqualTo(Map.of("$ref", "#/components/schemas/Item"));
        ValidationSchemas.register(schemas);

        @SuppressWarnings("unchecked")
        Object expected = ((Map<String, Object>) reference().get("components")).get("schemas");
        assertThat(JSON.writeValueAsString(schemas.components())).isEqualTo(JSON.writeValueAsString(expected));
    }

    @Test
    void aPlainOperationIsFastApisByteForByte() throws Exception {
        IFastAPI app = new IFastAPI();
        app.get("/plain", request -> Map.of()).name("plain");
        Map<String, Object> document = OpenApi.install(app).document();
        @SuppressWarnings("unchecked")
        Object expected = ((Map<String, Object>) reference().get("paths")).get("/plain");
        @SuppressWarnings("unchecked")
        Object actual = ((Map<String, Object>) document.get("paths")).get("/plain");
        assertThat(JSON.writeValueAsString(actual)).isEqualTo(JSON.writeValueAsString(expected));
    }

    record Node(String name, List<Node> children) {
    }

    @Test
    void aRecordThatRefersToItselfEndsInOneComponent() throws Exception {
        JsonSchemas schemas = new JsonSchemas();
        schemas.schema(Node.class);
        assertThat(JSON.writeValueAsString(schemas.components().get("Node"))).isEqualTo("""
                {"properties":{"name":{"type":"string","title":"Name"},"children":{"items":\
                {"$ref":"#/components/schemas/Node"},"type":"array","title":"Children"}},"type":"object",\
                "required":["name","children"],"title":"Node"}""");
    }

    @Test
    void scalarsCollectionsAndMaps() throws Exception {
        JsonSchemas schemas = new JsonSchemas();
        Type listOfOptionalInts = new TypeReference<List<Optional<Integer>>>() { }.getType();
        assertThat(JSON.writeValueAsString(schemas.schema(listOfOptionalInts)))
                .isEqualTo("{\"items\":{\"anyOf\":[{\"type\":\"integer\"},{\"type\":\"null\"}]},\"type\":\"array\"}");
        Type mapOfDates = new TypeReference<Map<String, LocalDate>>() { }.getType();
        assertThat(JSON.writeValueAsString(schemas.schema(mapOfDates)))
                .isEqualTo("{\"additionalProperties\":{\"type\":\"string\",\"format\":\"date\"},\"type\":\"object\"}");
        assertThat(schemas.schema(boolean.class)).isEqualTo(Map.of("type", "boolean"));
        assertThat(schemas.schema(long.class)).isEqualTo(Map.of("type", "integer"));
        assertThat(schemas.schema(java.math.BigDecimal.class)).isEqualTo(Map.of("type", "number"));
        assertThat(schemas.schema(java.time.Instant.class)).isEqualTo(Map.of("type", "string", "format", "date-time"));
        assertThat(schemas.schema(Object.class)).isEmpty();
        assertThat(JSON.writeValueAsString(schemas.schema(String[].class)))
                .isEqualTo("{\"items\":{\"type\":\"string\"},\"type\":\"array\"}");
        assertThat(schemas.components()).isEmpty();
    }

    @Test
    void pydanticTitles() {
        assertThat(Names.title("item_id")).isEqualTo("Item Id");
        assertThat(Names.title("itemId")).isEqualTo("Itemid");
        assertThat(Names.title("x2y")).isEqualTo("X2Y");
        assertThat(Names.title("_private")).isEqualTo("Private");
        assertThat(Names.summary("read_item")).isEqualTo("Read Item");
    }
}
