package io.ifastapi.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document's {@code info} and top-level lists, FastAPI's {@code title}, {@code version}, {@code summary},
 * {@code description}, {@code servers} and {@code openapi_tags} arguments. FastAPI's defaults: "FastAPI" becomes
 * "iFastAPI"; version "0.1.0".
 */
public record OpenApiInfo(String title, String version, String summary, String description,
                          List<Map<String, Object>> servers, List<Map<String, Object>> tags) {

    public OpenApiInfo {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("The OpenAPI title must not be empty; set e.g. .title(\"Shop API\")");
        }
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("The OpenAPI version must not be empty; set e.g. .version(\"1.0.0\")");
        }
        servers = List.copyOf(servers);
        tags = List.copyOf(tags);
    }

    static OpenApiInfo defaults() {
        return new OpenApiInfo("iFastAPI", "0.1.0", null, null, List.of(), List.of());
    }

    Map<String, Object> toMap() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("title", title);
        if (summary != null) {
            info.put("summary", summary);
        }
        if (description != null) {
            info.put("description", description);
        }
        info.put("version", version);
        return info;
    }
}
