package io.ifastapi.openapi;

import com.fasterxml.jackson.annotation.JsonValue;
import io.ifastapi.IFastAPI;
import io.ifastapi.dependencies.Dependency;
import io.ifastapi.dependencies.Depends;
import io.ifastapi.forms.UploadFile;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.params.Cookie;
import io.ifastapi.params.Default;
import io.ifastapi.params.File;
import io.ifastapi.params.Form;
import io.ifastapi.params.Header;
import io.ifastapi.params.MultipleOf;
import io.ifastapi.params.Path;
import io.ifastapi.params.Query;
import io.ifastapi.params.TypeRef;
import io.ifastapi.security.APIKeyCookie;
import io.ifastapi.security.APIKeyQuery;
import io.ifastapi.security.HTTPBearer;
import io.ifastapi.security.OAuth2PasswordBearer;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An app that declares typed inputs of every kind the document is made from. */
final class TypedShopApp {
    private TypedShopApp() {
    }

    enum Size2 {
        SMALL("s"), LARGE("l");

        private final String value;

        Size2(String value) {
            this.value = value;
        }

        @JsonValue
        String value() {
            return value;
        }
    }

    @Schema(description = "A note on an item.", examples = "{\"text\": \"Great\", \"stars\": 5}")
    record Note(@Schema(description = "What was said", examples = "\"Great\"") @Size(max = 10) String text,
                Optional<String> author, @Min(1) @Max(5) @Default("1") int stars) {
    }

    record Message(String detail) {
    }

    record Offset(@Query @Min(0) @Default("0") int offset) {
    }

    /** Two dependencies read the same query parameter: it is documented once. */
    static final class PageA implements Dependency<Offset, Integer> {
        @Override
        public Integer provide(Request request, Offset params) {
            return params.offset();
        }
    }

    static final class PageB implements Dependency<Offset, Integer> {
        @Override
        public Integer provide(Request request, Offset params) {
            return params.offset();
        }
    }

    static final class Token extends OAuth2PasswordBearer {
        Token() {
            super("/token");
        }
    }

    record UserParams(@Depends(Token.class) String token) {
    }

    /** A dependency that depends on the OAuth2 scheme: its route is secured through it. */
    static final class CurrentUser implements Dependency<UserParams, String> {
        @Override
        public String provide(Request request, UserParams params) {
            return params.token();
        }
    }

    static final class QueryKey extends APIKeyQuery {
        QueryKey() {
            super("api_key");
        }
    }

    static final class CookieKey extends APIKeyCookie {
        CookieKey() {
            super("session_key");
        }
    }

    record Search(@Query("item-query") @Pattern(regexp = "^\\w+$") Optional<String> itemQuery,
                  @Query @Default("[]") @Size(max = 3) List<Size2> size,
                  @Query @DecimalMax(value = "100", inclusive = false) @MultipleOf("0.5") Optional<Double> price,
                  @Header @Size(min = 8) String x_request_id,
                  @Header(convertUnderscores = false) Optional<String> x_raw,
                  @Cookie @Default("light") String theme,
                  @Depends(PageA.class) int a, @Depends(PageB.class) int b) {
    }

    record Lookup(@Query Optional<String> q) {
    }

    record ItemPath(@Path("item_id") @Min(1) long itemId, @Depends(CurrentUser.class) String user,
                    @Depends(QueryKey.class) String key) {
    }

    record Upload(@Form @Size(min = 1) String owner, @File List<UploadFile> files,
                  @Depends(CookieKey.class) String key) {
    }

    record Bearer(@Depends(HTTPBearer.class) Object credentials) {
    }

    static IFastAPI create() {
        IFastAPI app = new IFastAPI();
        app.get("/search", Search.class, (request, p) -> List.of()).name("search")
                .response(new TypeRef<List<Note>>() { });
        app.get("/lookup", Lookup.class, (request, p) -> Map.of()).name("lookup");
        app.post("/notes", Note.class, (request, note) -> note).name("add_note").statusCode(201)
                .response(Note.class);
        app.get("/items/{item_id}", ItemPath.class, (request, p) -> Map.of()).name("read_item")
                .documentResponse(404, "Item not found", Message.class).documentResponse(409, "Conflict");
        app.post("/upload", Upload.class, (request, p) -> Map.of()).name("upload");
        app.delete("/session", Bearer.class, (request, p) -> Response.empty(204)).name("logout").statusCode(204);
        return app;
    }
}
