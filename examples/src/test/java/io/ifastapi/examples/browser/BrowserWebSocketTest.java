package io.ifastapi.examples.browser;

import io.ifastapi.examples.DemoApp;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.tls.TestCertificates;
import io.ifastapi.tls.TlsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's WebSocket in a real browser: headless Chromium visits /set-session (the session cookie is set), then a
 * page of the same origin opens {@code ws://.../ws} with JavaScript's WebSocket, which sends the cookie with the
 * handshake; the page shows the session's key the server greets with, sends a message and shows its echo. Once on
 * the default adapter (Netty) and once on Jetty.
 */
@ExtendWith(ChromiumExtension.class)
class BrowserWebSocketTest {
    private static final String SECRET_KEY = BrowserSessionTest.SECRET_KEY;

    /** Page script: open the socket, send a message after the greeting, show both answers, hand them to the test. */
    private static final String TALK = """
            const done = arguments[arguments.length - 1];
            const answers = [];
            const ws = new WebSocket(arguments[0]);
            ws.onmessage = (event) => {
                answers.push(event.data);
                const line = document.createElement('p');
                line.textContent = event.data;
                document.body.appendChild(line);
                if (answers.length === 1) { ws.send('hello from chromium'); }
                if (answers.length === 2) { ws.close(1000); done(answers); }
            };
            ws.onerror = () => done(['error']);
            """;

    static Browser browser;
    static final Map<String, Server> demos = new LinkedHashMap<>();

    @BeforeAll
    static void startDemos(Browser client) {
        browser = client;
        demos.put("netty", DemoApp.create(Map.of("SECRET_KEY", SECRET_KEY))
                .start(ServerConfig.defaults().port(0)));
        demos.put("jetty", DemoApp.create(Map.of("SECRET_KEY", SECRET_KEY))
                .server(io.ifastapi.server.jetty.JettyServer::start).start(ServerConfig.defaults().port(0)));
        // HTTPS as a user configures it: uvicorn's SSL_CERTFILE and SSL_KEYFILE, a self-signed test certificate
        TestCertificates certs = TlsClients.certificates();
        Map<String, String> env = Map.of("SECRET_KEY", SECRET_KEY,
                "SSL_CERTFILE", certs.certFile().toString(), "SSL_KEYFILE", certs.keyFile().toString());
        demos.put("netty-tls", DemoApp.create(env).start(ServerConfig.fromEnvironment(env).port(0)));
        demos.put("jetty-tls", DemoApp.create(env).server(io.ifastapi.server.jetty.JettyServer::start)
                .start(ServerConfig.fromEnvironment(env).port(0)));
    }

    @AfterAll
    static void stopDemos() {
        demos.values().forEach(Server::stop);
        demos.clear();
    }

    @BeforeEach
    void noCookies() {
        browser.navigate("about:blank");
        browser.clearAllCookies();
    }

    @ParameterizedTest
    @ValueSource(strings = {"netty", "jetty"})
    void thePageTalksToTheWebSocketWithTheSessionCookie(String adapter) {
        String base = "http://127.0.0.1:" + demos.get(adapter).port();
        String ws = "ws://127.0.0.1:" + demos.get(adapter).port() + "/ws";

        browser.navigate(base + "/hello");
        assertThat(browser.driver().executeAsyncScript(TALK, ws)).isEqualTo(List.of("{\"key\":null}",
                "hello from chromium"));

        browser.navigate(base + "/set-session");
        browser.navigate(base + "/hello");
        Object answers = browser.driver().executeAsyncScript(TALK, ws);
        assertThat(answers).isEqualTo(List.of("{\"key\":\"value\"}", "hello from chromium"));
        assertThat(browser.pageText()).contains("{\"key\":\"value\"}").contains("hello from chromium");
    }

    /** The same over TLS: the page is https://, the socket wss://, the (Secure-able) session cookie goes along. */
    @ParameterizedTest
    @ValueSource(strings = {"netty-tls", "jetty-tls"})
    void theHttpsPageTalksToTheWebSocketOverWss(String adapter) {
        String base = "https://127.0.0.1:" + demos.get(adapter).port();
        String wss = "wss://127.0.0.1:" + demos.get(adapter).port() + "/ws";

        browser.navigate(base + "/hello");
        assertThat(browser.pageText()).contains("{\"message\":\"hello\"}");
        assertThat(browser.driver().executeScript("return location.protocol")).isEqualTo("https:");
        assertThat(browser.driver().executeAsyncScript(TALK, wss)).isEqualTo(List.of("{\"key\":null}",
                "hello from chromium"));

        browser.navigate(base + "/set-session");
        browser.navigate(base + "/hello");
        Object answers = browser.driver().executeAsyncScript(TALK, wss);
        assertThat(answers).isEqualTo(List.of("{\"key\":\"value\"}", "hello from chromium"));
        assertThat(browser.pageText()).contains("{\"key\":\"value\"}").contains("hello from chromium");
    }
}
