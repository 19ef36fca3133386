package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;
import io.ifastapi.json.Json;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestRequest;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test against the real FastAPI/pydantic 2: every request recorded by scripts/pydantic-cases.py is sent
 * to the Java twin ({@link ParamsCasesApp}); the status must match, and a 422's body must match byte for byte (keys
 * in order, messages, inputs and ctx numbers as Python writes them).
 */
class PydanticCasesTest {
    private static TestClient client;

    @BeforeAll
    static void start() {
        client = new TestClient(ParamsCasesApp.create());
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    static Stream<Arguments> cases() throws Exception {
        try (InputStream in = PydanticCasesTest.class.getResourceAsStream("pydantic-cases.json")) {
            JsonNode golden = Json.mapper().readTree(in);
            List<Arguments> out = new ArrayList<>();
            for (JsonNode c : golden.get("cases")) {
                out.add(Arguments.of(c.get("id").asText(), c));
            }
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsFastApi(String id, JsonNode c) {
        String url = c.get("path").asText() + (c.get("query").asText().isEmpty() ? "" : "?" + c.get("query").asText());
        TestRequest request = client.request(c.get("method").asText(), url);
        for (Map.Entry<String, JsonNode> header : c.get("headers").properties()) {
            if (!header.getKey().equals("content-type")) {
                request.header(header.getKey(), header.getValue().asText());
            }
        }
        if (!c.get("body").isNull()) {
            JsonNode type = c.get("headers").get("content-type");
            request.body(c.get("body").asText().getBytes(StandardCharsets.UTF_8), type == null ? null : type.asText());
        }
        TestResponse response = request.send();
        int status = c.get("status").asInt();
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        if (status == 422) {
            assertThat(response.text()).isEqualTo(c.get("response").asText());
        }
    }
}
