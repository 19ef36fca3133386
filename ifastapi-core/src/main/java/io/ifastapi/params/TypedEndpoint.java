package io.ifastapi.params;

import io.ifastapi.http.Request;

/**
 * A route's handler with declared inputs: {@code (request, params) -> value}, where {@code params} is the route's
 * input record, already bound and validated. Returns what an {@code Endpoint} returns (a Response, or a value sent as
 * JSON).
 */
@FunctionalInterface
public interface TypedEndpoint<P> {
    Object handle(Request request, P params) throws Exception;
}
