package io.ifastapi.routing;

import io.ifastapi.internal.ServerRequest;
import io.ifastapi.http.Endpoint;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One path template, the methods it answers, and its endpoint. A GET route answers HEAD too, as in Starlette. The
 * endpoint's return value becomes the response: a {@link Response} as is, anything else as JSON with
 * {@link #statusCode(int)} (200 unless set, like FastAPI's {@code status_code=}).
 */
public final class Route implements RouteEntry {
    private final PathTemplate template;
    private final Set<String> methods;
    private final Endpoint endpoint;
    private int statusCode = 200;
    private String name;

    Route(PathTemplate template, List<String> methods, Endpoint endpoint) {
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
        this.methods = Collections.unmodifiableSet(upper);
        this.endpoint = endpoint;
    }

    /** The status of the JSON response made from a plain return value, e.g. 201 for a create. */
    public Route statusCode(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599, got " + status);
        }
        this.statusCode = status;
        return this;
    }

    /** A name to find the route by (for url building and docs). */
    public Route name(String name) {
        this.name = name;
        return this;
    }

    public String name() {
        return name;
    }

    public Set<String> methods() {
        return methods;
    }

    public PathTemplate template() {
        return template;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public int statusCode() {
        return statusCode;
    }

    @Override
    public Map<String, Object> matchPath(String path) {
        return template.match(path);
    }

    @Override
    public boolean acceptsMethod(String method) {
        return methods.contains(method);
    }

    @Override
    public Response handle(Request request, Map<String, Object> params) throws Exception {
        ServerRequest.of(request).pathParams(params);
        Object result = endpoint.handle(request);
        return result instanceof Response response ? response : Response.json(result, statusCode);
    }

    /** A copy of this route under a prefix (for {@code include}). */
    Route withPrefix(String prefix, Map<String, Converter> converters) {
        Route copy = new Route(PathTemplate.compile(prefix + template.template(), converters), List.copyOf(methods), endpoint);
        copy.statusCode = statusCode;
        copy.name = name;
        return copy;
    }

    @Override
    public String toString() {
        return methods + " " + template;
    }
}
