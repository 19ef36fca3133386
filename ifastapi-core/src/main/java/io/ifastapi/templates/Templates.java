package io.ifastapi.templates;

import io.ifastapi.http.Request;
import io.ifastapi.http.Response;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Renders templates into responses, Starlette's {@code Jinja2Templates}: made once from an engine module, then used
 * by handlers.
 *
 * <pre>{@code
 * Templates templates = JteTemplates.precompiled();          // ifastapi-templates-jte
 * app.get("/login", request -> templates.response(request, "login.jte", Map.of("error", "")));
 * }</pre>
 *
 * Besides the model, every template gets the request's {@link PageContext} (session, flash messages, CSRF token,
 * url building) and the request itself under {@code request}.
 */
public final class Templates {
    private final TemplateEngine engine;

    public Templates(TemplateEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    public TemplateEngine engine() {
        return engine;
    }

    /** The page as a 200 text/html response. */
    public Response response(Request request, String name, Map<String, ?> model) {
        return response(request, name, model, 200);
    }

    /** The page as a text/html response with this status (a form shown again with its errors: 400, 422). */
    public Response response(Request request, String name, Map<String, ?> model, int status) {
        return Response.html(render(request, name, model), status);
    }

    /** The page as a string, for a request. */
    public String render(Request request, String name, Map<String, ?> model) {
        Objects.requireNonNull(request, "request");
        Map<String, Object> all = new HashMap<>(model == null ? Map.of() : model);
        all.putIfAbsent("request", request);
        return engine.render(name, all, new PageContext(request));
    }

    /** A template rendered outside any request (an e-mail, a report): the template gets no page context. */
    public String render(String name, Map<String, ?> model) {
        return engine.render(name, new HashMap<>(model == null ? Map.of() : model), null);
    }
}
