package io.ifastapi.routing;

import java.util.Map;

/** No route has the name and parameters asked for (Starlette's {@code NoMatchFound}, with its message). */
public final class NoMatchFoundException extends IllegalArgumentException {

    public NoMatchFoundException(String name, Map<String, ?> params) {
        super("No route exists for name \"" + name + "\" and params \"" + String.join(", ", params.keySet()) + "\".");
    }
}
