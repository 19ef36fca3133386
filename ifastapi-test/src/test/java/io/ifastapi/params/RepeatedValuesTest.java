package io.ifastapi.params;

import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import io.ifastapi.testclient.TestClient;
import jakarta.validation.constraints.Min;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scalar parameter sent more than once is bound as FastAPI 0.142 binds it (answers recorded from it): the last
 * value of a query parameter (Starlette's {@code query_params[key]}), the first of a header.
 */
class RepeatedValuesTest {
    record Inputs(@Query @Min(1) @Default("10") int limit, @Header @Default("0") int xRetry) {}

    private static String get(String target, String... headers) {
        IFastAPI app = new IFastAPI();
        app.get("/r", Inputs.class, (request, p) -> Json.object("limit", p.limit(), "retry", p.xRetry()));
        try (TestClient client = new TestClient(app)) {
            var request = client.request("GET", target);
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            var response = request.send();
            return response.status() + " " + response.text();
        }
    }

    @Test
    void aRepeatedQueryParameterIsItsLastValue() {
        assertThat(get("/r?limit=0&limit=2")).isEqualTo("200 {\"limit\":2,\"retry\":0}");
        assertThat(get("/r?limit=2&limit=0")).isEqualTo("422 {\"detail\":[{\"type\":\"greater_than_equal\",\"loc\":"
                + "[\"query\",\"limit\"],\"msg\":\"Input should be greater than or equal to 1\",\"input\":\"0\",\"ctx\":"
                + "{\"ge\":1}}]}");
    }

    @Test
    void aRepeatedHeaderIsItsFirstValue() {
        assertThat(get("/r", "X-Retry", "2", "X-Retry", "3")).isEqualTo("200 {\"limit\":10,\"retry\":2}");
    }
}
