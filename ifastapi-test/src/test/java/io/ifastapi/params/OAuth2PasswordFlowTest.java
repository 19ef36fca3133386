package io.ifastapi.params;

import io.ifastapi.IFastAPI;
import io.ifastapi.dependencies.Dependency;
import io.ifastapi.dependencies.Depends;
import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Request;
import io.ifastapi.json.Json;
import io.ifastapi.security.OAuth2PasswordBearer;
import io.ifastapi.security.OAuth2PasswordRequest;
import io.ifastapi.security.OAuth2PasswordRequestForm;
import io.ifastapi.security.OAuth2PasswordRequestFormStrict;
import io.ifastapi.testclient.Multipart;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OAuth2's password flow as FastAPI's tutorial builds it: a token route reading OAuth2PasswordRequestForm, routes
 * guarded by OAuth2PasswordBearer. Statuses, bodies and headers recorded from FastAPI 0.142.2 with the same
 * requests.
 */
class OAuth2PasswordFlowTest {
    static final String MISSING_USERNAME = "{\"type\":\"missing\",\"loc\":[\"body\",\"username\"],\"msg\":\"Field "
            + "required\",\"input\":null}";
    static final String MISSING_PASSWORD = "{\"type\":\"missing\",\"loc\":[\"body\",\"password\"],\"msg\":\"Field "
            + "required\",\"input\":null}";
    static final String MISSING_GRANT_TYPE = "{\"type\":\"missing\",\"loc\":[\"body\",\"grant_type\"],\"msg\":\"Field "
            + "required\",\"input\":null}";
    static final String BAD_GRANT_TYPE = "{\"type\":\"string_pattern_mismatch\",\"loc\":[\"body\",\"grant_type\"],"
            + "\"msg\":\"String should match pattern '^password$'\",\"input\":\"foo\",\"ctx\":{\"pattern\":"
            + "\"^password$\"}}";

    static final class TokenFromHeader extends OAuth2PasswordBearer {
        TokenFromHeader() {
            super("token");
        }
    }

    /** The tutorial's get_current_user: the token names the user; anything else is a 401 with the challenge. */
    record CurrentUserIn(@Depends(TokenFromHeader.class) String token) {}

    static final class CurrentUser implements Dependency<CurrentUserIn, String> {
        @Override
        public String provide(Request request, CurrentUserIn in) {
            if (!in.token().startsWith("token-of-")) {
                throw new HTTPException(401, "Invalid authentication credentials",
                        Headers.of("WWW-Authenticate", "Bearer"));
            }
            return in.token().substring("token-of-".length());
        }
    }

    record TokenIn(@Depends(OAuth2PasswordRequestForm.class) OAuth2PasswordRequest form,
                   @Query @jakarta.validation.constraints.Min(0) @Default("1") int q) {}

    record StrictTokenIn(@Depends(OAuth2PasswordRequestFormStrict.class) OAuth2PasswordRequest form) {}

    record MeIn(@Depends(CurrentUser.class) String user) {}

    static IFastAPI app() {
        IFastAPI app = new IFastAPI();
        app.post("/token", TokenIn.class, (request, in) -> {
            OAuth2PasswordRequest form = in.form();
            if (!form.password().equals("secret")) {
                throw new HTTPException(400, "Incorrect username or password");
            }
            return Json.object("access_token", "token-of-" + form.username(), "token_type", "bearer");
        });
        app.post("/echo", TokenIn.class, (request, in) -> echo(in.form()));
        app.post("/strict", StrictTokenIn.class, (request, in) -> echo(in.form()));
        app.get("/users/me", MeIn.class, (request, in) -> Map.of("username", in.user()));
        return app;
    }

    static Map<String, Object> echo(OAuth2PasswordRequest form) {
        return Json.object("grant_type", form.grantType(), "username", form.username(), "password", form.password(),
                "scopes", form.scopes(), "client_id", form.clientId(), "client_secret", form.clientSecret());
    }

    @Test
    void theTokenRouteIssuesABearerTokenThatOpensTheGuardedRoute() {
        try (TestClient client = new TestClient(app())) {
            TestResponse anonymous = client.get("/users/me");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.headers().get("www-authenticate")).isEqualTo("Bearer");
            assertThat(anonymous.text()).isEqualTo("{\"detail\":\"Not authenticated\"}");
            TestResponse basic = client.request("GET", "/users/me").header("Authorization", "Basic YTpi").send();
            assertThat(basic.status()).isEqualTo(401);
            assertThat(basic.headers().get("www-authenticate")).isEqualTo("Bearer");

            TestResponse wrong = client.post("/token").form(Map.of("username", "alice", "password", "nope")).send();
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.text()).isEqualTo("{\"detail\":\"Incorrect username or password\"}");

            TestResponse token = client.post("/token").form(Map.of("username", "alice", "password", "secret"))
                    .send();
            assertThat(token.status()).isEqualTo(200);
            assertThat(token.text()).isEqualTo("{\"access_token\":\"token-of-alice\",\"token_type\":\"bearer\"}");

            TestResponse me = client.request("GET", "/users/me")
                    .header("Authorization", "Bearer " + token.json().get("access_token")).send();
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.text()).isEqualTo("{\"username\":\"alice\"}");

            TestResponse forged = client.request("GET", "/users/me").header("Authorization", "Bearer forged").send();
            assertThat(forged.status()).isEqualTo(401);
            assertThat(forged.headers().get("www-authenticate")).isEqualTo("Bearer");
            assertThat(forged.text()).isEqualTo("{\"detail\":\"Invalid authentication credentials\"}");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "/echo   | <none>                 | 422 | M_USER,M_PASS",
        "/strict | <none>                 | 422 | M_GRANT,M_USER,M_PASS",
        "/echo   | ''                     | 422 | M_USER,M_PASS",
        "/strict | ''                     | 422 | M_GRANT,M_USER,M_PASS",
        "/echo   | username=a             | 422 | M_PASS",
        "/strict | username=a             | 422 | M_GRANT,M_PASS",
        "/strict | username=a&password=b  | 422 | M_GRANT",
        "/echo   | grant_type=foo&username=a&password=b | 422 | BAD_GRANT",
        "/strict | grant_type=foo&username=a&password=b | 422 | BAD_GRANT",
        "/echo   | username=&password=    | 422 | M_USER,M_PASS",
        "/strict | username=&password=    | 422 | M_GRANT,M_USER,M_PASS",
    })
    void missingAndInvalidFieldsAreFastApis422s(String path, String body, int status, String errors) {
        try (TestClient client = new TestClient(app())) {
            var request = client.post(path.strip());
            if (!body.equals("<none>")) {
                request.body(body.getBytes(), "application/x-www-form-urlencoded");
            }
            TestResponse response = request.send();
            assertThat(response.status()).isEqualTo(status);
            List<String> expected = List.of(errors.split(",")).stream().map(e -> switch (e) {
                case "M_USER" -> MISSING_USERNAME;
                case "M_PASS" -> MISSING_PASSWORD;
                case "M_GRANT" -> MISSING_GRANT_TYPE;
                case "BAD_GRANT" -> BAD_GRANT_TYPE;
                default -> throw new IllegalArgumentException(e);
            }).toList();
            assertThat(response.text()).isEqualTo("{\"detail\":[" + String.join(",", expected) + "]}");
        }
    }

    @Test
    void everyFieldIsReadScopesSplitOnWhitespaceAndTheLastOfARepeatedFieldWins() {
        try (TestClient client = new TestClient(app())) {
            String full = "username=a&password=b&scope=x%20%20y+z&grant_type=password&client_id=c&client_secret=s";
            assertThat(client.post("/echo").body(full.getBytes(), "application/x-www-form-urlencoded").send().text())
                    .isEqualTo("{\"grant_type\":\"password\",\"username\":\"a\",\"password\":\"b\",\"scopes\":"
                            + "[\"x\",\"y\",\"z\"],\"client_id\":\"c\",\"client_secret\":\"s\"}");
            assertThat(client.post("/strict").body(full.getBytes(), "application/x-www-form-urlencoded").send()
                    .status()).isEqualTo(200);
            assertThat(client.post("/echo").body("username=a&username=b&password=p&scope=%20%20".getBytes(),
                    "application/x-www-form-urlencoded").send().text())
                    .isEqualTo("{\"grant_type\":null,\"username\":\"b\",\"password\":\"p\",\"scopes\":[],"
                            + "\"client_id\":null,\"client_secret\":null}");
            // multipart works too
            assertThat(client.post("/echo").multipart(new Multipart().field("username", "m").field("password", "p"))
                    .send().json()).containsEntry("username", "m");
        }
    }

    @Test
    void aJsonBodyIsNotAFormAndTheFormsErrorsJoinTheRoutesOwnInFastApisOrder() {
        try (TestClient client = new TestClient(app())) {
            assertThat(client.post("/echo", Map.of("username", "a", "password", "b")).text())
                    .isEqualTo("{\"detail\":[" + MISSING_USERNAME + "," + MISSING_PASSWORD + "]}");
            // The dependency's errors come first, then the route's query parameters (FastAPI's order).
            TestResponse both = client.post("/echo?q=x").body("password=p".getBytes(),
                    "application/x-www-form-urlencoded").send();
            assertThat(both.text()).isEqualTo("{\"detail\":[" + MISSING_USERNAME + ",{\"type\":\"int_parsing\","
                    + "\"loc\":[\"query\",\"q\"],\"msg\":\"Input should be a valid integer, unable to parse string "
                    + "as an integer\",\"input\":\"x\"}]}");
        }
    }

    @Test
    void anUploadWhereTextIsExpectedIsAStringTypeError() {
        try (TestClient client = new TestClient(app())) {
            TestResponse response = client.post("/echo").multipart(new Multipart()
                    .file("username", "f.txt", "text/plain", "x".getBytes()).field("password", "p")).send();
            assertThat(response.status()).isEqualTo(422);
            @SuppressWarnings("unchecked")
            Map<String, Object> error = ((List<Map<String, Object>>) response.json().get("detail")).getFirst();
            assertThat(error).containsEntry("type", "string_type").containsEntry("loc", List.of("body", "username"))
                    .containsEntry("msg", "Input should be a valid string");
        }
    }

    @Test
    void theFormDescribesItsFieldsForOpenApi() {
        List<Parameter> fields = new OAuth2PasswordRequestForm().formFields();
        assertThat(fields).extracting(Parameter::name)
                .containsExactly("grant_type", "username", "password", "scope", "client_id", "client_secret");
        assertThat(fields).allMatch(f -> f.location().equals("form"));
        assertThat(fields).filteredOn(Parameter::required).extracting(Parameter::name)
                .containsExactly("username", "password");
        assertThat(fields.getFirst().constraints()).containsEntry("pattern", "^password$");
        assertThat(fields.getFirst().type().getTypeName()).isEqualTo(Optional.class.getName() + "<"
                + String.class.getName() + ">");
        assertThat(fields.get(3).defaultValue()).isEqualTo("");
        assertThat(new OAuth2PasswordRequestFormStrict().formFields()).filteredOn(Parameter::required)
                .extracting(Parameter::name).containsExactly("grant_type", "username", "password");
    }
}
