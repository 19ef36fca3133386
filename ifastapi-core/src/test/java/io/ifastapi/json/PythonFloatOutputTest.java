package io.ifastapi.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Response JSON writes floats as FastAPI's (Python's json.dumps) does; the expected texts are CPython 3.11's. */
class PythonFloatOutputTest {
    record Price(double price, float ratio) {}

    @Test
    void doublesAndFloatsAreWrittenAsPythonWritesThem() {
        assertThat(Json.string(List.of(0.0001, 1e-7, 1.2345678901234568e17, 1e16, 0.1, 4.0, 9.5, -0.0, 1e22, 5e-324)))
                .isEqualTo("[0.0001,1e-07,1.2345678901234568e+17,1e+16,0.1,4.0,9.5,-0.0,1e+22,5e-324]");
        assertThat(Json.string(new Price(2.5e-3, 0.1f))).isEqualTo("{\"price\":0.0025,\"ratio\":0.1}");
        assertThat(Json.string(Map.of("n", JsonNodeFactory.instance.numberNode(1e-5))))
                .isEqualTo("{\"n\":1e-05}");
    }

    @Test
    void integersAndCodecCopiesAreUnchanged() throws Exception {
        assertThat(Json.string(List.of(1, 10_000_000_000L))).isEqualTo("[1,10000000000]");
        assertThat(Json.mapper().copy().writeValueAsString(1e-4)).isEqualTo("0.0001");
    }
}
