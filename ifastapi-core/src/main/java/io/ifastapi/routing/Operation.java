package io.ifastapi.routing;

import io.ifastapi.http.Endpoint;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one description of a route, built at registration and read by everyone (FastAPI's {@code Dependant}): the
 * router matches on its template and methods, the invoker runs its endpoint and answers with its status code, the
 * OpenAPI generator documents it from the same fields. Immutable: a change makes a new Operation
 * ({@link Route#statusCode}, {@link Route#summary}, ...), so nothing reads a half-changed route.
 *
 * @param path            the path template as served, prefixes included (e.g. {@code /users/{id:int}})
 * @param methods         upper case; a GET route answers HEAD too
 * @param endpoint        what runs the route: the handler itself, or the typed-parameter invoker in front of it
 * @param statusCode      the status of the JSON response made from a plain return value
 * @param name            the route's name (for url building and as the default operation id), or null
 * @param tags            OpenAPI tags, in order
 * @param summary         a one-line summary, or null
 * @param description     a longer description (Markdown), or null
 * @param deprecated      documented as deprecated
 * @param includeInSchema false to leave the route out of the OpenAPI document
 * @param operationId     an explicit OpenAPI operationId, or null for the generated one
 */
public record Operation(String path, Set<String> methods, Endpoint endpoint, int statusCode, String name,
                        List<String> tags, String summary, String description, boolean deprecated,
                        boolean includeInSchema, String operationId) {

    public Operation {
        if (statusCode < 100 || statusCode > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599, got " + statusCode);
        }
        methods = Collections.unmodifiableSet(new LinkedHashSet<>(methods)); // in order: the Allow header shows it
        tags = List.copyOf(tags);
    }

    static Operation of(String path, Set<String> methods, Endpoint endpoint) {
        return new Operation(path, methods, endpoint, 200, null, List.of(), null, null, false, true, null);
    }

    Operation withPath(String newPath) {
        return new Operation(newPath, methods, endpoint, statusCode, name, tags, summary, description, deprecated,
                includeInSchema, operationId);
    }

    Operation withStatusCode(int status) {
        return new Operation(path, methods, endpoint, status, name, tags, summary, description, deprecated,
                includeInSchema, operationId);
    }

    Operation withName(String newName) {
        return new Operation(path, methods, endpoint, statusCode, newName, tags, summary, description, deprecated,
                includeInSchema, operationId);
    }

    Operation withTags(List<String> newTags) {
        return new Operation(path, methods, endpoint, statusCode, name, newTags, summary, description, deprecated,
                includeInSchema, operationId);
    }

    Operation withSummary(String newSummary) {
        return new Operation(path, methods, endpoint, statusCode, name, tags, newSummary, description, deprecated,
                includeInSchema, operationId);
    }

    Operation withDescription(String newDescription) {
        return new Operation(path, methods, endpoint, statusCode, name, tags, summary, newDescription, deprecated,
                includeInSchema, operationId);
    }

    Operation withDeprecated(boolean isDeprecated) {
        return new Operation(path, methods, endpoint, statusCode, name, tags, summary, description, isDeprecated,
                includeInSchema, operationId);
    }

    Operation withIncludeInSchema(boolean include) {
        return new Operation(path, methods, endpoint, statusCode, name, tags, summary, description, deprecated,
                include, operationId);
    }

    Operation withOperationId(String id) {
        return new Operation(path, methods, endpoint, statusCode, name, tags, summary, description, deprecated,
                includeInSchema, id);
    }
}
