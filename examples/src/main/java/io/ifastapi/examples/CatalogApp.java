package io.ifastapi.examples;

import io.ifastapi.IFastAPI;
import io.ifastapi.dependencies.Dependency;
import io.ifastapi.dependencies.Depends;
import io.ifastapi.examples.catalog.Catalog;
import io.ifastapi.examples.catalog.Category;
import io.ifastapi.examples.catalog.Models.Cart;
import io.ifastapi.examples.catalog.Models.CartLine;
import io.ifastapi.examples.catalog.Models.ItemIn;
import io.ifastapi.examples.catalog.Models.ItemOut;
import io.ifastapi.examples.catalog.Models.Page;
import io.ifastapi.forms.UploadFile;
import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.Session;
import io.ifastapi.json.Json;
import io.ifastapi.openapi.OpenApi;
import io.ifastapi.params.Body;
import io.ifastapi.params.Cookie;
import io.ifastapi.params.Default;
import io.ifastapi.params.File;
import io.ifastapi.params.Form;
import io.ifastapi.params.Header;
import io.ifastapi.params.Path;
import io.ifastapi.params.Query;
import io.ifastapi.params.TypeRef;
import io.ifastapi.security.APIKeyHeader;
import io.ifastapi.security.HTTPBasic;
import io.ifastapi.security.HTTPBasicCredentials;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.sessions.SessionMiddleware;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference shop of issue 11, catalog.py, ported route for route: typed path, query, header, cookie, body, form
 * and file inputs with their constraints; the pagination and current-user dependencies; APIKeyHeader and HTTPBasic;
 * response models and status codes; a cart kept in the session. It answers every request as the FastAPI app does
 * (checked by CatalogDifferentialIT against its twin, src/test/python/catalog_twin.py). Configured by the
 * environment: HOST, PORT (default 127.0.0.1:8000) and SECRET_KEY (catalog.py's default when unset).
 */
public final class CatalogApp {
    static final Map<String, String> USERS = Map.of("alice", "wonderland", "bob", "builder");
    static final String ADMIN_KEY = "s3cret-admin-key";
    /** catalog.py's {@code "change-me-" * 4}: the twin's default, so both sign sessions alike when unset. */
    static final String DEFAULT_SECRET = "change-me-".repeat(4);

    private CatalogApp() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        create(env).run(ServerConfig.fromEnvironment(env));
    }

    // ----- dependencies -----

    /** {@code pagination(limit: Query(ge=1, le=100) = 10, offset: Query(ge=0) = 0) -> Page}. */
    record PageIn(@Query @Min(1) @Max(100) @Default("10") int limit, @Query @Min(0) @Default("0") int offset) {
    }

    static final class Pagination implements Dependency<PageIn, Page> {
        @Override
        public Page provide(Request request, PageIn in) {
            return new Page(in.limit(), in.offset());
        }
    }

    /** {@code current_user(request)}: the session's user, or 401 "Not logged in". */
    static final class CurrentUser implements Dependency<Void, String> {
        @Override
        public String provide(Request request, Void none) {
            Object user = request.session().get("user");
            if (user == null) {
                throw new HTTPException(401, "Not logged in");
            }
            return (String) user;
        }
    }

    /** {@code APIKeyHeader(name="X-API-Key")}. */
    static final class AdminKey extends APIKeyHeader {
        AdminKey() {
            super("X-API-Key");
        }
    }

    /** {@code HTTPBasic()}. */
    static final class Basic extends HTTPBasic {
    }

    // ----- the routes' inputs -----

    record ListItems(@Depends(Pagination.class) Page page,
                     @Query @Size(max = 50) Optional<String> q,
                     @Query Optional<Category> category,
                     @Query @Default("[]") List<String> tag) {
    }

    record ItemId(@Path("item_id") @Min(1) int itemId) {
    }

    record CreateItem(@Body ItemIn item, @Depends(AdminKey.class) String key) {
    }

    record ReplaceItem(@Path("item_id") @Min(1) int itemId, @Body ItemIn item, @Depends(AdminKey.class) String key) {
    }

    record DeleteItem(@Path("item_id") @Min(1) int itemId, @Depends(AdminKey.class) String key) {
    }

    record EchoHeaders(@Header @Size(min = 8) String x_request_id,
                       @Header Optional<String> user_agent,
                       @Header @Min(0) @Max(5) @Default("0") int x_retry) {
    }

    record EchoCookies(@Cookie @Default("light") String theme, @Cookie Optional<Integer> visits) {
    }

    record EchoTypes(@Path boolean flag,
                     @Query @Default("0.5") double ratio,
                     @Query @Pattern(regexp = "^\\d{4}-\\d{2}-\\d{2}$") Optional<String> when,
                     @Query @Default("[]") List<Integer> ids) {
    }

    record Login(@Form @Size(min = 1) String username, @Form String password) {
    }

    record Me(@Depends(CurrentUser.class) String user) {
    }

    record AddToCart(@Body CartLine line, @Depends(CurrentUser.class) String user) {
    }

    record RemoveFromCart(@Path @Pattern(regexp = "^[A-Z]{3}-\\d{3}$") String sku,
                          @Depends(CurrentUser.class) String user) {
    }

    record WhoAmI(@Depends(Basic.class) HTTPBasicCredentials credentials) {
    }

    record Upload(@File UploadFile file, @Form @Size(max = 100) @Default("") String note) {
    }

    /** The app as configured by these environment variables. */
    public static IFastAPI create(Map<String, String> env) {
        IFastAPI app = new IFastAPI();
        OpenApi.install(app, docs -> docs.title("Catalog").version("1.0.0").description("The reference shop API."));
        String secret = env.get("SECRET_KEY");
        app.addMiddleware(SessionMiddleware.builder()
                .secretKey(secret == null || secret.isEmpty() ? DEFAULT_SECRET : secret).build());
        Catalog catalog = new Catalog();

        app.get("/items", ListItems.class, (request, p) -> catalog.find(p.q(), p.category(), p.tag(), p.page()))
                .response(new TypeRef<List<ItemOut>>() { }).tags("items").summary("List items").name("list_items");

        app.get("/items/{item_id}", ItemId.class, (request, p) -> catalog.get(p.itemId())
                        .orElseThrow(() -> new HTTPException(404, "Item not found")))
                .response(ItemOut.class).tags("items").summary("Read one item").name("read_item");

        app.post("/items", CreateItem.class, (request, p) -> {
            checkKey(p.key());
            return catalog.add(p.item());
        }).response(ItemOut.class).statusCode(201).tags("items").summary("Create an item").name("create_item");

        app.put("/items/{item_id}", ReplaceItem.class, (request, p) -> {
            checkKey(p.key());
            return catalog.replace(p.itemId(), p.item()).orElseThrow(() -> new HTTPException(404, "Item not found"));
        }).response(ItemOut.class).tags("items").summary("Replace an item").name("replace_item");

        app.delete("/items/{item_id}", DeleteItem.class, (request, p) -> {
            checkKey(p.key());
            if (!catalog.delete(p.itemId())) {
                throw new HTTPException(404, "Item not found");
            }
            return Response.empty(204);
        }).statusCode(204).tags("items").summary("Delete an item").name("delete_item");

        app.get("/echo/headers", EchoHeaders.class, (request, p) -> Json.object(
                "x_request_id", p.x_request_id(), "user_agent", p.user_agent().orElse(null),
                "x_retry", p.x_retry())).tags("echo").name("echo_headers");

        app.get("/echo/cookies", EchoCookies.class, (request, p) -> Json.object(
                "theme", p.theme(), "visits", p.visits().orElse(null))).tags("echo").name("echo_cookies");

        app.get("/echo/types/{flag}", EchoTypes.class, (request, p) -> Json.object(
                "flag", p.flag(), "ratio", p.ratio(), "when", p.when().orElse(null), "ids", p.ids()))
                .tags("echo").name("echo_types");

        app.post("/login", Login.class, (request, p) -> {
            if (!p.password().equals(USERS.get(p.username()))) {
                throw new HTTPException(401, "Wrong username or password");
            }
            Session session = request.session();
            session.clear();
            session.put("user", p.username());
            session.put("cart", List.of());
            return Json.object("user", p.username());
        }).tags("session").summary("Log in with a form").name("login");

        app.post("/logout", request -> {
            request.session().clear();
            return Json.object("user", null);
        }).name("logout").tags("session");

        app.get("/me", Me.class, (request, p) -> Json.object("user", p.user())).name("me").tags("session");

        app.get("/cart", Me.class, (request, p) -> cart(request, p.user()))
                .response(Cart.class).name("read_cart").tags("cart");

        app.post("/cart/items", AddToCart.class, (request, p) -> {
            List<Map<String, Object>> lines = lines(request);
            Map<String, Object> existing = null;
            for (Map<String, Object> line : lines) {
                if (line.get("sku").equals(p.line().sku())) {
                    existing = line;
                    break;
                }
            }
            if (existing != null) {
                existing.put("qty", Math.min(99, ((Number) existing.get("qty")).intValue() + p.line().qty()));
            } else {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("sku", p.line().sku());
                line.put("qty", p.line().qty());
                lines.add(line);
            }
            request.session().put("cart", lines);
            return cart(request, p.user());
        }).response(Cart.class).statusCode(201).name("add_to_cart").tags("cart");

        app.delete("/cart/items/{sku}", RemoveFromCart.class, (request, p) -> {
            List<Map<String, Object>> lines = lines(request);
            List<Map<String, Object>> kept = new ArrayList<>();
            for (Map<String, Object> line : lines) {
                if (!line.get("sku").equals(p.sku())) {
                    kept.add(line);
                }
            }
            if (kept.size() == lines.size()) {
                throw new HTTPException(404, "Not in cart");
            }
            request.session().put("cart", kept);
            return Response.empty(204);
        }).statusCode(204).name("remove_from_cart").tags("cart");

        app.get("/admin/whoami", WhoAmI.class, (request, p) -> {
            HTTPBasicCredentials credentials = p.credentials();
            if (!credentials.password().equals(USERS.get(credentials.username()))) {
                throw new HTTPException(401, "Incorrect username or password",
                        Headers.of("WWW-Authenticate", "Basic"));
            }
            return Json.object("username", credentials.username());
        }).name("admin_whoami").tags("admin");

        app.post("/upload", Upload.class, (request, p) -> Json.object(
                "filename", p.file().filename(), "content_type", p.file().contentType(),
                "size", p.file().size(), "note", p.note())).name("upload").tags("files");

        app.post("/reset", request -> {
            catalog.seed();
            return Json.object("ok", true);
        }).includeInSchema(false);
        return app;
    }

    private static void checkKey(String key) {
        if (!ADMIN_KEY.equals(key)) {
            throw new HTTPException(403, "Wrong API key");
        }
    }

    /** The session's cart lines, copied so they can be changed and stored back. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Request request) {
        Object stored = request.session().get("cart");
        List<Map<String, Object>> lines = new ArrayList<>();
        if (stored instanceof List<?> list) {
            for (Object line : list) {
                lines.add(new LinkedHashMap<>((Map<String, Object>) line));
            }
        }
        return lines;
    }

    /** {@code read_cart}: the lines as CartLine models and their total quantity. */
    private static Cart cart(Request request, String user) {
        List<CartLine> lines = new ArrayList<>();
        int total = 0;
        for (Map<String, Object> line : lines(request)) {
            CartLine cartLine = new CartLine((String) line.get("sku"), ((Number) line.get("qty")).intValue());
            lines.add(cartLine);
            total += cartLine.qty();
        }
        return new Cart(user, lines, total);
    }
}
