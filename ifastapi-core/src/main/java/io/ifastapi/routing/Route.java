package io.ifastapi.routing;

import io.ifastapi.http.Endpoint;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.internal.ServerRequest;
import io.ifastapi.json.JsonCodec;
import io.ifastapi.params.BoundEndpoint;
import io.ifastapi.params.DependencyScope;
import io.ifastapi.params.ResponseModel;
import io.ifastapi.params.RouteInputs;
import io.ifastapi.params.TypeRef;

import java.lang.reflect.Type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A registered route: the handle that {@code app.get(...)} returns, to describe it further
 * ({@code .statusCode(201).summary("Create an item").tags("items")}). It holds the route's {@link Operation}; each
 * change replaces it whole. A router that includes another shares its Route objects, so a change made after
 * {@code include} applies wherever the route is served. Once the app serves requests its routes are fixed: a later
 * change fails loudly instead of being half-seen (the OpenAPI document, say, is generated once).
 */
public final class Route implements RouteEntry {
    private final PathTemplate template;
    private volatile Operation operation;
    private volatile boolean frozen;

    Route(PathTemplate template, List<String> methods, Endpoint endpoint, RouteInputs inputs) {
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("A route needs at least one method: " + template);
        }
        Set<String> upper = new LinkedHashSet<>();
        for (String method : methods) {
            upper.add(method.toUpperCase(Locale.ROOT));
        }
        if (upper.contains("GET")) {
            upper.add("HEAD");
        }
        this.template = template;
        this.operation = Operation.of(template.template(), upper, endpoint, inputs);
    }

    /** The status of the JSON response made from a plain return value, e.g. 201 for a create. */
    public Route statusCode(int status) {
        return change(operation.with(o -> o.statusCode = status));
    }

    /**
     * The response model (FastAPI's {@code response_model}): a plain return value is cut to this type's shape, so
     * fields it does not declare are not sent; the OpenAPI document shows it as the response schema.
     */
    public Route response(Class<?> model) {
        return response((Type) model);
    }

    /** A generic response model: {@code .response(new TypeRef<List<ItemOut>>() {})}. */
    public Route response(TypeRef<?> model) {
        return response(model.type());
    }

    private Route response(Type model) {
        return change(operation.with(o -> o.responseModel = model == null ? null : ResponseModel.of(model)));
    }

    /**
     * Documents another response of the route (FastAPI's {@code responses={404: {"description": ...}}}), e.g. the
     * 404 a handler raises; for the docs only.
     */
    public Route documentResponse(int status, String description) {
        return documentResponse(status, description, (Type) null);
    }

    /** Documents another response with the type of its JSON body: {@code .documentResponse(404, "Not found", Message.class)}. */
    public Route documentResponse(int status, String description, Class<?> model) {
        return documentResponse(status, description, (Type) model);
    }

    /** Documents another response with a generic body type. */
    public Route documentResponse(int status, String description, TypeRef<?> model) {
        return documentResponse(status, description, model.type());
    }

    private Route documentResponse(int status, String description, Type model) {
        DocumentedResponse response = new DocumentedResponse(status, description, model);
        return change(operation.with(o -> {
            List<DocumentedResponse> all = new ArrayList<>(o.responses);
            all.removeIf(r -> r.status() == status);
            all.add(response);
            o.responses = all;
        }));
    }

    /** A name to find the route by (url building) and the base of its default OpenAPI operationId. */
    public Route name(String name) {
        return change(operation.with(o -> o.name = name));
    }

    /** OpenAPI tags, replacing any set before. */
    public Route tags(String... tags) {
        return change(operation.with(o -> o.tags = Arrays.asList(tags)));
    }

    public Route summary(String summary) {
        return change(operation.with(o -> o.summary = summary));
    }

    /** A longer description (Markdown) for the docs. */
    public Route description(String description) {
        return change(operation.with(o -> o.description = description));
    }

    public Route deprecated(boolean deprecated) {
        return change(operation.with(o -> o.deprecated = deprecated));
    }

    /** False leaves the route out of the OpenAPI document (it is still served). */
    public Route includeInSchema(boolean include) {
        return change(operation.with(o -> o.includeInSchema = include));
    }

    /** An explicit OpenAPI operationId instead of the generated one. */
    public Route operationId(String operationId) {
        return change(operation.with(o -> o.operationId = operationId));
    }

    /**
     * Declares that the handler never blocks (FastAPI's {@code async def}): no JDBC, no HTTP calls, no sleeping,
     * no waiting on a lock held for long; computation, and the session of a cookie or memory backend, are fine.
     * The Netty adapter then runs such a request (the middleware stack, the dependencies, the handler and any
     * exception handler) on the event loop that read it, when its body has fully arrived and every middleware on its
     * path is non-blocking too ({@code Middleware.nonBlocking()}); that saves the hand-off to a virtual thread and
     * back. A call that blocks there stalls every connection of that event loop; with {@code app.debug(true)} the
     * server warns, with the stack, when a handler holds the loop longer than 100 ms. See docs/performance.md.
     */
    public Route nonBlocking() {
        return nonBlocking(true);
    }

    /**
     * True as {@link #nonBlocking()}; false keeps this route on a virtual thread even when the app makes routes
     * non-blocking by default ({@code IFastAPI.nonBlocking(true)}).
     */
    public Route nonBlocking(boolean nonBlocking) {
        return change(operation.with(o -> o.nonBlocking = nonBlocking));
    }

    /** The route's description as it stands: what the invoker runs and the docs show. */
    public Operation operation() {
        return operation;
    }

    public String name() {
        return operation.name();
    }

    public Set<String> methods() {
        return operation.methods();
    }

    public PathTemplate template() {
        return template;
    }

    public Endpoint endpoint() {
        return operation.endpoint();
    }

    public int statusCode() {
        return operation.statusCode();
    }

    @Override
    public Map<String, Object> matchPath(String path) {
        return template.match(path);
    }

    @Override
    public boolean acceptsMethod(String method) {
        return operation.methods().contains(method);
    }

    @Override
    public Response handle(Request request, Map<String, Object> params) throws Exception {
        return invoke(operation, request, params);
    }

    static Response invoke(Operation operation, Request request, Map<String, Object> params) throws Exception {
        ServerRequest.of(request).pathParams(params);
        if (!(operation.endpoint() instanceof BoundEndpoint<?> bound)) {
            return respond(operation, request, operation.endpoint().handle(request));
        }
        // Dependencies are cleaned up once the response has been sent, also when the handler failed: a streamed
        // body can still use them, and a failing clean-up is logged instead of turning a sent response into a 500.
        DependencyScope scope = new DependencyScope();
        try {
            return respond(operation, request, bound.call(request, scope));
        } finally {
            if (scope.hasCleanups()) {
                ServerRequest.of(request).afterResponse(scope);
            }
        }
    }

    private static Response respond(Operation operation, Request request, Object result) {
        if (result instanceof Response response) {
            return response;
        }
        JsonCodec codec = request.app().json();
        ResponseModel model = operation.responseModel();
        return Response.bytes(codec.write(model == null ? result : model.apply(codec.toPlain(result))),
                "application/json", operation.statusCode());
    }

    /** Called when the app starts serving: from then on the route's description is final. */
    void freeze() {
        frozen = true;
    }

    private Route change(Operation changed) {
        if (frozen) {
            throw new IllegalStateException("Route " + this + " is already serving requests; describe it (status "
                    + "code, name, tags, summary...) before app.run(), app.start() or the first request");
        }
        operation = changed;
        return this;
    }

    @Override
    public String toString() {
        return operation.methods() + " " + template;
    }
}
