package io.ifastapi.params;

import io.ifastapi.json.Json;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Response models write floats as FastAPI 0.142 does for a {@code response_model} (pydantic-core's
 * {@code to_json}); the expected texts are pydantic-core 2's for the same values.
 */
class ResponseModelFloatsTest {
    record Priced(double price, List<Double> history, Float ratio) {}

    @Test
    void floatFieldsUsePydanticCoresText() {
        double[] values = {1e-7, 1e16, 1e15, 0.0001, 1e-5, 1e-6, 1.5e-5, 1.234e-5, -1e-7, 1e-10, 0.1, 4.0, 5e-324,
            1.5e300, 9999.999999, 2.5e-3, -0.0};
        String[] expected = {"1e-7", "1e+16", "1000000000000000.0", "0.0001", "0.00001", "1e-6", "0.000015",
            "0.00001234", "-1e-7", "1e-10", "0.1", "4.0", "5e-324", "1.5e+300", "9999.999999", "0.0025", "-0.0"};
        for (int i = 0; i < values.length; i++) {
            assertThat(PydanticFloat.text(values[i])).as("%s", values[i]).isEqualTo(expected[i]);
        }
    }

    @Test
    void aModelsFloatsListsAndBoxedFloatsAreWrittenSo() {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("price", 1e-7);
        plain.put("history", List.of(1e-5, 2.0));
        plain.put("ratio", 0.5f);
        plain.put("secret", "dropped");
        Object shaped = ResponseModel.of(Priced.class).apply(plain);
        assertThat(Json.string(shaped)).isEqualTo("{\"price\":1e-7,\"history\":[0.00001,2.0],\"ratio\":0.5}");
    }
}
