package io.ifastapi.examples.browser;

import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import io.ifastapi.http.Response;
import io.ifastapi.examples.DemoApp;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.sessions.MemorySessionStore;
import io.ifastapi.sessions.SecretKey;
import io.ifastapi.sessions.SessionMiddleware;
import io.ifastapi.sessions.SessionTooLargeException;
import io.ifastapi.testsupport.CapturedStderr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Cookie;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions in a real browser: the demo app served by the real Jetty server, opened in headless Chromium driven by
 * Selenium through chromedriver, for each session backend. Browsers are where the cookie's attributes (HttpOnly, SameSite, Path,
 * Secure, Max-Age) and its 4 KB limit actually take effect; these tests show what Chromium does with each.
 *
 * <p>One Chromium serves the whole class; every test starts with no cookies. All servers listen on 127.0.0.1, and
 * cookies do not depend on the port, so the apps of one test would see the cookies of another without that.
 */
@ExtendWith(ChromiumExtension.class)
class BrowserSessionTest {
    /** A fixed 64-hex-character key (32 bytes), so that runs are reproducible. */
    static final String SECRET_KEY = "6f1c2a9be04d7783c51e9f0a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e";
    static final Duration FOURTEEN_DAYS = Duration.ofDays(14);

    static Browser browser;
    static final Map<String, Server> demos = new LinkedHashMap<>();
    static final List<Thread> stopping = new ArrayList<>();

    @BeforeAll
    static void startDemos(Browser client) {
        browser = client;
        for (String backend : new String[] {"cookie", "encrypted", "memory"}) {
            IFastAPI app = DemoApp.create(Map.of("SECRET_KEY", SECRET_KEY, "SESSION_BACKEND", backend));
            // Two probes beside the demo's routes, for the size tests: a session of n bytes of padding, and its size.
            app.get("/pad/{n:int}", request -> {
                int n = request.pathParam("n");
                request.session().put("pad", "x".repeat(n));
                return Map.of("pad", n);
            });
            app.get("/pad-length", request -> {
                String pad = request.session().getString("pad");
                return Json.object("pad", pad == null ? null : pad.length(), "key", request.session().get("key"));
            });
            demos.put(backend, app.start(ServerConfig.defaults().port(0)));
        }
    }

    @AfterAll
    static void stopServers() throws InterruptedException {
        demos.values().forEach(BrowserSessionTest::stopInBackground);
        demos.clear();
        for (Thread stop : stopping) {
            stop.join();
        }
        stopping.clear();
    }

    /**
     * Jetty's graceful stop gives connections that are still open a last second of idle time (its shutdown idle
     * timeout), and Chromium keeps its keep-alive connections open, so each stop takes 1-2 s. The tests do not wait
     * for that: servers stop in the background, on their own ports, and the class waits for them at the end.
     */
    static void stopInBackground(Server server) {
        stopping.add(Thread.ofVirtual().name("stop-" + server.port()).start(server::stop));
    }

    @BeforeEach
    void noCookies() {
        browser.navigate("about:blank");
        browser.clearAllCookies();
    }

    static String url(Server server, String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    static String demo(String backend, String path) {
        return url(demos.get(backend), path);
    }

    /** Opens a page and returns the response body shown in it. */
    static String open(String url) {
        browser.navigate(url);
        return browser.responseText();
    }

    /** The SessionMiddleware the demo builds for a backend, for the tests' own small apps. */
    static SessionMiddleware.Builder sessions(String backend) {
        SessionMiddleware.Builder builder = SessionMiddleware.builder().secretKey(SecretKey.of(SECRET_KEY));
        return switch (backend) {
            case "cookie" -> builder;
            case "encrypted" -> builder.encrypted(true);
            case "memory" -> builder.store(new MemorySessionStore());
            default -> throw new IllegalArgumentException(backend);
        };
    }

    // ----- the demo, in Chromium -----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cookie", "encrypted", "memory"})
    void setSessionOnOnePageAndReadItOnAnother(String backend) {
        assertThat(open(demo(backend, "/get-session"))).isEqualTo("{\"key\":null}");
        assertThat(open(demo(backend, "/set-session"))).isEqualTo("{\"message\":\"Session data set\"}");
        assertThat(open(demo(backend, "/get-session"))).isEqualTo("{\"key\":\"value\"}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cookie", "encrypted", "memory"})
    void counterCountsAcrossPageLoads(String backend) {
        assertThat(open(demo(backend, "/counter"))).isEqualTo("{\"n\":1}");
        assertThat(open(demo(backend, "/counter"))).isEqualTo("{\"n\":2}");
        assertThat(open(demo(backend, "/counter"))).isEqualTo("{\"n\":3}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cookie", "encrypted", "memory"})
    void cookieIsHttpOnlyLaxRootPathForFourteenDays(String backend) {
        open(demo(backend, "/set-session"));
        long now = Instant.now().getEpochSecond();

        // HttpOnly: the page's scripts cannot see the session cookie at all...
        assertThat(browser.documentCookie()).isEmpty();
        // ...while the browser holds it, with Starlette's attributes.
        Cookie session = browser.cookie("session").orElseThrow();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(session.getPath()).isEqualTo("/");
        assertThat(session.getDomain()).isEqualTo("127.0.0.1"); // host-only: no Domain attribute
        assertThat(session.isSecure()).isFalse();
        assertThat(Browser.expiryEpochSecond(session)).isBetween(now + FOURTEEN_DAYS.toSeconds() - 60,
                now + FOURTEEN_DAYS.toSeconds() + 60);
        switch (backend) {
            // Starlette's format, byte for byte: base64 of Python's json.dumps, a timestamp and a signature.
            case "cookie" -> assertThat(session.getValue()).startsWith("eyJrZXkiOiAidmFsdWUifQ==.");
            // Nothing readable; a server-side session carries only a signed id.
            case "encrypted" -> assertThat(session.getValue()).doesNotContain("eyJrZXkiOiAidmFsdWUifQ");
            case "memory" -> assertThat(session.getValue()).hasSizeLessThan(120).doesNotContain("eyJ");
            default -> throw new IllegalArgumentException(backend);
        }
    }

    // ----- the 4 KB limit -----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cookie", "encrypted", "memory"})
    void sessionOverFourKilobytesFailsLoudlyAndTheBrowserKeepsItsCookie(String backend) throws Exception {
        open(demo(backend, "/set-session"));
        String before = browser.cookie("session").orElseThrow().getValue();

        CapturedStderr err = new CapturedStderr();
        String page = err.during(() -> open(demo(backend, "/pad/5000")));
        int status = browser.status();

        if (backend.equals("memory")) {
            // A store keeps the data on the server: no limit, and the cookie is the same small signed id.
            assertThat(status).isEqualTo(200);
            assertThat(browser.cookie("session").orElseThrow().getValue()).isEqualTo(before);
            assertThat(open(demo(backend, "/pad-length"))).isEqualTo("{\"pad\":5000,\"key\":\"value\"}");
            return;
        }
        // Loudly: a 500, and the reason in the log, instead of a cookie the browser would silently drop.
        assertThat(status).isEqualTo(500);
        assertThat(page).isEqualTo("Internal Server Error");
        assertThat(err.text()).contains(SessionTooLargeException.class.getName())
                .containsPattern("The session cookie 'session' would be \\d{4} bytes, over the 4096 bytes browsers "
                        + "keep; they would drop it silently");
        // No Set-Cookie went out, so Chromium still has the previous session, and it still reads back.
        assertThat(browser.cookie("session").orElseThrow().getValue()).isEqualTo(before);
        assertThat(open(demo(backend, "/get-session"))).isEqualTo("{\"key\":\"value\"}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cookie", "encrypted"})
    void sessionJustUnderTheLimitIsStoredAndSentBack(String backend) throws Exception {
        int largest = largestPadThatFits(demos.get(backend));

        assertThat(open(demo(backend, "/pad/" + largest))).isEqualTo("{\"pad\":" + largest + "}");
        assertThat(browser.status()).isEqualTo(200);
        Cookie session = browser.cookie("session").orElseThrow();
        // The whole Set-Cookie header is at most 4096 bytes; without "=" and the attributes ("; path=/;
        // Max-Age=1209600; httponly; samesite=lax", 50 bytes in all) name and value are at most 4046, and come
        // within one base64 step (4 characters) of it. Chromium keeps all of it.
        assertThat(Browser.nameAndValueLength(session)).isBetween(4046 - 3, 4046);
        // Chromium sends the whole cookie back: the server reads every byte of it.
        assertThat(open(demo(backend, "/pad-length"))).isEqualTo("{\"pad\":" + largest + ",\"key\":null}");

        new CapturedStderr().during(() -> open(demo(backend, "/pad/" + (largest + 1))));
        assertThat(browser.status()).isEqualTo(500);
        assertThat(browser.cookie("session").orElseThrow().getValue()).isEqualTo(session.getValue());
    }

    /** The largest {@code /pad/{n}} the middleware accepts, found with a plain HTTP client (no cookies). */
    static int largestPadThatFits(Server server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        int ok = 0;
        int tooLarge = 4096;
        while (tooLarge - ok > 1) {
            int mid = (ok + tooLarge) / 2;
            HttpRequest request = HttpRequest.newBuilder(URI.create(url(server, "/pad/" + mid))).build();
            int status = new CapturedStderr()
                    .during(() -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
            if (status == 200) {
                ok = mid;
            } else {
                assertThat(status).isEqualTo(500);
                tooLarge = mid;
            }
        }
        assertThat(ok).isGreaterThan(2500);
        return ok;
    }

    /**
     * Why the limit exists: a cookie whose name and value pass 4096 bytes is dropped by Chromium without a word
     * (the page loads, nothing is logged, the cookie is simply never stored), while 4096 bytes are kept.
     */
    @Test
    void chromiumSilentlyDropsACookieOverFourKilobytes() {
        IFastAPI app = new IFastAPI();
        app.get("/raw/{n:int}", request -> {
            int n = request.pathParam("n");
            String name = "big" + n;
            return Response.json(Map.of("sent", n))
                    .header("set-cookie", name + "=" + "y".repeat(n - name.length()) + "; Path=/");
        });
        app.get("/seen", request -> Map.of("cookies", request.cookies().keySet()));
        withServer(app, server -> {
            assertThat(open(url(server, "/raw/4096"))).isEqualTo("{\"sent\":4096}");
            assertThat(open(url(server, "/raw/4097"))).isEqualTo("{\"sent\":4097}");
            assertThat(browser.status()).isEqualTo(200);
            assertThat(browser.cookies()).extracting(Cookie::getName).containsExactly("big4096");
            assertThat(open(url(server, "/seen"))).isEqualTo("{\"cookies\":[\"big4096\"]}");
        });
    }

    // ----- Path -----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cookie", "encrypted", "memory"})
    void cookieWithPathAppIsSentOnlyUnderApp(String backend) {
        IFastAPI sub = new IFastAPI();
        sub.addMiddleware(sessions(backend).path("/app").build());
        sub.get("/set", request -> {
            request.session().put("key", "value");
            return Map.of("message", "Session data set");
        });
        sub.get("/get", request -> Json.object("key", request.session().get("key"),
                "cookie", request.cookie("session") != null));

        IFastAPI app = new IFastAPI();
        app.mount("/app", sub);
        app.get("/other", request -> Json.object("cookie", request.cookie("session")));
        app.get("/apple", request -> Json.object("cookie", request.cookie("session")));

        withServer(app, server -> {
            open(url(server, "/app/set"));
            Cookie cookie = browser.cookie("session").orElseThrow();
            assertThat(cookie.getPath()).isEqualTo("/app");
            assertThat(cookie.isHttpOnly()).isTrue();

            // Outside /app the browser does not send it: the handler there sees no cookie.
            assertThat(open(url(server, "/other"))).isEqualTo("{\"cookie\":null}");
            assertThat(browser.cookie("session")).isEmpty();
            // Path matching is by segment: /app does not cover /apple.
            assertThat(open(url(server, "/apple"))).isEqualTo("{\"cookie\":null}");
            // Under /app it is sent and read.
            assertThat(open(url(server, "/app/get"))).isEqualTo("{\"key\":\"value\",\"cookie\":true}");
        });
    }

    // ----- Secure -----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cookie", "encrypted", "memory"})
    void httpsOnlyCookieIsAcceptedOverPlainHttpOnLoopback(String backend) {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(sessions(backend).httpsOnly(true).build());
        app.get("/set", request -> {
            request.session().put("key", "value");
            return Map.of("message", "Session data set");
        });
        app.get("/get", request -> Json.object("key", request.session().get("key")));

        withServer(app, server -> {
            // http://127.0.0.1 is a secure context for Chromium (a loopback address is "potentially trustworthy"),
            // so it stores a Secure cookie set over plain http there, and sends it back over plain http.
            open(url(server, "/set"));
            assertThat(browser.executeScript("return window.isSecureContext")).isEqualTo(true);
            Cookie cookie = browser.cookie("session").orElseThrow();
            assertThat(cookie.isSecure()).isTrue();
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(open(url(server, "/get"))).isEqualTo("{\"key\":\"value\"}");

            // http://localhost likewise (a separate cookie jar entry: another host name).
            browser.navigate("http://localhost:" + server.port() + "/set");
            assertThat(browser.executeScript("return window.isSecureContext")).isEqualTo(true);
            assertThat(browser.cookie("session").orElseThrow().isSecure()).isTrue();
            assertThat(open("http://localhost:" + server.port() + "/get")).isEqualTo("{\"key\":\"value\"}");
        });
    }

    /**
     * What Chromium does with a Secure cookie over plain http on a host that is not loopback ({@code insecure.test},
     * which the browser resolves to 127.0.0.1 but does not treat as local): it refuses to store it. The middleware
     * therefore sends no cookie there at all, and logs why.
     */
    @Test
    void secureCookieIsRefusedOverPlainHttpOnAnotherHost() {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(sessions("cookie").httpsOnly(true).build());
        app.get("/set", request -> {
            request.session().put("key", "value");
            return Map.of("message", "Session data set");
        });
        app.get("/raw-secure", request -> Response.json(Map.of("sent", true))
                .header("set-cookie", "probe=1; Path=/; Secure"));
        app.get("/raw-plain", request -> Response.json(Map.of("sent", true)).header("set-cookie", "plain=1; Path=/"));

        withServer(app, server -> {
            String host = "http://" + Browser.INSECURE_HOST + ":" + server.port();
            browser.navigate(host + "/raw-plain");
            assertThat(browser.executeScript("return window.isSecureContext")).isEqualTo(false);
            browser.navigate(host + "/raw-secure");
            assertThat(browser.status()).isEqualTo(200);
            // Chromium stored the plain cookie and silently refused the Secure one.
            assertThat(browser.cookies()).extracting(Cookie::getName).containsExactly("plain");

            CapturedStderr err = new CapturedStderr();
            assertThat(err.during(() -> open(host + "/set"))).isEqualTo("{\"message\":\"Session data set\"}");
            assertThat(browser.cookie("session")).isEmpty();
            assertThat(err.text()).contains("https_only is on, but", "so no session cookie was sent");
        });
    }

    // ----- the debug page -----

    @Test
    void debugPageNamesTheMissingMiddlewareAndShowsTheFix() throws Exception {
        IFastAPI app = new IFastAPI().debug(true);
        app.get("/needs-session", request -> Json.object("key", request.session().get("key")));

        withServer(app, server -> {
            new CapturedStderr().during(() -> {
                browser.navigate(url(server, "/needs-session"));
                return null;
            });
            assertThat(browser.status()).isEqualTo(500);
            String text = browser.pageText();
            assertThat(text).contains("500 Internal Server Error")
                    .contains("SessionMiddleware must be installed to access request.session")
                    .contains("app.addMiddleware(SessionMiddleware.builder()")
                    .contains("Shown because debug is on");
            Path png = browser.saveScreenshot(Path.of("target", "browser", "debug-error-page.png"));
            assertThat(Files.size(png)).isGreaterThan(5_000);
        });
    }

    // ----- helpers -----

    interface ServerTest {
        void run(Server server) throws Exception;
    }

    static void withServer(IFastAPI app, ServerTest test) {
        Server server = app.start(ServerConfig.defaults().port(0));
        try {
            test.run(server);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            stopInBackground(server);
        }
    }
}
