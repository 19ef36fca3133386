package io.ifastapi.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One OpenAPI Operation Object under construction, for one method of one route: what {@link OperationContributor}s
 * add parameters, a request body and responses to. {@link #toMap()} writes the keys in FastAPI's order (tags,
 * summary, description, operationId, parameters, requestBody, responses, deprecated, security).
 */
public final class OperationObject {
    private final String method;
    private final int statusCode;
    private final List<Map<String, Object>> parameters = new ArrayList<>();
    private final Map<String, Map<String, Object>> responses = new LinkedHashMap<>();
    private final List<Map<String, Object>> security = new ArrayList<>();
    private final Map<String, Map<String, Object>> securitySchemes = new LinkedHashMap<>();
    private Map<String, Object> requestBody;
    private boolean validatesInput;
    Map<String, Object> head = new LinkedHashMap<>();
    boolean deprecated;

    OperationObject(String method, int statusCode) {
        this.method = method;
        this.statusCode = statusCode;
    }

    /** The HTTP method, lower case, e.g. {@code get}. */
    public String method() {
        return method;
    }

    /**
     * Adds a Parameter Object ({@code name}, {@code in}, {@code required}, {@code schema}...); one with the same
     * name and location is replaced, so a typed declaration wins over what the path template says.
     */
    public OperationObject parameter(Map<String, Object> parameter) {
        for (int i = 0; i < parameters.size(); i++) {
            Map<String, Object> existing = parameters.get(i);
            if (existing.get("name").equals(parameter.get("name")) && existing.get("in").equals(parameter.get("in"))) {
                parameters.set(i, parameter);
                return this;
            }
        }
        parameters.add(parameter);
        return this;
    }

    /** The Request Body Object, e.g. {@code {"content": {"application/json": {"schema": ...}}, "required": true}}. */
    public OperationObject requestBody(Map<String, Object> body) {
        this.requestBody = body;
        return this;
    }

    /** The schema of the successful response's JSON content (the route's response model); {@code {}} by default. */
    public OperationObject responseSchema(Map<String, Object> schema) {
        Map<String, Object> success = responses.get(String.valueOf(statusCode));
        if (success != null && success.get("content") instanceof Map<?, ?>) {
            success.put("content", jsonContent(schema));
        }
        return this;
    }

    /** A response Object for {@code status} (an extra documented response), replacing one given before. */
    public OperationObject response(String status, Map<String, Object> response) {
        responses.put(status, response);
        return this;
    }

    /**
     * Marks the operation as one that validates its input: it documents the 422 with {@code HTTPValidationError},
     * as FastAPI does, and only such operations do (FastAPI advertises it on every route that has any parameter).
     */
    public OperationObject validatesInput() {
        this.validatesInput = true;
        return this;
    }

    /** A Security Requirement Object, e.g. {@code {"APIKeyHeader": []}}. */
    public OperationObject security(Map<String, Object> requirement) {
        if (!security.contains(requirement)) {
            security.add(requirement);
        }
        return this;
    }

    /**
     * Requires the security scheme {@code name}, defined as {@code scheme} in {@code components.securitySchemes}
     * (a security helper's {@link io.ifastapi.security.SecurityScheme#openApi()}).
     */
    public OperationObject securityScheme(String name, Map<String, Object> scheme) {
        securitySchemes.putIfAbsent(name, scheme);
        return security(Map.of(name, List.of()));
    }

    /** The operationId chosen for this operation. */
    public String operationId() {
        return (String) head.get("operationId");
    }

    Map<String, Map<String, Object>> securitySchemes() {
        return securitySchemes;
    }

    boolean isValidatingInput() {
        return validatesInput;
    }

    void successResponse() {
        Map<String, Object> success = new LinkedHashMap<>();
        success.put("description", "Successful Response");
        if (bodyAllowed(statusCode)) {
            success.put("content", jsonContent(new LinkedHashMap<>()));
        }
        responses.put(String.valueOf(statusCode), success);
    }

    Map<String, Object> toMap(JsonSchemas schemas) {
        Map<String, Object> operation = new LinkedHashMap<>(head);
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (requestBody != null) {
            operation.put("requestBody", requestBody);
        }
        if (validatesInput && !responses.containsKey("422")) {
            Map<String, Object> invalid = new LinkedHashMap<>();
            invalid.put("description", "Validation Error");
            invalid.put("content", jsonContent(ValidationSchemas.register(schemas)));
            responses.put("422", invalid);
        }
        operation.put("responses", responses);
        if (deprecated) {
            operation.put("deprecated", true);
        }
        if (!security.isEmpty()) {
            operation.put("security", security);
        }
        return operation;
    }

    static Map<String, Object> jsonContent(Map<String, Object> schema) {
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("schema", schema);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("application/json", media);
        return content;
    }

    /** Starlette's is_body_allowed_for_status_code: none for 1xx, 204, 205 and 304. */
    static boolean bodyAllowed(int status) {
        return status >= 200 && status != 204 && status != 205 && status != 304;
    }
}
