package io.ifastapi.routing;

import java.util.Map;

/**
 * What can build the path of a named route (Starlette's {@code url_path_for}): a {@link Router}, and an app mounted
 * under a named {@link Mount}, whose routes are then reached as {@code "mountName:routeName"}.
 */
public interface UrlPaths {

    /** The path of the route with this name whose parameters are exactly these, or null when there is none. */
    String findUrlPath(String name, Map<String, ?> params);
}
