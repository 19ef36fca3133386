package io.ifastapi.security;

import java.util.Map;

/**
 * A security helper as the OpenAPI document describes it (a {@code securitySchemes} entry). Its name there is the
 * helper's class name (APIKeyHeader, HTTPBasic...), as FastAPI names a scheme after its class.
 */
public interface SecurityScheme {

    /** The name of the scheme in {@code components.securitySchemes}. */
    default String schemeName() {
        Class<?> type = getClass();
        // A user's subclass (class AdminKey extends APIKeyHeader) keeps the helper's name, as in FastAPI.
        while (type.getSuperclass() != null && !type.getPackageName().equals(SecurityScheme.class.getPackageName())) {
            type = type.getSuperclass();
        }
        return type.getSimpleName();
    }

    /** The OpenAPI Security Scheme Object, e.g. {@code {"type": "apiKey", "in": "header", "name": "X-API-Key"}}. */
    Map<String, Object> openApi();
}
