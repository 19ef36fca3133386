package io.ifastapi.openapi;

import io.ifastapi.routing.Operation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the typed-parameter work will contribute, done by hand for tests: a query parameter, a JSON body and a
 * response model for POST /items, a security requirement, and the 422 of an operation that validates its input.
 */
final class RecordingContributor implements OperationContributor {

    record Tag(String label) {
    }

    record ItemIn(String name, double price, List<Tag> tags) {
    }

    record ItemOut(int id, String name) {
    }

    @Override
    public void contribute(Operation operation, OperationObject target, JsonSchemas schemas) {
        if (!operation.path().equals("/items") || !target.method().equals("post")) {
            return;
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("name", "dry_run");
        query.put("in", "query");
        query.put("required", false);
        query.put("schema", schemas.property(boolean.class, "dry_run", null));
        target.parameter(query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content", OperationObject.jsonContent(schemas.schema(ItemIn.class)));
        body.put("required", true);
        target.requestBody(body);
        target.responseSchema(schemas.schema(ItemOut.class));
        target.security(Map.of("APIKeyHeader", List.of()));
        target.validatesInput();
    }
}
