package io.ifastapi.routing;

import java.lang.reflect.Type;

/**
 * A response a route may give besides its successful one, for the docs only (FastAPI's {@code responses=}
 * parameter): {@code .documentResponse(404, "Item not found")}. It changes nothing in what the route answers.
 *
 * @param status      the HTTP status, 100..599
 * @param description the response's description (Markdown)
 * @param model       the type of its JSON body (a record, a List of records...), or null for none documented
 */
public record DocumentedResponse(int status, String description, Type model) {

    public DocumentedResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599, got " + status);
        }
        if (description == null || description.isEmpty()) {
            throw new IllegalArgumentException("A documented response needs a description (OpenAPI requires one), "
                    + "e.g. \"Item not found\"");
        }
    }
}
