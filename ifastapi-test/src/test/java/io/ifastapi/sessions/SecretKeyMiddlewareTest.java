package io.ifastapi.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifastapi.IFastAPI;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import io.ifastapi.testsupport.CapturedStderr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The secret key as SessionMiddleware takes it: required, not empty, warned about when short, never shown. */
class SecretKeyMiddlewareTest {

    private static final String STRONG = "correct-horse-battery-staple-" + "9".repeat(40);
    private static final String WEAK = "hunter2-weak"; // 12 bytes

    @Test
    void buildingWithoutAKeyFailsAndSaysHowToFixIt() {
        assertThatThrownBy(() -> SessionMiddleware.builder().build())
                .isInstanceOf(InvalidSecretKeyException.class)
                .hasMessageContaining("SessionMiddleware needs a secret key")
                .hasMessageContaining(".secretKey(SecretKey.fromEnv(\"SECRET_KEY\"))")
                .hasMessageContaining("java -jar ifastapi-cli.jar secret");
    }

    @Test
    void anEmptyRotationListOrANullKeyIsNoKey() {
        assertThatThrownBy(() -> SessionMiddleware.builder().secretKeys(List.of()).build())
                .isInstanceOf(InvalidSecretKeyException.class)
                .hasMessageContaining("SessionMiddleware needs a secret key");
        assertThatThrownBy(() -> SessionMiddleware.builder().secretKey((SecretKey) null).build())
                .isInstanceOf(InvalidSecretKeyException.class)
                .hasMessageContaining("SessionMiddleware needs a secret key");
        List<SecretKey> withNull = new ArrayList<>();
        withNull.add(SecretKey.of(STRONG));
        withNull.add(null);
        assertThatThrownBy(() -> SessionMiddleware.builder().secretKeys(withNull).build())
                .isInstanceOf(InvalidSecretKeyException.class);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " ", "\t\n"})
    void anEmptyOrBlankKeyIsRefused(String key) {
        assertThatThrownBy(() -> SessionMiddleware.builder().secretKey(key))
                .isInstanceOf(InvalidSecretKeyException.class)
                .hasMessageContaining("empty or blank")
                .hasMessageContaining("ifastapi-cli.jar secret");
    }

    @Test
    void aShortKeyIsAcceptedWithAWarningThatDoesNotShowIt() {
        SessionMiddleware middleware;
        String log;
        try (var captured = new CapturedStderr()) {
            middleware = SessionMiddleware.builder().secretKey(WEAK).build();
            log = captured.text();
        }

        assertThat(log).contains("WARN").contains("The session secret key is 12 bytes; use at least 32")
                .doesNotContain(WEAK);
        try (var client = new TestClient(loginApp(middleware))) {
            client.post("/login").send();
            assertThat(client.get("/view").json()).isEqualTo(Map.of("user", 42));
        }
    }

    @Test
    void strictKeysRefusesAShortKey() {
        assertThatThrownBy(() -> SessionMiddleware.builder().secretKey(WEAK).strictKeys(true).build())
                .isInstanceOf(InvalidSecretKeyException.class)
                .hasMessageContaining("The session secret key is 12 bytes; use at least 32")
                .hasMessageContaining("strictKeys")
                .hasMessageNotContaining(WEAK);
    }

    @Test
    void strictKeysRefusesAShortOldKeyInARotationToo() {
        assertThatThrownBy(() -> SessionMiddleware.builder()
                .secretKeys(List.of(SecretKey.of(STRONG), SecretKey.of(WEAK))).strictKeys(true).build())
                .isInstanceOf(InvalidSecretKeyException.class)
                .hasMessageNotContaining(WEAK);
    }

    @Test
    void strictKeysAcceptsA32ByteKeyWithoutAWarning() {
        String log;
        try (var captured = new CapturedStderr()) {
            SessionMiddleware.builder().secretKey("k".repeat(32)).strictKeys(true).build();
            SessionMiddleware.builder().secretKey(SecretKey.generate()).strictKeys(true).build();
            log = captured.text();
        }
        assertThat(log).doesNotContain("secret key");
    }

    @Test
    void theKeyIsNotInTheToStringOfTheBuilderOrTheMiddleware() {
        SessionMiddleware.Builder builder = SessionMiddleware.builder().secretKey(STRONG);
        SessionMiddleware middleware = builder.build();

        assertThat(builder.toString()).doesNotContain(STRONG);
        assertThat(middleware.toString()).doesNotContain(STRONG);
        assertThat(SecretKey.of(STRONG).toString()).doesNotContain(STRONG).contains("redacted");
    }

    @Test
    void theKeyIsNotInTheSessionsErrorsNorTheDebugPageNorTheLog() {
        var app = loginApp(SessionMiddleware.builder().secretKey(STRONG).build()).debug(true);
        app.post("/too-large", request -> {
            request.session().put("blob", "x".repeat(5000));
            return "ok";
        });
        app.post("/fails", request -> {
            request.session().put("user", 42);
            throw new IllegalStateException("handler failed");
        });
        List<String> shown = new ArrayList<>();
        try (var log = new CapturedStderr();
             var client = TestClient.builder(app).raiseServerExceptions(false).build()) {
            for (String path : List.of("/too-large", "/fails")) {
                for (String accept : List.of("text/html", "*/*")) {
                    TestResponse response = client.post(path).header("accept", accept).send();
                    assertThat(response.status()).isEqualTo(500);
                    shown.add(response.text());
                }
            }
            shown.add(log.text());
        }
        assertThat(shown.get(0)).contains("SessionTooLargeException");
        assertThat(shown.get(2)).contains("handler failed");
        assertThat(shown).allSatisfy(text -> assertThat(text).doesNotContain(STRONG));
        assertThat(new SessionTooLargeException("session", 5000).getMessage()).doesNotContain(STRONG);
    }

    private static IFastAPI loginApp(SessionMiddleware middleware) {
        var app = new IFastAPI();
        app.addMiddleware(middleware);
        app.post("/login", request -> {
            request.session().put("user", 42);
            return "ok";
        });
        app.get("/view", request -> request.session().asMap());
        return app;
    }
}
