package io.ifastapi.routing;

import io.ifastapi.http.Endpoint;
import io.ifastapi.params.ResponseModel;
import io.ifastapi.params.RouteInputs;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

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
 * @param inputs          the declared inputs: parameters, body type, dependencies ({@link RouteInputs#NONE} when
 *                        the route declares none)
 * @param responseModel   the declared response type that shapes plain return values, or null for none
 * @param nonBlocking     true: the route never blocks and may run on the server's event loop (FastAPI's
 *                        {@code async def}); false: it may block and runs on a virtual thread (FastAPI's {@code def});
 *                        null: as the app says ({@code IFastAPI.nonBlocking}), blocking unless told otherwise
 * @param responses       other responses to document (FastAPI's {@code responses=}), in the order declared
 */
public record Operation(String path, Set<String> methods, Endpoint endpoint, int statusCode, String name,
                        List<String> tags, String summary, String description, boolean deprecated,
                        boolean includeInSchema, String operationId, RouteInputs inputs,
                        ResponseModel responseModel, Boolean nonBlocking, List<DocumentedResponse> responses) {

    public Operation {
        if (statusCode < 100 || statusCode > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599, got " + statusCode);
        }
        methods = Collections.unmodifiableSet(new LinkedHashSet<>(methods)); // in order: the Allow header shows it
        tags = List.copyOf(tags);
        responses = responses == null ? List.of() : List.copyOf(responses);
        if (inputs == null) {
            inputs = RouteInputs.NONE;
        }
    }

    static Operation of(String path, Set<String> methods, Endpoint endpoint, RouteInputs inputs) {
        return new Operation(path, methods, endpoint, 200, null, List.of(), null, null, false, true, null, inputs,
                null, null, List.of());
    }

    /** Whether the route runs without blocking, {@code byDefault} being the app's choice for routes that did not say. */
    public boolean runsNonBlocking(boolean byDefault) {
        return nonBlocking == null ? byDefault : nonBlocking;
    }

    /** A copy with some fields changed: {@code operation.with(o -> o.statusCode = 201)}. */
    Operation with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    Operation withPath(String newPath) {
        return with(o -> o.path = newPath);
    }

    /** The fields of an Operation being changed, for {@link #with}. */
    static final class Draft {
        String path;
        Set<String> methods;
        Endpoint endpoint;
        int statusCode;
        String name;
        List<String> tags;
        String summary;
        String description;
        boolean deprecated;
        boolean includeInSchema;
        String operationId;
        RouteInputs inputs;
        ResponseModel responseModel;
        Boolean nonBlocking;
        List<DocumentedResponse> responses;

        private Draft(Operation o) {
            path = o.path;
            methods = o.methods;
            endpoint = o.endpoint;
            statusCode = o.statusCode;
            name = o.name;
            tags = o.tags;
            summary = o.summary;
            description = o.description;
            deprecated = o.deprecated;
            includeInSchema = o.includeInSchema;
            operationId = o.operationId;
            inputs = o.inputs;
            responseModel = o.responseModel;
            nonBlocking = o.nonBlocking;
            responses = o.responses;
        }

        private Operation build() {
            return new Operation(path, methods, endpoint, statusCode, name, tags, summary, description, deprecated,
                    includeInSchema, operationId, inputs, responseModel, nonBlocking, responses);
        }
    }
}
