package io.ifastapi.authentication;

import io.ifastapi.http.AuthCredentials;
import io.ifastapi.http.Endpoint;
import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.params.TypedEndpoint;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Starlette's {@code @requires(...)}: a route answers only requests holding every scope named, and refuses others
 * with 403, or sends them (303) to a login route with {@code ?next=} the page they wanted.
 *
 * <pre>{@code
 * import static io.ifastapi.authentication.Requires.requires;
 *
 * app.get("/profile", requires("authenticated").redirectTo("login").to(request -> profilePage(request)));
 * app.post("/admin/users", requires("authenticated", "admin").to(request -> ...));   // 403 when not admin
 * }</pre>
 *
 * Needs AuthenticationMiddleware (scopes come from {@code request.auth()}). The login route reads {@code next}
 * through {@link NextUrl}, which follows only paths of this site.
 */
public final class Requires {
    private final List<String> scopes;
    private final String loginRoute;
    private final int status;

    private Requires(List<String> scopes, String loginRoute, int status) {
        this.scopes = scopes;
        this.loginRoute = loginRoute;
        this.status = status;
    }

    /** Requests must hold all of these scopes; others get 403. */
    public static Requires requires(String... scopes) {
        if (scopes.length == 0) {
            throw new IllegalArgumentException("requires(...) needs at least one scope, e.g. \""
                    + SessionAuthenticationBackend.AUTHENTICATED + "\"");
        }
        return new Requires(List.of(scopes), null, 403);
    }

    /**
     * Instead of 403, redirect (303 See Other) to the route named {@code routeName} with {@code ?next=} this
     * request's path and query, so that the login page can bring the user back.
     */
    public Requires redirectTo(String routeName) {
        return new Requires(scopes, routeName, status);
    }

    /** The refusal's status when not redirecting (Starlette's {@code status_code}, 403 by default). */
    public Requires status(int status) {
        return new Requires(scopes, loginRoute, status);
    }

    public List<String> scopes() {
        return scopes;
    }

    /** The endpoint, guarded. */
    public Endpoint to(Endpoint endpoint) {
        return request -> {
            Response refusal = check(request);
            return refusal != null ? refusal : endpoint.handle(request);
        };
    }

    /** A typed endpoint, guarded (its inputs are bound and validated first, as FastAPI resolves dependencies). */
    public <P> TypedEndpoint<P> to(TypedEndpoint<P> endpoint) {
        return (request, inputs) -> {
            Response refusal = check(request);
            return refusal != null ? refusal : endpoint.handle(request, inputs);
        };
    }

    /** Null when the request holds every scope; else the refusal. */
    Response check(Request request) {
        AuthCredentials credentials = request.auth();
        if (credentials.hasAll(scopes)) {
            return null;
        }
        if (loginRoute == null) {
            throw new HTTPException(status);
        }
        String login;
        try {
            login = request.urlFor(loginRoute).substring(request.url().origin().length());
        } catch (IllegalArgumentException noSuchRoute) {
            throw new IllegalStateException("requires(...).redirectTo(\"" + loginRoute + "\"): no route is named '"
                    + loginRoute + "'. Name the login page's route: app.get(\"/login\", ...).name(\"" + loginRoute
                    + "\")", noSuchRoute);
        }
        String query = request.url().query();
        String next = request.url().path() + (query == null || query.isEmpty() ? "" : "?" + query);
        return Response.redirect(login + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), 303);
    }
}
