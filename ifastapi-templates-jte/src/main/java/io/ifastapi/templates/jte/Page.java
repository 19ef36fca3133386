package io.ifastapi.templates.jte;

import gg.jte.Content;
import io.ifastapi.http.Request;
import io.ifastapi.http.Session;
import io.ifastapi.http.User;
import io.ifastapi.sessions.Flash;
import io.ifastapi.templates.PageContext;

import java.util.List;

/**
 * What every jte template may declare as {@code @param io.ifastapi.templates.jte.Page page}: the request, its
 * session and user, flash messages, the CSRF hidden input and url building, read on first use.
 *
 * <pre>{@code
 * @param io.ifastapi.templates.jte.Page page
 * @for(var flash : page.flashes())<p class="flash ${flash.category()}">${flash.message()}</p>@endfor
 * <form method="post" action="${page.urlPathFor("logout")}">${page.csrfInput()}<button>Log out</button></form>
 * }</pre>
 */
public final class Page {
    private final PageContext context;

    Page(PageContext context) {
        this.context = context;
    }

    public Request request() {
        return context.request();
    }

    public Session session() {
        return context.session();
    }

    public User user() {
        return context.user();
    }

    /** The pending flash messages; the first call takes them out of the session. */
    public List<Flash.Message> flashes() {
        return context.flashes();
    }

    /** The masked CSRF token (for a {@code <meta name="csrf-token">} read by fetch or htmx). */
    public String csrfToken() {
        return context.csrfToken();
    }

    /** The hidden input carrying the CSRF token, written as markup (not escaped again): put it in every form. */
    public Content csrfInput() {
        String html = context.csrfInputHtml();
        return output -> output.writeContent(html);
    }

    /** The absolute URL of a named route: {@code page.urlFor("item", "id", 3)}. */
    public String urlFor(String name, Object... params) {
        return context.urlFor(name, params);
    }

    /** The path of a named route: {@code page.urlPathFor("static", "path", "/app.css")}. */
    public String urlPathFor(String name, Object... params) {
        return context.urlPathFor(name, params);
    }

    /** The core's context, for what this class does not wrap. */
    public PageContext context() {
        return context;
    }
}
