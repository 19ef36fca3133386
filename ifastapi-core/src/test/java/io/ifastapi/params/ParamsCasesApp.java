package io.ifastapi.params;

import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Java twin of scripts/pydantic-cases.py: the same routes, declared with iFastAPI's records. Keep the two in
 * step; {@link PydanticCasesTest} replays the recorded FastAPI answers against this app.
 */
final class ParamsCasesApp {
    enum Category { books, games, music }

    record QInt(@Query BigInteger v) {}
    record QIntRange(@Query @Min(1) @Max(100) @Default("10") int v) {}
    record QIntOpen(@Query @Positive @DecimalMax(value = "10", inclusive = false) int v) {}
    record QIntMultiple(@Query @MultipleOf("5") int v) {}
    record QFloat(@Query @DecimalMin(value = "0", inclusive = false) @Max(10000) double v) {}
    record QFloatOpen(@Query @DecimalMin("0.5") @DecimalMax(value = "1.5", inclusive = false) double v) {}
    record QDecimal(@Query BigDecimal v) {}
    record QBool(@Query boolean v) {}
    record QStr(@Query @Size(min = 2, max = 5) @Pattern(regexp = "^[a-z]+$") String v) {}
    record QUuid(@Query UUID v) {}
    record QEnum(@Query Category v) {}
    record QDate(@Query LocalDate v) {}
    record QDateTime(@Query OffsetDateTime v) {}
    record QList(@Query @Size(min = 1, max = 3) List<Integer> v) {}
    record QListStr(@Query @Default("[]") List<String> v) {}
    record QOptional(@Query Optional<Integer> v) {}
    record QAlias(@Query("item-query") String itemQuery) {}
    record QMulti(@Query int a, @Query @Positive double b, @Query String c, @Query @Default("false") boolean d) {}
    record H(@Header @Size(min = 8) String xRequestId, @Header @Min(0) @Max(5) @Default("0") int xRetry) {}
    record C(@Cookie @Default("light") String theme, @Cookie Optional<Integer> visits) {}
    record P(@Path("item_id") @Min(1) int itemId) {}
    record PStr(@Path @Pattern(regexp = "^[A-Z]{3}-\\d{3}$") String sku) {}

    record QSet(@Query @Size(min = 2) java.util.Set<Integer> v) {}
    record QStrOne(@Query @Size(min = 1, max = 1) String v) {}
    record QSearch(@Query @Pattern(regexp = "[0-9]") String v) {}
    record QFloatMultiple(@Query @MultipleOf("0.5") double v) {}
    record QDecimalRange(@Query @Min(1) @DecimalMax(value = "10", inclusive = false) BigDecimal v) {}

    record Tag(@Size(min = 1, max = 20) String name) {}
    record ItemIn(@Size(min = 1, max = 50) String name,
                  @DecimalMin(value = "0", inclusive = false) @Max(10000) double price,
                  Category category,
                  @Default("[]") List<Tag> tags,
                  Optional<String> description,
                  @Min(0) @Default("0") int stock) {}
    record CartLine(@Pattern(regexp = "^[A-Z]{3}-\\d{3}$") String sku, @Min(1) @Max(99) int qty) {}
    @ForbidExtra
    record Strict(int a) {}
    record Types(@Default("false") boolean flag, Optional<UUID> id, Optional<LocalDate> day,
                 Optional<OffsetDateTime> at, Optional<BigDecimal> amount, @Default("0.0") double ratio,
                 @Default("0") long count, @Default("[]") List<String> words, @Default("") String label) {}
    record More(@Default("[]") java.util.Set<Integer> ids, @Default("[]") List<Boolean> flags,
                Optional<BigDecimal> amount, Optional<OffsetDateTime> at, Optional<Category> category,
                Optional<String> note) {}
    record Inner(int n) {}
    record Outer(Inner inner, @Size(max = 2) @Default("[]") List<Inner> more) {}
    record TagList(@Body List<Tag> body) {}

    static IFastAPI create() {
        IFastAPI app = new IFastAPI();
        app.get("/q/int", QInt.class, (r, p) -> Map.of("v", p.v()));
        app.get("/q/int-range", QIntRange.class, (r, p) -> Map.of("v", p.v()));
        app.get("/q/int-open", QIntOpen.class, (r, p) -> Map.of("v", p.v()));
        app.get("/q/int-multiple", QIntMultiple.class, (r, p) -> Map.of("v", p.v()));
        app.get("/q/long", QInt.class, (r, p) -> Map.of("v", p.v()));
        app.get("/q/float", QFloat.class, (r, p) -> Map.of("v", p.v()));
        app.get("/q/float-open", QFloatOpen.class, (r, p) -> Map.of("v", p.v()));
        app.get("/q/decimal", QDecimal.class, (r, p) -> Map.of("v", p.v().toString()));
        app.get("/q/bool", QBool.class, (r, p) -> Map.of("v", p.v()));
        app.get("/q/str", QStr.class, (r, p) -> Map.of("v", p.v()));
        app.get("/q/uuid", QUuid.class, (r, p) -> Map.of("v", p.v().toString()));
        app.get("/q/enum", QEnum.class, (r, p) -> Map.of("v", p.v()));
        app.get("/q/date", QDate.class, (r, p) -> Map.of("v", p.v().toString()));
        app.get("/q/datetime", QDateTime.class, (r, p) -> Map.of("v", "ok"));
        app.get("/q/list", QList.class, (r, p) -> Map.of("v", p.v()));
        app.get("/q/list-str", QListStr.class, (r, p) -> Map.of("v", p.v()));
        app.get("/q/optional", QOptional.class, (r, p) -> Json.object("v", p.v().orElse(null)));
        app.get("/q/alias", QAlias.class, (r, p) -> Map.of("v", p.itemQuery()));
        app.get("/q/multi", QMulti.class, (r, p) -> Map.of("a", p.a()));
        app.get("/h", H.class, (r, p) -> Json.object("x_request_id", p.xRequestId(), "x_retry", p.xRetry()));
        app.get("/c", C.class, (r, p) -> Json.object("theme", p.theme(), "visits", p.visits().orElse(null)));
        app.get("/p/{item_id}", P.class, (r, p) -> Map.of("item_id", p.itemId()));
        app.get("/p-str/{sku}", PStr.class, (r, p) -> Map.of("sku", p.sku()));
        app.post("/b/item", ItemIn.class, (r, item) -> Map.of("ok", true));
        app.post("/b/line", CartLine.class, (r, line) -> Map.of("ok", true));
        app.post("/b/strict", Strict.class, (r, body) -> Map.of("ok", true));
        app.post("/b/types", Types.class, (r, body) -> Map.of("ok", true));
        app.post("/b/outer", Outer.class, (r, body) -> Map.of("ok", true));
        app.post("/b/list", TagList.class, (r, body) -> Map.of("ok", true));
        app.post("/b/more", More.class, (r, body) -> Map.of("ok", true));
        app.get("/q/set", QSet.class, (r, p) -> Map.of("v", new java.util.TreeSet<>(p.v())));
        app.get("/q/str-one", QStrOne.class, (r, p) -> Map.of("v", p.v()));
        app.get("/q/search", QSearch.class, (r, p) -> Map.of("v", p.v()));
        app.get("/q/float-multiple", QFloatMultiple.class, (r, p) -> Map.of("v", p.v()));
        app.get("/q/decimal-range", QDecimalRange.class, (r, p) -> Map.of("v", p.v().toString()));
        return app;
    }

    private ParamsCasesApp() {
    }
}
