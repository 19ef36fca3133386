package io.ifastapi.params;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;
import io.ifastapi.json.Json;
import io.ifastapi.routing.Operation;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Declarations beyond the golden cases: naming, kinds, configuration errors, response models, Operation. */
class ParamsTest {
    record CartItemIn(String sku, int qty) {}

    private static TestResponse post(IFastAPI app, String path, String json) {
        try (TestClient client = new TestClient(app)) {
            return client.post(path).body(json.getBytes(), "application/json").send();
        }
    }

    // ----- the cases the issue names, through request.json(Class) -----

    @Test
    void requestJsonOfARecordAnswersPydanticsErrorsNotJavas() {
        IFastAPI app = new IFastAPI();
        app.post("/cart", request -> request.json(CartItemIn.class));

        assertThat(post(app, "/cart", "{\"sku\":\"A\",\"qty\":2.5}").text()).isEqualTo("{\"detail\":[{\"type\":"
                + "\"int_from_float\",\"loc\":[\"body\",\"qty\"],\"msg\":\"Input should be a valid integer, got a "
                + "number with a fractional part\",\"input\":2.5}]}");
        assertThat(post(app, "/cart", "null").text()).isEqualTo("{\"detail\":[{\"type\":\"missing\",\"loc\":"
                + "[\"body\"],\"msg\":\"Field required\",\"input\":null}]}");
        assertThat(post(app, "/cart", "{\"qty\":1}").text()).isEqualTo("{\"detail\":[{\"type\":\"missing\",\"loc\":"
                + "[\"body\",\"sku\"],\"msg\":\"Field required\",\"input\":{\"qty\":1}}]}");
        assertThat(post(app, "/cart", "{\"sku\":\"A\",\"qty\":null}").text()).doesNotContain("java")
                .contains("\"int_type\"");
        assertThat(post(app, "/cart", "{\"sku\":\"A\",\"qty\":2}").json()).isEqualTo(Map.of("sku", "A", "qty", 2));
    }

    record Range(int low, int high) {
        Range {
            if (low > high) {
                throw new IllegalArgumentException("low must not exceed high");
            }
        }
    }

    @Test
    void aCompactConstructorsCheckIsAValueErrorAsAModelValidators() {
        IFastAPI app = new IFastAPI();
        app.post("/range", Range.class, (r, range) -> range);

        // Recorded from FastAPI 0.142 with a model_validator raising ValueError("low must not exceed high").
        assertThat(post(app, "/range", "{\"low\":2,\"high\":1}").text()).isEqualTo("{\"detail\":[{\"type\":"
                + "\"value_error\",\"loc\":[\"body\"],\"msg\":\"Value error, low must not exceed high\",\"input\":"
                + "{\"low\":2,\"high\":1},\"ctx\":{\"error\":{}}}]}");
    }

    // ----- names and kinds -----

    record Headers(@Header List<String> xTag, @Header(value = "X-Custom") Optional<String> custom,
                   @Header(convertUnderscores = false) Optional<String> x_raw, @Header Optional<String> x_token) {}

    @Test
    void headerNamesFollowFastApisConversionAndAliases() {
        IFastAPI app = new IFastAPI();
        app.get("/h", Headers.class, (r, p) -> Json.object("tags", p.xTag(), "custom", p.custom().orElse(null),
                "raw", p.x_raw().orElse(null), "token", p.x_token().orElse(null)));
        try (TestClient client = new TestClient(app)) {
            TestResponse response = client.request("GET", "/h").header("x-tag", "a").header("X-Tag", "b")
                    .header("x-custom", "c").header("x_raw", "r").header("x-token", "t").send();

            assertThat(response.text()).isEqualTo("{\"tags\":[\"a\",\"b\"],\"custom\":\"c\",\"raw\":\"r\","
                    + "\"token\":\"t\"}");
        }
    }

    record Item(@Path int id) {}

    @Test
    void aConverterKeepsItsNotFoundWhileAPlainTemplateParameterIsValidated() {
        IFastAPI app = new IFastAPI();
        app.get("/conv/{id:int}", Item.class, (r, p) -> p.id());
        app.get("/plain/{id}", Item.class, (r, p) -> p.id());
        try (TestClient client = new TestClient(app)) {
            assertThat(client.get("/conv/7").text()).isEqualTo("7");
            assertThat(client.get("/conv/x").status()).isEqualTo(404);
            assertThat(client.get("/plain/x").status()).isEqualTo(422);
        }
    }

    record Sets(@Query Set<Integer> ids, @Query @NotBlank @Default(" x ") String name) {}

    @Test
    void setsDropRepeatsAndNotBlankRejectsBlankText() {
        IFastAPI app = new IFastAPI();
        app.get("/s", Sets.class, (r, p) -> Json.object("ids", p.ids(), "name", p.name()));
        try (TestClient client = new TestClient(app)) {
            assertThat(client.get("/s?ids=1&ids=2&ids=1").text()).isEqualTo("{\"ids\":[1,2],\"name\":\" x \"}");
            assertThat(client.get("/s?ids=1&name=%20%20").text()).contains("\"string_too_short\"");
        }
    }

    record WithBody(@Path int id, @Query @Default("false") boolean dry, @Body CartItemIn item) {}

    @Test
    void aBodyBesideParameters() {
        IFastAPI app = new IFastAPI();
        app.put("/items/{id}", WithBody.class, (r, p) -> Json.object("id", p.id(), "dry", p.dry(), "sku",
                p.item().sku()));

        assertThat(post(app, "/items/3", "{}").status()).isEqualTo(405);
        try (TestClient client = new TestClient(app)) {
            TestResponse ok = client.put("/items/3?dry=yes").body("{\"sku\":\"S\",\"qty\":1}".getBytes(),
                    "application/json").send();
            assertThat(ok.text()).isEqualTo("{\"id\":3,\"dry\":true,\"sku\":\"S\"}");
            TestResponse bad = client.put("/items/x").body("{\"qty\":1}".getBytes(), "application/json").send();
            assertThat(bad.text()).isEqualTo("{\"detail\":[{\"type\":\"int_parsing\",\"loc\":[\"path\",\"id\"],"
                    + "\"msg\":\"Input should be a valid integer, unable to parse string as an integer\",\"input\":"
                    + "\"x\"},{\"type\":\"missing\",\"loc\":[\"body\",\"sku\"],\"msg\":\"Field required\","
                    + "\"input\":{\"qty\":1}}]}");
        }
    }

    // ----- configuration errors name the fix -----

    record NoSuchPath(@Path int id) {}
    record BadDefault(@Query @Min(1) @Default("0") int n) {}
    record Unsupported(@Query Thread t) {}
    record TwoBodies(@Body CartItemIn a, @Body CartItemIn b) {}
    record ListCookie(@Cookie List<String> c) {}
    record MapQuery(@Query Map<String, Object> m) {}
    record BadMultiple(@Query @MultipleOf("0") int n) {}

    @Test
    void declarationsThatCannotWorkFailAtRegistrationWithTheFix() {
        IFastAPI app = new IFastAPI();
        assertThatThrownBy(() -> app.get("/x", NoSuchPath.class, (r, p) -> ""))
                .hasMessageContaining("has no {id}");
        assertThatThrownBy(() -> app.get("/x", BadDefault.class, (r, p) -> ""))
                .hasMessageContaining("@Default(\"0\") does not validate: Input should be greater than or equal to 1");
        assertThatThrownBy(() -> app.get("/x", Unsupported.class, (r, p) -> ""))
                .hasMessageContaining("java.lang.Thread is not supported");
        assertThatThrownBy(() -> app.post("/x", TwoBodies.class, (r, p) -> ""))
                .hasMessageContaining("more than one body");
        assertThatThrownBy(() -> app.get("/x", ListCookie.class, (r, p) -> ""))
                .hasMessageContaining("a cookie parameter holds one value");
        assertThatThrownBy(() -> app.get("/x", MapQuery.class, (r, p) -> ""))
                .hasMessageContaining("annotate it @Body");
        assertThatThrownBy(() -> app.get("/x", BadMultiple.class, (r, p) -> ""))
                .hasMessageContaining("@MultipleOf needs a positive number");
        assertThatThrownBy(() -> app.get("/x", String.class, (r, p) -> ""))
                .hasMessageContaining("The inputs of a route are a record");
    }

    // ----- response models -----

    record User(String name, String passwordHash, List<Tag> tags) {}
    record Tag(String name, String secret) {}
    record TagOut(String name) {}
    record UserOut(String name, List<TagOut> tags) {}

    @Test
    void aResponseModelSendsOnlyItsFields() {
        IFastAPI app = new IFastAPI();
        User alice = new User("alice", "$2b$...", List.of(new Tag("t", "s")));
        app.get("/user", request -> alice).response(UserOut.class).statusCode(201);
        app.get("/users", request -> List.of(alice)).response(new TypeRef<List<UserOut>>() { });
        app.get("/raw", request -> Response.text("as is")).response(UserOut.class);
        try (TestClient client = new TestClient(app)) {
            TestResponse one = client.get("/user");
            assertThat(one.status()).isEqualTo(201);
            assertThat(one.text()).isEqualTo("{\"name\":\"alice\",\"tags\":[{\"name\":\"t\"}]}");
            assertThat(client.get("/users").text()).isEqualTo("[{\"name\":\"alice\",\"tags\":[{\"name\":\"t\"}]}]");
            assertThat(client.get("/raw").text()).isEqualTo("as is");
        }
    }

    // ----- the Operation documents the inputs -----

    record Listing(@Query @Min(1) @Max100 @Default("10") int limit, @Query @Size(max = 50) Optional<String> q,
                   @Header("x-request-id") String requestId) {}

    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @interface Max100 {
    }

    @Test
    void theOperationCarriesParametersBodyAndResponseModel() {
        IFastAPI app = new IFastAPI();
        app.get("/items", Listing.class, (r, p) -> List.of()).response(new TypeRef<List<UserOut>>() { });
        app.post("/items", CartItemIn.class, (r, p) -> p);
        app.get("/plain", request -> "");

        List<Operation> operations = app.router().operations();
        List<Parameter> parameters = operations.get(0).inputs().parameters();
        assertThat(parameters).extracting(Parameter::name).containsExactly("limit", "q", "x-request-id");
        assertThat(parameters).extracting(Parameter::location).containsExactly("query", "query", "header");
        assertThat(parameters.get(0).required()).isFalse();
        assertThat(parameters.get(0).defaultValue()).isEqualTo(10);
        assertThat(parameters.get(0).constraints()).containsEntry("ge", java.math.BigDecimal.ONE);
        assertThat(parameters.get(1).constraints()).containsEntry("max_length", 50);
        assertThat(parameters.get(2).required()).isTrue();
        assertThat(operations.get(0).responseModel().type().getTypeName()).contains("List");
        assertThat(operations.get(1).inputs().bodyType()).isEqualTo(CartItemIn.class);
        assertThat(operations.get(2).inputs()).isSameAs(RouteInputs.NONE);
    }
}
