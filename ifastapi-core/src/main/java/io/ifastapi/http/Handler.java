package io.ifastapi.http;

/**
 * Anything that turns a request into a response: the app itself, a router, a mounted sub-app, or the rest of the
 * middleware stack as seen by a middleware ({@code next}). This is the one composition type of the framework.
 */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}
