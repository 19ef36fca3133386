package io.ifastapi.params;

import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Plain classes (Jackson-style beans) as JSON bodies, validated as pydantic models. The 422 bodies were recorded
 * from FastAPI 0.142.2 / pydantic 2 with the equivalent model:
 *
 * <pre>
 * class Dims(BaseModel): width: int = Field(ge=1); height: int = Field(ge=1)
 * class ItemIn(BaseModel):
 *     name: str = Field(min_length=1); price: float = Field(gt=0); tags: list[str] = []; stock: int = 0
 *     note: str | None = None; sku: str; dims: Dims
 *     @field_validator("sku") ... raise ValueError("sku must be upper case")
 * </pre>
 */
class BeanBodyTest {

    public static class Dims {
        @Min(1)
        public int width;
        @Min(1)
        public int height;
    }

    /** Public fields, a private field behind a validating setter, a nested bean. */
    public static class ItemBean {
        @Size(min = 1)
        public String name;
        @DecimalMin(value = "0", inclusive = false)
        public double price;
        @Default("[]")
        public List<String> tags;
        @Default("0")
        public int stock;
        public Optional<String> note;
        private String sku;
        public Dims dims;

        public String getSku() {
            return sku;
        }

        /** pydantic's field_validator: a ValueError is a value_error at this field. */
        public void setSku(String sku) {
            if (!sku.equals(sku.toUpperCase())) {
                throw new IllegalArgumentException("sku must be upper case");
            }
            this.sku = sku;
        }
    }

    /** A bean written with setters only, as many Java codebases do. */
    public static class Customer {
        private String email;
        private int age;

        public void setEmail(@Size(min = 3) String email) {
            this.email = email;
        }

        @Min(18)
        public Customer setAge(int age) { // a fluent setter
            this.age = age;
            return this;
        }

        public String getEmail() {
            return email;
        }

        public int getAge() {
            return age;
        }
    }

    record Order(@Query @Default("1") int copies, @Body Customer customer) {}

    record Wrapper(String label, ItemBean item) {}

    static Map<String, Object> echo(ItemBean item) {
        return Json.object("name", item.name, "price", item.price, "tags", item.tags, "stock", item.stock,
                "note", item.note.orElse(null), "sku", item.getSku(), "dims",
                Json.object("width", item.dims.width, "height", item.dims.height));
    }

    static IFastAPI app() {
        IFastAPI app = new IFastAPI();
        app.post("/items", ItemBean.class, (request, item) -> echo(item));
        app.post("/orders", Order.class, (request, order) -> Json.object("copies", order.copies(),
                "email", order.customer().getEmail(), "age", order.customer().getAge()));
        app.post("/wrapped", Wrapper.class, (request, w) -> Json.object("label", w.label(), "sku", w.item().getSku()));
        return app;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"name\":\"Dune\",\"price\":9.5,\"sku\":\"AB\",\"dims\":{\"width\":1,\"height\":2}}"
            + "| 200 | {\"name\":\"Dune\",\"price\":9.5,\"tags\":[],\"stock\":0,\"note\":null,\"sku\":\"AB\",\"dims\":"
            + "{\"width\":1,\"height\":2}}",
        "{\"name\":\"\",\"price\":0,\"tags\":\"x\",\"stock\":2.5,\"note\":null,\"sku\":\"ab\",\"dims\":{\"width\":0}}"
            + "| 422 | {\"detail\":[{\"type\":\"string_too_short\",\"loc\":[\"body\",\"name\"],\"msg\":\"String should "
            + "have at least 1 character\",\"input\":\"\",\"ctx\":{\"min_length\":1}},{\"type\":\"greater_than\",\"loc\""
            + ":[\"body\",\"price\"],\"msg\":\"Input should be greater than 0\",\"input\":0,\"ctx\":{\"gt\":0.0}},{\"type"
            + "\":\"list_type\",\"loc\":[\"body\",\"tags\"],\"msg\":\"Input should be a valid list\",\"input\":\"x\"},"
            + "{\"type\":\"int_from_float\",\"loc\":[\"body\",\"stock\"],\"msg\":\"Input should be a valid integer, got "
            + "a number with a fractional part\",\"input\":2.5},{\"type\":\"value_error\",\"loc\":[\"body\",\"sku\"],"
            + "\"msg\":\"Value error, sku must be upper case\",\"input\":\"ab\",\"ctx\":{\"error\":{}}},{\"type\":"
            + "\"greater_than_equal\",\"loc\":[\"body\",\"dims\",\"width\"],\"msg\":\"Input should be greater than or "
            + "equal to 1\",\"input\":0,\"ctx\":{\"ge\":1}},{\"type\":\"missing\",\"loc\":[\"body\",\"dims\",\"height\"],"
            + "\"msg\":\"Field required\",\"input\":{\"width\":0}}]}",
        "{\"price\":\"x\",\"sku\":\"ab\",\"dims\":{\"width\":1,\"height\":1}}"
            + "| 422 | {\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"name\"],\"msg\":\"Field required\",\"input\":"
            + "{\"price\":\"x\",\"sku\":\"ab\",\"dims\":{\"width\":1,\"height\":1}}},{\"type\":\"float_parsing\",\"loc\":"
            + "[\"body\",\"price\"],\"msg\":\"Input should be a valid number, unable to parse string as a number\","
            + "\"input\":\"x\"},{\"type\":\"value_error\",\"loc\":[\"body\",\"sku\"],\"msg\":\"Value error, sku must be "
            + "upper case\",\"input\":\"ab\",\"ctx\":{\"error\":{}}}]}",
        "{\"name\":\"a\",\"price\":1,\"sku\":\"A\",\"dims\":{\"width\":1,\"height\":1},\"tags\":[\"a\",1]}"
            + "| 422 | {\"detail\":[{\"type\":\"string_type\",\"loc\":[\"body\",\"tags\",1],\"msg\":\"Input should be a "
            + "valid string\",\"input\":1}]}",
        "[] | 422 | {\"detail\":[{\"type\":\"model_attributes_type\",\"loc\":[\"body\"],\"msg\":\"Input should be a valid "
            + "dictionary or object to extract fields from\",\"input\":[]}]}",
        "null | 422 | {\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\"],\"msg\":\"Field required\",\"input\":null}]}",
    })
    void aBeanBodyValidatesAsAPydanticModel(String body, int status, String expected) {
        try (TestClient client = new TestClient(app())) {
            TestResponse response = client.post("/items").body(body.strip().getBytes(), "application/json").send();
            assertThat(response.status()).isEqualTo(status);
            assertThat(response.text()).isEqualTo(expected.strip());
        }
    }

    @Test
    void aSetterOnlyBeanIsABodyBesideQueryParametersAndBeansNestInRecords() {
        try (TestClient client = new TestClient(app())) {
            assertThat(client.post("/orders?copies=2", Map.of("email", "a@b.c", "age", 30)).text())
                    .isEqualTo("{\"copies\":2,\"email\":\"a@b.c\",\"age\":30}");
            TestResponse invalid = client.post("/orders", Map.of("email", "x", "age", 12));
            assertThat(invalid.status()).isEqualTo(422);
            // In the order of the fields behind the setters: email, then age.
            assertThat(invalid.text()).isEqualTo("{\"detail\":[{\"type\":\"string_too_short\",\"loc\":[\"body\","
                    + "\"email\"],\"msg\":\"String should have at least 3 characters\",\"input\":\"x\",\"ctx\":"
                    + "{\"min_length\":3}},{\"type\":\"greater_than_equal\",\"loc\":[\"body\",\"age\"],\"msg\":\"Input "
                    + "should be greater than or equal to 18\",\"input\":12,\"ctx\":{\"ge\":18}}]}");
            assertThat(client.post("/wrapped", Map.of("label", "l", "item", Map.of("name", "n", "price", 1,
                    "sku", "Q", "dims", Map.of("width", 1, "height", 1)))).text())
                    .isEqualTo("{\"label\":\"l\",\"sku\":\"Q\"}");
        }
    }

    /** Setters without fields behind them (computed or delegated properties) come by name. */
    public static class Settings {
        final java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();

        public void setZone(String zone) {
            values.put("zone", zone);
        }

        public void setAlpha(@Min(1) int alpha) {
            values.put("alpha", alpha);
        }
    }

    @Test
    void settersWithoutFieldsAreReadByNameAndTheModelIsDescribedForOpenApi() {
        IFastAPI app = new IFastAPI();
        app.post("/settings", Settings.class, (request, settings) -> settings.values);
        try (TestClient client = new TestClient(app)) {
            assertThat(client.post("/settings", Map.of("zone", "eu", "alpha", 2)).text())
                    .isEqualTo("{\"alpha\":2,\"zone\":\"eu\"}");
            assertThat(client.post("/settings", Map.of("alpha", 0)).text()).isEqualTo("{\"detail\":[{\"type\":"
                    + "\"greater_than_equal\",\"loc\":[\"body\",\"alpha\"],\"msg\":\"Input should be greater than or "
                    + "equal to 1\",\"input\":0,\"ctx\":{\"ge\":1}},{\"type\":\"missing\",\"loc\":[\"body\",\"zone\"],"
                    + "\"msg\":\"Field required\",\"input\":{\"alpha\":0}}]}");
        }
        List<Parameter> fields = BodyModels.fields(ItemBean.class);
        assertThat(fields).extracting(Parameter::name)
                .containsExactly("name", "price", "tags", "stock", "note", "sku", "dims");
        assertThat(fields).filteredOn(Parameter::required).extracting(Parameter::name)
                .containsExactly("name", "price", "sku", "dims");
        assertThat(fields.getFirst().constraints()).containsEntry("min_length", 1);
        assertThat(fields.get(1).constraints()).containsKey("gt");
        assertThat(fields.get(3).defaultValue()).isEqualTo(0);
        assertThat(BodyModels.fields(Settings.class)).extracting(Parameter::name).containsExactly("alpha", "zone");
        assertThat(BodyModels.isModel(String.class)).isFalse();
    }

    public static class NoDefaultConstructor {
        public String name;

        public NoDefaultConstructor(String name) {
            this.name = name;
        }
    }

    public static class NoProperties {
        private String hidden;
    }

    record NestedNoProperties(String label, @Body NoProperties body) {}

    @Test
    void aClassThatCannotBeABeanFailsAtRegistrationNamingTheFix() {
        assertThatThrownBy(() -> new IFastAPI().post("/x", NoDefaultConstructor.class, (r, b) -> ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-argument constructor").hasMessageContaining("record");
        assertThatThrownBy(() -> new IFastAPI().post("/x", NoProperties.class, (r, b) -> ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no properties").hasMessageContaining("public setters")
                .hasMessageContaining("record NoProperties(");
        assertThatThrownBy(() -> new IFastAPI().post("/x", NestedNoProperties.class, (r, b) -> ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no properties");
    }
}
