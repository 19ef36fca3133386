package io.ifastapi.examples.openapi;

import io.ifastapi.IFastAPI;
import io.ifastapi.dependencies.Dependency;
import io.ifastapi.dependencies.Depends;
import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.openapi.OpenApi;
import io.ifastapi.params.Cookie;
import io.ifastapi.params.Default;
import io.ifastapi.params.Header;
import io.ifastapi.params.Path;
import io.ifastapi.params.Query;
import io.ifastapi.params.TypeRef;
import io.ifastapi.security.APIKeyHeader;
import io.ifastapi.security.HTTPBasic;
import io.ifastapi.security.HTTPBasicCredentials;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The catalog's typed routes (catalog.py's, but its two form routes) plus a few probes of what the OpenAPI document
 * is made from (an aliased query parameter, a documented 404, a deprecated route), declared as a Java user would:
 * the port side of {@code OpenApiDifferentialTest}, whose twin is {@code src/test/python/openapi_probe.py}. Also the
 * app the browser test tries out.
 */
public final class CatalogProbeApp {
    static final String ADMIN_KEY = "s3cret-admin-key";

    public enum Category { books, games, music }

    public record Tag(@Size(min = 1, max = 20) String name) {
    }

    public record ItemIn(@Size(min = 1, max = 50) String name,
                         @DecimalMin(value = "0", inclusive = false) @Max(10000) double price,
                         Category category,
                         @Default("[]") List<Tag> tags,
                         Optional<String> description,
                         @Min(0) @Default("0") int stock) {
    }

    public record ItemOut(int id, String name, double price, Category category, List<Tag> tags,
                          Optional<String> description, int stock) {
    }

    public record Page(int limit, int offset) {
    }

    public record PageParams(@Query @Min(1) @Max(100) @Default("10") int limit,
                             @Query @Min(0) @Default("0") int offset) {
    }

    /** catalog.py's pagination(): its query parameters are documented on every route that depends on it. */
    public static final class Pagination implements Dependency<PageParams, Page> {
        @Override
        public Page provide(Request request, PageParams params) {
            return new Page(params.limit(), params.offset());
        }
    }

    public static final class AdminKey extends APIKeyHeader {
        public AdminKey() {
            super("X-API-Key");
        }
    }

    public record ListItems(@Depends(Pagination.class) Page page,
                            @Query @Size(max = 50) Optional<String> q,
                            @Query Optional<Category> category,
                            @Query @Default("[]") List<String> tag) {
    }

    public record ItemPath(@Path("item_id") @Min(1) int itemId) {
    }

    public record CreateItem(@io.ifastapi.params.Body ItemIn item, @Depends(AdminKey.class) String key) {
    }

    public record ReplaceItem(@Path("item_id") @Min(1) int itemId, @io.ifastapi.params.Body ItemIn item,
                              @Depends(AdminKey.class) String key) {
    }

    public record DeleteItem(@Path("item_id") @Min(1) int itemId, @Depends(AdminKey.class) String key) {
    }

    public record EchoHeaders(@Header @Size(min = 8) String xRequestId,
                              @Header Optional<String> userAgent,
                              @Header @Min(0) @Max(5) @Default("0") int xRetry) {
    }

    public record EchoCookies(@Cookie @Default("light") String theme, @Cookie Optional<Integer> visits) {
    }

    public record EchoTypes(@Path boolean flag, @Query @Default("0.5") double ratio,
                            @Query @Pattern(regexp = "^\\d{4}-\\d{2}-\\d{2}$") Optional<String> when,
                            @Query @Default("[]") List<Integer> ids) {
    }

    public record Whoami(@Depends(HTTPBasic.class) HTTPBasicCredentials credentials) {
    }

    public record Search(@Query("item-query") Optional<String> itemQuery) {
    }

    private CatalogProbeApp() {
    }

    public static IFastAPI create() {
        IFastAPI app = new IFastAPI();
        OpenApi.install(app, docs -> docs.title("Catalog").version("1.0.0").description("The reference shop API."));
        Map<Integer, ItemOut> items = new TreeMap<>();
        items.put(1, new ItemOut(1, "Dune", 9.5, Category.books, List.of(), Optional.empty(), 5));
        items.put(2, new ItemOut(2, "Tetris", 4.0, Category.games, List.of(), Optional.empty(), 5));
        items.put(3, new ItemOut(3, "Kind of Blue", 12.0, Category.music, List.of(), Optional.empty(), 5));

        app.get("/items", ListItems.class, (request, p) -> {
            List<ItemOut> found = new ArrayList<>();
            for (ItemOut item : items.values()) {
                if ((p.q().isEmpty() || item.name().toLowerCase().contains(p.q().get().toLowerCase()))
                        && (p.category().isEmpty() || item.category() == p.category().get())) {
                    found.add(item);
                }
            }
            int from = Math.min(p.page().offset(), found.size());
            return found.subList(from, Math.min(found.size(), from + p.page().limit()));
        }).name("list_items").response(new TypeRef<List<ItemOut>>() { }).tags("items").summary("List items");
        app.get("/items/{item_id}", ItemPath.class, (request, p) -> found(items, p.itemId()))
                .name("read_item").response(ItemOut.class).tags("items").summary("Read one item");
        app.post("/items", CreateItem.class, (request, p) -> {
            admin(p.key());
            int id = items.isEmpty() ? 1 : ((TreeMap<Integer, ItemOut>) items).lastKey() + 1;
            items.put(id, out(id, p.item()));
            return items.get(id);
        }).name("create_item").response(ItemOut.class).statusCode(201).tags("items").summary("Create an item");
        app.put("/items/{item_id}", ReplaceItem.class, (request, p) -> {
            admin(p.key());
            found(items, p.itemId());
            items.put(p.itemId(), out(p.itemId(), p.item()));
            return items.get(p.itemId());
        }).name("replace_item").response(ItemOut.class).tags("items").summary("Replace an item");
        app.delete("/items/{item_id}", DeleteItem.class, (request, p) -> {
            admin(p.key());
            if (items.remove(p.itemId()) == null) {
                throw new HTTPException(404, "Item not found");
            }
            return Response.empty(204);
        }).name("delete_item").statusCode(204).tags("items").summary("Delete an item");
        app.get("/echo/headers", EchoHeaders.class, (request, p) -> Map.of("x_request_id", p.xRequestId()))
                .name("echo_headers").tags("echo");
        app.get("/echo/cookies", EchoCookies.class, (request, p) -> Map.of("theme", p.theme()))
                .name("echo_cookies").tags("echo");
        app.get("/echo/types/{flag}", EchoTypes.class, (request, p) -> Map.of("flag", p.flag()))
                .name("echo_types").tags("echo");
        app.get("/admin/whoami", Whoami.class, (request, p) -> Map.of("username", p.credentials().username()))
                .name("admin_whoami").tags("admin");
        // Probes beyond the catalog.
        app.get("/search", Search.class, (request, p) -> Map.of("q", p.itemQuery().orElse("")))
                .name("search").tags("probe").documentResponse(404, "Nothing found").deprecated(true);
        app.post("/reset", request -> Map.of("ok", true)).name("reset").includeInSchema(false);
        return app;
    }

    private static ItemOut found(Map<Integer, ItemOut> items, int id) {
        ItemOut item = items.get(id);
        if (item == null) {
            throw new HTTPException(404, "Item not found");
        }
        return item;
    }

    private static void admin(String key) {
        if (!ADMIN_KEY.equals(key)) {
            throw new HTTPException(403, "Wrong API key");
        }
    }

    private static ItemOut out(int id, ItemIn in) {
        return new ItemOut(id, in.name(), in.price(), in.category(), in.tags(), in.description(), in.stock());
    }
}
