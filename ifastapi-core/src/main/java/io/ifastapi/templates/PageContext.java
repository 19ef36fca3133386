package io.ifastapi.templates;

import io.ifastapi.http.Request;
import io.ifastapi.http.Session;
import io.ifastapi.http.User;
import io.ifastapi.middleware.CsrfToken;
import io.ifastapi.sessions.Flash;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a template may ask of the request it renders for (Starlette passes {@code request} and {@code url_for} to
 * Jinja2; Flask adds {@code get_flashed_messages} and a CSRF token): one per render, made by {@link Templates}.
 * Everything is read on first use, so a page that shows no flash messages does not consume them, and a page with
 * no form does not create a CSRF secret.
 */
public final class PageContext {
    private final Request request;
    private List<Flash.Message> flashes;
    private String csrfToken;

    public PageContext(Request request) {
        this.request = request;
    }

    public Request request() {
        return request;
    }

    /** The session; fails as {@code request.session()} does without SessionMiddleware. */
    public Session session() {
        return request.session();
    }

    /** The user of the request ({@link Request#user()}); needs AuthenticationMiddleware. */
    public User user() {
        return request.user();
    }

    /**
     * The pending flash messages, oldest first. The first call takes them out of the session (they are shown once);
     * later calls in the same render return the same list.
     */
    public List<Flash.Message> flashes() {
        if (flashes == null) {
            flashes = Flash.consume(request);
        }
        return flashes;
    }

    /** A masked CSRF token of the session, the same for the whole page (see {@link CsrfToken#of}). */
    public String csrfToken() {
        if (csrfToken == null) {
            csrfToken = CsrfToken.of(request);
        }
        return csrfToken;
    }

    /** The form field CSRFMiddleware reads the token from ({@code csrf_token} unless configured otherwise). */
    public String csrfFieldName() {
        return CsrfToken.fieldName(request);
    }

    /**
     * The hidden input carrying the token, to put in every form that posts: {@code <input type="hidden"
     * name="csrf_token" value="...">}. Escaped here, so engines may output it raw.
     */
    public String csrfInputHtml() {
        return "<input type=\"hidden\" name=\"" + Html.escape(csrfFieldName()) + "\" value=\""
                + Html.escape(csrfToken()) + "\">";
    }

    /**
     * The absolute URL of a named route (Starlette's {@code url_for}), parameters given as name, value pairs:
     * {@code urlFor("read_item", "item_id", 3)}; {@code urlFor("static", "path", "/app.css")} for a mount named
     * {@code static}.
     */
    public String urlFor(String name, Object... params) {
        return request.urlFor(name, pairs(params));
    }

    /** The path of a named route, without scheme and host (Starlette's {@code url_path_for}), mounts included. */
    public String urlPathFor(String name, Object... params) {
        String absolute = request.urlFor(name, pairs(params));
        return absolute.substring(request.url().origin().length());
    }

    private static Map<String, Object> pairs(Object... params) {
        if (params.length % 2 != 0) {
            throw new IllegalArgumentException("url_for takes the route's name, then name, value pairs; got "
                    + params.length + " values after the name");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(String.valueOf(params[i]), params[i + 1]);
        }
        return map;
    }
}
