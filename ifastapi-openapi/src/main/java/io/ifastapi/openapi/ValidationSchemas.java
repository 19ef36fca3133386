package io.ifastapi.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FastAPI's {@code HTTPValidationError} and {@code ValidationError} component schemas, word for word as FastAPI
 * 0.142 writes them: the body of every 422 the typed parameters answer.
 */
final class ValidationSchemas {
    private ValidationSchemas() {
    }

    /** Registers both components and returns the {@code $ref} to HTTPValidationError. */
    static Map<String, Object> register(JsonSchemas schemas) {
        schemas.component("ValidationError", validationError());
        return schemas.component("HTTPValidationError", httpValidationError());
    }

    private static Map<String, Object> httpValidationError() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("items", Map.of("$ref", "#/components/schemas/ValidationError"));
        detail.put("type", "array");
        detail.put("title", "Detail");
        return object("HTTPValidationError", Map.of("detail", detail), List.of());
    }

    private static Map<String, Object> validationError() {
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> loc = new LinkedHashMap<>();
        loc.put("items", Map.of("anyOf", List.of(Map.of("type", "string"), Map.of("type", "integer"))));
        loc.put("type", "array");
        loc.put("title", "Location");
        properties.put("loc", loc);
        properties.put("msg", typed("string", "Message"));
        properties.put("type", typed("string", "Error Type"));
        properties.put("input", Map.of("title", "Input"));
        properties.put("ctx", typed("object", "Context"));
        return object("ValidationError", properties, List.of("loc", "msg", "type"));
    }

    private static Map<String, Object> typed(String type, String title) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", type);
        schema.put("title", title);
        return schema;
    }

    private static Map<String, Object> object(String title, Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("properties", properties);
        schema.put("type", "object");
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("title", title);
        return schema;
    }
}
