package io.ifastapi.http;

/**
 * A route's handler: {@code request -> value}. A returned {@link Response} is sent as is; any other value (a record,
 * a Map, a List, a String, a number, {@code null}) is sent as JSON, as FastAPI does with a path operation's return.
 */
@FunctionalInterface
public interface Endpoint {
    Object handle(Request request) throws Exception;
}
