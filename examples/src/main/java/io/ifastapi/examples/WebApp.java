package io.ifastapi.examples;

import io.ifastapi.IFastAPI;
import io.ifastapi.authentication.AuthenticationMiddleware;
import io.ifastapi.authentication.NextUrl;
import io.ifastapi.authentication.Requires;
import io.ifastapi.authentication.SessionAuthenticationBackend;
import io.ifastapi.examples.webapp.Account;
import io.ifastapi.examples.webapp.Accounts;
import io.ifastapi.examples.webapp.Cart;
import io.ifastapi.examples.webapp.CartLine;
import io.ifastapi.examples.webapp.Product;
import io.ifastapi.examples.webapp.StrictTransportSecurity;
import io.ifastapi.forms.FormData;
import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.middleware.CSRFMiddleware;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.sessions.Flash;
import io.ifastapi.staticfiles.StaticFiles;
import io.ifastapi.templates.Templates;
import io.ifastapi.templates.jte.JteTemplates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.ifastapi.authentication.Requires.requires;

/**
 * The login app of docs/tutorial-login-app.md: server-rendered pages (jte templates, precompiled), a login form,
 * a profile page, a cart kept in the session, flash messages, CSRF-protected forms and a stylesheet served by
 * StaticFiles. Configured as the demo: HOST, PORT, SECRET_KEY, SESSION_BACKEND (cookie, encrypted, memory, redis),
 * REDIS_URL; and TEMPLATES_DIR (e.g. examples/src/main/jte) to read the templates from disk and see edits on reload.
 * With SSL_CERTFILE and SSL_KEYFILE it serves HTTPS and its session cookie is Secure; HSTS_MAX_AGE (seconds, HTTPS
 * only) adds a Strict-Transport-Security header.
 *
 * <p>Users: alice / wonderland, bob / builder.
 */
public final class WebApp {
    /** Pages that show a user's data must not be kept by the browser: the back button after logout shows nothing. */
    static final String NO_STORE = "no-store";

    private final Templates templates;
    private final Accounts accounts;
    private final Map<String, Product> catalog;

    private WebApp(Templates templates, Accounts accounts, Map<String, Product> catalog) {
        this.templates = templates;
        this.accounts = accounts;
        this.catalog = catalog;
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        create(env).run(ServerConfig.fromEnvironment(env));
    }

    /** The app as configured by these environment variables. */
    public static IFastAPI create(Map<String, String> env) {
        String templatesDir = env.get("TEMPLATES_DIR");
        Templates templates = templatesDir == null || templatesDir.isBlank()
                ? JteTemplates.precompiled()
                : JteTemplates.fromDirectory(Path.of(templatesDir.trim()));
        return new WebApp(templates, Accounts.demo(), catalog()).build(env);
    }

    private IFastAPI build(Map<String, String> env) {
        IFastAPI app = new IFastAPI();
        // The last added runs first: sessions, then who the user is, then the CSRF check.
        app.addMiddleware(CSRFMiddleware.builder().build());
        app.addMiddleware(new AuthenticationMiddleware(new SessionAuthenticationBackend(accounts::find)
                .scopes(user -> ((Account) user).roles())));
        app.addMiddleware(DemoSessions.middleware(env, app, servedOverHttps(env)));
        StrictTransportSecurity hsts = StrictTransportSecurity.fromEnvironment(env);
        if (hsts != null) {
            app.addMiddleware(hsts);
        }

        app.mount("/static", StaticFiles.directory(staticDirectory()), "static");
        app.exceptionHandler(403, (request, error) -> page(request, "error.jte",
                Map.of("status", 403, "reason", String.valueOf(error.detail())), 403));

        app.get("/", request -> page(request, "home.jte", Map.of("products", List.copyOf(catalog.values()))))
                .name("home");
        app.get("/login", request -> loginPage(request, null, "", request.queryParam("next"), 200)).name("login");
        app.post("/login", this::login);
        app.post("/logout", request -> {
            SessionAuthenticationBackend.logout(request);
            Flash.add(request, "You have been logged out.", "info");
            return Response.redirect(request.app().urlPathFor("login", Map.of()), 303);
        }).name("logout");

        Requires loggedIn = requires(SessionAuthenticationBackend.AUTHENTICATED).redirectTo("login");
        app.get("/profile", loggedIn.to(request -> page(request, "profile.jte",
                Map.of("account", request.user())))).name("profile");
        app.get("/cart", loggedIn.to(this::cartPage)).name("cart");
        app.post("/cart/add", loggedIn.to(request -> {
            Product product = product(request.form());
            Cart.add(request.session(), product);
            Flash.add(request, "Added " + product.name() + " to your cart.", "success");
            return Response.redirect(request.app().urlPathFor("cart", Map.of()), 303);
        })).name("cart_add");
        app.post("/cart/remove", loggedIn.to(request -> {
            Product product = product(request.form());
            Cart.remove(request.session(), product);
            Flash.add(request, "Removed " + product.name() + ".", "info");
            return Response.redirect(request.app().urlPathFor("cart", Map.of()), 303);
        })).name("cart_remove");
        return app;
    }

    /**
     * SSL_CERTFILE set: ServerConfig.fromEnvironment serves HTTPS, so the session cookie can be Secure (never sent
     * over plain http, where anyone on the path could read it). Over http it stays as it was: a Secure cookie would
     * not be stored.
     */
    static boolean servedOverHttps(Map<String, String> env) {
        String cert = env.get("SSL_CERTFILE");
        return cert != null && !cert.isBlank();
    }

    private Response login(Request request) {
        FormData form = request.form();
        String username = form.get("username");
        String next = form.get("next");
        var account = accounts.check(username, form.get("password"));
        if (account.isEmpty()) {
            return loginPage(request, "Invalid username or password.", username == null ? "" : username, next, 400);
        }
        // New session id, new CSRF token, nothing kept from before the login (session fixation).
        SessionAuthenticationBackend.login(request, account.get().username());
        Flash.add(request, "Welcome back, " + account.get().fullName() + "!", "success");
        return Response.redirect(NextUrl.orDefault(next, request.app().urlPathFor("profile", Map.of())), 303);
    }

    private Response loginPage(Request request, String error, String username, String next, int status) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("error", error);
        model.put("username", username);
        model.put("next", NextUrl.orDefault(next, ""));
        return page(request, "login.jte", model, status);
    }

    private Response cartPage(Request request) {
        List<CartLine> lines = Cart.lines(request.session(), catalog);
        return page(request, "cart.jte", Map.of("lines", lines, "total", Cart.total(lines),
                "products", List.copyOf(catalog.values())));
    }

    private Product product(FormData form) {
        Product product = catalog.get(form.get("product"));
        if (product == null) {
            throw new HTTPException(400, "Unknown product");
        }
        return product;
    }

    private Response page(Request request, String template, Map<String, ?> model) {
        return page(request, template, model, 200);
    }

    /** Every page shows who is logged in (and carries a CSRF token): none may be stored by the browser. */
    private Response page(Request request, String template, Map<String, ?> model, int status) {
        return templates.response(request, template, model, status).header("cache-control", NO_STORE);
    }

    private static Map<String, Product> catalog() {
        Map<String, Product> catalog = new LinkedHashMap<>();
        for (Product p : List.of(new Product("tea", "Darjeeling tea", new BigDecimal("6.50")),
                new Product("mug", "Enamel mug", new BigDecimal("12.00")),
                new Product("cake", "Lemon cake", new BigDecimal("4.25")))) {
            catalog.put(p.id(), p);
        }
        return catalog;
    }

    /**
     * The stylesheet's directory, {@code webapp/static} on the class path: a directory when run from the build, a
     * folder inside the jar (read through the JDK's zip file system) when run with {@code java -jar}.
     */
    static Path staticDirectory() {
        var url = WebApp.class.getResource("/webapp/static");
        if (url == null) {
            throw new IllegalStateException("webapp/static is missing from the class path");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException alreadyOpen) {
                    // opened before: Path.of finds it
                }
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("Cannot read webapp/static from " + url, e instanceof IOException io
                    ? new UncheckedIOException(io) : e);
        }
    }
}
