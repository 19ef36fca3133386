package io.ifastapi.params;

import io.ifastapi.IFastAPI;
import io.ifastapi.dependencies.Depends;
import io.ifastapi.http.Request;
import io.ifastapi.security.APIKeyCookie;
import io.ifastapi.security.APIKeyHeader;
import io.ifastapi.security.APIKeyQuery;
import io.ifastapi.security.HTTPAuthorizationCredentials;
import io.ifastapi.security.HTTPBasic;
import io.ifastapi.security.HTTPBasicCredentials;
import io.ifastapi.security.HTTPBearer;
import io.ifastapi.security.OAuth2PasswordBearer;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security helpers answer as FastAPI 0.142's (statuses, bodies and WWW-Authenticate headers recorded from the
 * real thing with the same requests).
 */
class SecurityTest {
    static final class Key extends APIKeyHeader {
        Key() {
            super("X-API-Key");
        }
    }

    static final class QueryKey extends APIKeyQuery {
        QueryKey() {
            super("api_key");
        }
    }

    static final class CookieKey extends APIKeyCookie {
        CookieKey() {
            super("session");
        }
    }

    static final class OptionalKey extends APIKeyHeader {
        OptionalKey() {
            super("X-API-Key", false);
        }
    }

    static final class Basic extends HTTPBasic {
    }

    static final class RealmBasic extends HTTPBasic {
        RealmBasic() {
            super("shop", true);
        }
    }

    static final class OptionalBasic extends HTTPBasic {
        OptionalBasic() {
            super(null, false);
        }
    }

    static final class Bearer extends HTTPBearer {
    }

    static final class Token extends OAuth2PasswordBearer {
        Token() {
            super("token");
        }
    }

    record KeyIn(@Depends(Key.class) String key) {}
    record QueryKeyIn(@Depends(QueryKey.class) String key) {}
    record CookieKeyIn(@Depends(CookieKey.class) String key) {}
    record OptionalKeyIn(@Depends(OptionalKey.class) String key) {}
    record BasicIn(@Depends(Basic.class) HTTPBasicCredentials credentials) {}
    record RealmIn(@Depends(RealmBasic.class) HTTPBasicCredentials credentials) {}
    record OptionalBasicIn(@Depends(OptionalBasic.class) HTTPBasicCredentials credentials) {}
    record BearerIn(@Depends(Bearer.class) HTTPAuthorizationCredentials credentials) {}
    record TokenIn(@Depends(Token.class) String token) {}

    private TestClient client;

    @BeforeEach
    void start() {
        IFastAPI app = new IFastAPI();
        app.get("/kh", KeyIn.class, (r, p) -> Map.of("k", p.key()));
        app.get("/kq", QueryKeyIn.class, (r, p) -> Map.of("k", p.key()));
        app.get("/kc", CookieKeyIn.class, (r, p) -> Map.of("k", p.key()));
        app.get("/khn", OptionalKeyIn.class, (r, p) -> io.ifastapi.json.Json.object("k", p.key()));
        app.get("/b", BasicIn.class, (r, p) -> p.credentials());
        app.get("/realm", RealmIn.class, (r, p) -> p.credentials());
        app.get("/bn", OptionalBasicIn.class, (r, p) -> io.ifastapi.json.Json.object("c", p.credentials()));
        app.get("/br", BearerIn.class, (r, p) -> p.credentials());
        app.get("/o", TokenIn.class, (r, p) -> Map.of("t", p.token()));
        client = new TestClient(app);
    }

    @AfterEach
    void stop() {
        client.close();
    }

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} {1}={2} -> {3} {4} {5}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "/kh|-|-|401|APIKey|{\"detail\":\"Not authenticated\"}",
            "/kh|X-API-Key|abc|200|-|{\"k\":\"abc\"}",
            "/kh|X-API-Key||401|APIKey|{\"detail\":\"Not authenticated\"}",
            "/kq|-|-|401|APIKey|{\"detail\":\"Not authenticated\"}",
            "/kc|-|-|401|APIKey|{\"detail\":\"Not authenticated\"}",
            "/khn|-|-|200|-|{\"k\":null}",
            "/b|-|-|401|Basic|{\"detail\":\"Not authenticated\"}",
            "/b|Authorization|Basic !!!|401|Basic|{\"detail\":\"Not authenticated\"}",
            "/b|Authorization|Bearer x|401|Basic|{\"detail\":\"Not authenticated\"}",
            "/realm|-|-|401|Basic realm=\"shop\"|{\"detail\":\"Not authenticated\"}",
            "/bn|-|-|200|-|{\"c\":null}",
            "/br|-|-|401|Bearer|{\"detail\":\"Not authenticated\"}",
            "/br|Authorization|Bearer tok|200|-|{\"scheme\":\"Bearer\",\"credentials\":\"tok\"}",
            "/br|Authorization|Basic tok|401|Bearer|{\"detail\":\"Not authenticated\"}",
            "/br|Authorization|Bearer|401|Bearer|{\"detail\":\"Not authenticated\"}",
            "/o|-|-|401|Bearer|{\"detail\":\"Not authenticated\"}",
            "/o|Authorization|Bearer tok|200|-|{\"t\":\"tok\"}",
            "/o|Authorization|Basic x|401|Bearer|{\"detail\":\"Not authenticated\"}",
    })
    void answersAsFastApi(String path, String header, String value, int status, String challenge, String body) {
        var request = client.request("GET", path);
        if (header != null) {
            request.header(header, value == null ? "" : value);
        }
        TestResponse response = request.send();

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("www-authenticate")).isEqualTo(challenge);
        assertThat(response.text()).isEqualTo(body);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "al:pw|200|{\"username\":\"al\",\"password\":\"pw\"}",
            "a:b:c|200|{\"username\":\"a\",\"password\":\"b:c\"}",
            "nocolon|401|{\"detail\":\"Not authenticated\"}",
            "é:ü|401|{\"detail\":\"Not authenticated\"}",
    })
    void basicCredentialsAsFastApiDecodesThem(String userColonPassword, int status, String body) {
        TestResponse response = client.request("GET", "/b").header("Authorization", basic(userColonPassword)).send();

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.text()).isEqualTo(body);
    }

    @org.junit.jupiter.api.Test
    void theQueryAndCookieKeysAreRead() {
        assertThat(client.get("/kq?api_key=x").text()).isEqualTo("{\"k\":\"x\"}");
        assertThat(client.request("GET", "/kc").cookie("session", "s").send().text()).isEqualTo("{\"k\":\"s\"}");
    }

    @org.junit.jupiter.api.Test
    void schemesAreNamedAfterTheHelperAsInFastApi() {
        assertThat(new Key().schemeName()).isEqualTo("APIKeyHeader");
        assertThat(new Key().openApi()).isEqualTo(Map.of("type", "apiKey", "in", "header", "name", "X-API-Key"));
        assertThat(new Basic().schemeName()).isEqualTo("HTTPBasic");
        assertThat(new Token().openApi()).containsEntry("type", "oauth2");
    }

    @org.junit.jupiter.api.Test
    void anAppLevelKeyGuardsEveryRoute() {
        IFastAPI app = new IFastAPI().dependencies(new APIKeyHeader("X-API-Key"));
        app.get("/plain", Request::path);
        try (TestClient guarded = new TestClient(app)) {
            assertThat(guarded.get("/plain").status()).isEqualTo(401);
            assertThat(guarded.request("GET", "/plain").header("X-API-Key", "k").send().text())
                    .isEqualTo("\"/plain\"");
        }
    }
}
