package io.ifastapi.testclient;

import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.SetCookie;
import io.ifastapi.testsupport.MutableClock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client itself: what it sends, redirects, exceptions, lifespan, cookies across requests, transports. Its
 * over-the-network transports need a server adapter: {@link TestClientOverNetworkTest}.
 */
class TestClientTest {

    /** Echoes what the app saw of the request. */
    private static IFastAPI echoApp() {
        var app = new IFastAPI();
        app.route("/echo/{rest:path}", List.of("GET", "POST", "PUT", "PATCH", "DELETE"), request -> {
            List<List<String>> headers = new ArrayList<>();
            request.headers().forEach((name, value) -> headers.add(List.of(name, value)));
            return Json.object("method", request.method(), "url", request.url().toString(),
                    "rawPath", request.url().path(), "query", request.url().query(), "headers", headers,
                    "client", request.client().toString(), "body", request.text(), "cookies", request.cookies());
        });
        return app;
    }

    /** The headers the echo app saw, as [name, value] pairs. */
    @SuppressWarnings("unchecked")
    private static List<Object> headersOf(Map<String, Object> seen) {
        return (List<Object>) seen.get("headers");
    }

    @Nested
    class WhatIsSent {
        @Test
        void starlettesDefaultHeadersAndClientAddress() {
            try (var client = new TestClient(echoApp())) {
                Map<String, Object> seen = client.get("/echo/x").json();

                assertThat(seen.get("headers")).isEqualTo(List.of(List.of("host", "testserver"),
                        List.of("accept", "*/*"), List.of("accept-encoding", "gzip, deflate"),
                        List.of("connection", "keep-alive"), List.of("user-agent", "testclient")));
                assertThat(seen).containsEntry("client", "testclient:50000")
                        .containsEntry("url", "http://testserver/echo/x");
            }
        }

        @Test
        void aBodyAddsItsTypeAndLength() {
            try (var client = new TestClient(echoApp())) {
                Map<String, Object> seen = client.post("/echo/x", Map.of("a", 1)).json();

                assertThat(headersOf(seen)).contains(List.of("content-type", "application/json"),
                        List.of("content-length", "7"));
                assertThat(seen).containsEntry("body", "{\"a\":1}");
            }
        }

        @Test
        void aPostWithoutBodySaysItsLengthIsZeroAsHttpxDoes() {
            try (var client = new TestClient(echoApp())) {
                assertThat(headersOf(client.post("/echo/x").send().json()))
                        .contains(List.of("content-length", "0"));
            }
        }

        @Test
        void theTestsHeadersReplaceTheDefaults() {
            try (var client = new TestClient(echoApp())) {
                List<Object> headers = headersOf(client.request("GET", "/echo/x").header("User-Agent", "mine")
                        .header("X-A", "1").header("X-A", "2").send().json());

                assertThat(headers).contains(List.of("User-Agent", "mine"), List.of("X-A", "1"), List.of("X-A", "2"))
                        .doesNotContain(List.of("user-agent", "testclient"));
            }
        }

        @Test
        void theBaseUrlIsConfigurable() {
            try (var client = new TestClient(echoApp(), "https://example.com:8443")) {
                Map<String, Object> seen = client.get("/echo/x").json();

                assertThat(seen).containsEntry("url", "https://example.com:8443/echo/x");
                assertThat(headersOf(seen)).contains(List.of("host", "example.com:8443"));
            }
        }

        @Test
        void aBaseUrlWithAPathPrefixesEveryRequest() {
            try (var client = TestClient.builder(echoApp()).baseUrl("http://testserver/echo/").build()) {
                assertThat(client.get("/items").json()).containsEntry("rawPath", "/echo/items");
            }
        }

        @Test
        void anAbsoluteUrlStillReachesTheAppWithItsHost() {
            try (var client = new TestClient(echoApp())) {
                Map<String, Object> seen = client.get("http://other.example:81/echo/x").json();

                assertThat(seen).containsEntry("url", "http://other.example:81/echo/x");
                assertThat(headersOf(seen)).contains(List.of("host", "other.example:81"));
            }
        }

        @Test
        void queryParametersAreFormEncoded() {
            try (var client = new TestClient(echoApp())) {
                Map<String, Object> seen = client.request("GET", "/echo/x?keep=1").query("q", "a b&c").query("q", "é")
                        .query("n", 5).send().json();

                assertThat(seen).containsEntry("query", "keep=1&q=a+b%26c&q=%C3%A9&n=5");
            }
        }

        @Test
        void charactersThatCannotBeSentRawAreEncodedAndTheFragmentIsDropped() {
            try (var client = new TestClient(echoApp())) {
                Map<String, Object> seen = client.get("/echo/a b/é?q=c d#section").json();

                assertThat(seen).containsEntry("rawPath", "/echo/a%20b/%C3%A9").containsEntry("query", "q=c%20d");
            }
        }

        @Test
        void formValuesThatAreListsRepeatTheName() {
            try (var client = new TestClient(echoApp())) {
                Map<String, Object> seen = client.post("/echo/x").form(Json.object("a", List.of(1, 2), "b", "x y"))
                        .send().json();

                assertThat(seen).containsEntry("body", "a=1&a=2&b=x+y");
                assertThat(headersOf(seen))
                        .contains(List.of("content-type", "application/x-www-form-urlencoded"));
            }
        }
    }

    @Nested
    class Redirects {
        private IFastAPI app() {
            var app = new IFastAPI();
            app.get("/a", request -> Response.redirect("/b", 302));
            app.get("/b", request -> Response.redirect("/c", 301));
            app.get("/c", request -> "c");
            app.route("/to/{status:int}", List.of("GET", "POST", "PUT", "HEAD"),
                    request -> Response.redirect("/target", request.pathParam("status", Integer.class)));
            app.route("/target", List.of("GET", "POST", "PUT", "HEAD"), request -> Response.json(Json.object(
                    "method", request.method(), "body", request.text(),
                    "contentType", request.header("content-type"))).header("X-Method", request.method()));
            return app;
        }

        @Test
        void aChainIsFollowedAndRecorded() {
            try (var client = new TestClient(app())) {
                TestResponse response = client.get("/a");

                assertThat(response.json(String.class)).isEqualTo("c");
                assertThat(response.url().path()).isEqualTo("/c");
                assertThat(response.history()).extracting(TestResponse::status).containsExactly(302, 301);
                assertThat(response.history()).extracting(r -> r.url().path()).containsExactly("/a", "/b");
                assertThat(response.history().get(0).isRedirect()).isTrue();
            }
        }

        @Test
        void followingCanBeTurnedOffPerClientOrPerRequest() {
            try (var notFollowing = TestClient.builder(app()).followRedirects(false).build();
                 var following = new TestClient(app())) {
                TestResponse kept = notFollowing.get("/a");
                assertThat(kept.status()).isEqualTo(302);
                assertThat(kept.header("location")).isEqualTo("/b");
                assertThat(kept.history()).isEmpty();

                assertThat(following.request("GET", "/a").followRedirects(false).send().status()).isEqualTo(302);
                assertThat(notFollowing.request("GET", "/a").followRedirects(true).send().json(String.class))
                        .isEqualTo("c");
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {302, 303})
        void a302Or303TurnsAPostIntoAGetWithoutBody(int status) {
            try (var client = new TestClient(app())) {
                Map<String, Object> seen = client.post("/to/" + status, Map.of("a", 1)).json();

                assertThat(seen).containsEntry("method", "GET").containsEntry("body", "").containsEntry("contentType", null);
            }
        }

        @Test
        void a303TurnsAPutIntoAGetAndAHeadStaysAHead() {
            try (var client = new TestClient(app())) {
                assertThat(client.put("/to/303", Map.of("a", 1)).json()).containsEntry("method", "GET");
                assertThat(client.head("/to/303").header("x-method")).isEqualTo("HEAD");
            }
        }

        @Test
        void a301TurnsOnlyAPostIntoAGet() {
            try (var client = new TestClient(app())) {
                assertThat(client.post("/to/301", Map.of("a", 1)).json()).containsEntry("method", "GET");
                assertThat(client.put("/to/301", Map.of("a", 1)).json()).containsEntry("method", "PUT");
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {307, 308})
        void a307Or308RepeatsTheMethodAndTheBody(int status) {
            try (var client = new TestClient(app())) {
                Map<String, Object> seen = client.post("/to/" + status, Map.of("a", 1)).json();

                assertThat(seen).containsEntry("method", "POST").containsEntry("body", "{\"a\":1}")
                        .containsEntry("contentType", "application/json");
            }
        }

        @Test
        void aStreamedBodyCannotBeSentAgainFor307() {
            try (var client = new TestClient(app())) {
                assertThatThrownBy(() -> client.post("/to/307")
                        .body(new ByteArrayInputStream(new byte[3]), "application/octet-stream").send())
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("streamed body");
            }
        }

        @Test
        void relativeAndSchemeRelativeLocationsAreResolved() {
            var app = new IFastAPI();
            app.get("/a/b/c", request -> Response.redirect("../d?x=1", 302));
            app.get("/a/d", request -> request.url().toString());
            app.get("/elsewhere", request -> Response.redirect("//other.example/landing", 302));
            app.get("/landing", request -> request.url().toString());
            try (var client = new TestClient(app)) {
                assertThat(client.get("/a/b/c").json(String.class)).isEqualTo("http://testserver/a/d?x=1");
                assertThat(client.get("/elsewhere").json(String.class)).isEqualTo("http://other.example/landing");
            }
        }

        @Test
        void endlessRedirectsStopAtTheLimit() {
            var app = new IFastAPI();
            app.get("/loop", request -> Response.redirect("/loop", 302));
            try (var client = new TestClient(app);
                 var strict = TestClient.builder(app).maxRedirects(3).build()) {
                assertThatThrownBy(() -> client.get("/loop")).isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("Exceeded 20 redirects");
                assertThatThrownBy(() -> strict.get("/loop")).hasMessageStartingWith("Exceeded 3 redirects");
            }
        }

        @Test
        void cookiesAreStoredAtEveryHop() {
            var app = new IFastAPI();
            app.post("/login", request -> Response.redirect("/welcome", 303).setCookie("user", "alice"));
            app.get("/welcome", request -> Response.redirect("/me", 302)
                    .setCookie("greeted", "yes-" + request.cookie("user")));
            app.get("/me", request -> request.cookies());
            try (var client = new TestClient(app)) {
                TestResponse response = client.post("/login").send();

                assertThat(response.json()).isEqualTo(Map.of("user", "alice", "greeted", "yes-alice"));
                assertThat(response.history().get(0).cookie("user")).isPresent();
                assertThat(response.history().get(1).cookie("greeted")).isPresent();
            }
        }

        @Test
        void aRequestsOwnCookiesAreNotSentToAnotherOrigin() {
            var app = new IFastAPI();
            app.get("/go", request -> Response.redirect("http://other.example/whoami", 302));
            app.get("/whoami", request -> request.cookies());
            try (var client = new TestClient(app)) {
                assertThat(client.request("GET", "/go").cookie("token", "t").send().json()).isEmpty();
            }
        }
    }

    @Nested
    class Exceptions {
        @Test
        void theHandlersOwnUncheckedExceptionReachesTheTest() {
            var thrown = new IllegalArgumentException("bad");
            var app = new IFastAPI();
            app.get("/", request -> {
                throw thrown;
            });
            try (var client = new TestClient(app)) {
                assertThatThrownBy(() -> client.get("/")).isSameAs(thrown);
            }
        }

        @Test
        void anErrorReachesTheTestAsItIs() {
            var app = new IFastAPI();
            app.get("/", request -> {
                throw new AssertionError("inside the app");
            });
            try (var client = new TestClient(app)) {
                assertThatThrownBy(() -> client.get("/")).isInstanceOf(AssertionError.class).hasMessage("inside the app");
            }
        }

        @Test
        void aCheckedExceptionIsTheCauseOfAServerException() {
            var app = new IFastAPI();
            app.get("/", request -> {
                throw new IOException("disk");
            });
            try (var client = new TestClient(app)) {
                assertThatThrownBy(() -> client.get("/")).isInstanceOf(ServerException.class)
                        .hasMessage("The app raised java.io.IOException: disk")
                        .cause().isInstanceOf(IOException.class);
            }
        }

        @Test
        void anExceptionFromAMiddlewareReachesTheTestToo() {
            var app = new IFastAPI();
            app.addMiddleware((request, next) -> {
                throw new IllegalStateException("middleware broke");
            });
            app.get("/", request -> "ok");
            try (var client = new TestClient(app)) {
                assertThatThrownBy(() -> client.get("/")).hasMessage("middleware broke");
            }
        }

        @Test
        void withoutRaisingTheTestGetsThe500() {
            var app = new IFastAPI();
            app.get("/", request -> {
                throw new IllegalStateException("boom");
            });
            try (var client = TestClient.builder(app).raiseServerExceptions(false).build()) {
                TestResponse response = client.get("/");

                assertThat(response.status()).isEqualTo(500);
                assertThat(response.text()).isEqualTo("Internal Server Error");
            }
        }

        @Test
        void aHandledExceptionIsNotRaised() {
            var app = new IFastAPI();
            app.exceptionHandler(IllegalStateException.class, (request, e) -> Response.text("handled", 409));
            app.get("/", request -> {
                throw new IllegalStateException("boom");
            });
            try (var client = new TestClient(app)) {
                assertThat(client.get("/").status()).isEqualTo(409);
            }
        }
    }

    @Nested
    class Lifespan {
        @Test
        void startupRunsWhenTheClientIsMadeAndShutdownWhenItIsClosedOnce() {
            List<String> events = new ArrayList<>();
            var app = new IFastAPI();
            app.onStartup(() -> events.add("startup"));
            app.onShutdown(() -> events.add("shutdown"));

            var client = new TestClient(app);
            assertThat(events).containsExactly("startup");
            client.close();
            client.close();

            assertThat(events).containsExactly("startup", "shutdown");
        }

        @Test
        void aFailingStartupHookFailsTheClient() {
            var unchecked = new IFastAPI();
            unchecked.onStartup(() -> {
                throw new IllegalStateException("no database");
            });
            var checked = new IFastAPI();
            checked.onStartup(() -> {
                throw new IOException("no disk");
            });

            assertThatThrownBy(() -> new TestClient(unchecked)).hasMessage("no database");
            assertThatThrownBy(() -> new TestClient(checked)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("startup hook failed").cause().isInstanceOf(IOException.class);
        }
    }

    @Nested
    class CookiesAcrossRequests {
        private IFastAPI app() {
            var app = new IFastAPI();
            app.get("/login", request -> Response.json(Map.of())
                    .setCookie(SetCookie.of("sid", "s1").secure(true).httpOnly(true))
                    .setCookie(SetCookie.of("short", "x").maxAge(60)));
            app.get("/me", Request::cookies);
            app.get("/clear", request -> Response.json(Map.of()).header("Set-Cookie",
                    "session=null; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=lax"));
            return app;
        }

        @Test
        void anHttpsBaseUrlSendsSecureCookiesBackButNotToHttp() {
            try (var client = new TestClient(app(), "https://example.com")) {
                client.get("/login");

                assertThat(client.get("/me").json()).containsEntry("sid", "s1");
                assertThat(client.get("http://example.com/me").json()).doesNotContainKey("sid");
            }
        }

        @Test
        void overHttpASecureCookieIsNotKept() {
            try (var client = new TestClient(app())) {
                client.get("/login");

                assertThat(client.cookies().get("sid")).isNull();
                assertThat(client.get("/me").json()).doesNotContainKey("sid").containsEntry("short", "x");
            }
        }

        @Test
        void cookiesExpireByTheClientsClock() {
            var clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
            try (var client = TestClient.builder(app()).clock(clock).build()) {
                client.get("/login");
                assertThat(client.get("/me").json()).containsEntry("short", "x");

                clock.advance(Duration.ofSeconds(61));

                assertThat(client.get("/me").json()).doesNotContainKey("short");
            }
        }

        @Test
        void theSessionMiddlewaresClearedCookieDeletesTheStoredOne() {
            try (var client = new TestClient(app())) {
                client.cookies().set("session", "abc");

                client.get("/clear");

                assertThat(client.cookies().get("session")).isNull();
                assertThat(client.get("/me").json()).isEmpty();
            }
        }

        @Test
        void aRequestCookieOverridesTheJarForThatRequestOnly() {
            try (var client = new TestClient(app())) {
                client.cookies().set("a", "1");

                assertThat(client.request("GET", "/me").cookie("a", "2").send().json()).containsEntry("a", "2");
                assertThat(client.get("/me").json()).containsEntry("a", "1");
            }
        }

        @Test
        void anExplicitCookieHeaderReplacesTheJar() {
            try (var client = new TestClient(app())) {
                client.cookies().set("a", "1");

                assertThat(client.request("GET", "/me").header("Cookie", "x=9").send().json()).isEqualTo(Map.of("x", "9"));
            }
        }

        @Test
        void hostOnlyCookiesStayWithTheirHost() {
            var app = new IFastAPI();
            app.get("/set", request -> Response.json(Map.of()).setCookie("c", "1"));
            app.get("/me", Request::cookies);
            try (var client = new TestClient(app)) {
                client.get("http://a.example/set");

                assertThat(client.get("http://a.example/me").json()).containsEntry("c", "1");
                assertThat(client.get("http://b.example/me").json()).isEmpty();
                assertThat(client.get("http://sub.a.example/me").json()).isEmpty();
            }
        }
    }

    @Nested
    class Responses {
        @Test
        void gzipAndDeflateBodiesAreDecodedAndTheHeaderKept() throws IOException {
            byte[] text = "compressed text ".repeat(50).getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream gzip = new ByteArrayOutputStream();
            try (var out = new GZIPOutputStream(gzip)) {
                out.write(text);
            }
            ByteArrayOutputStream deflate = new ByteArrayOutputStream();
            try (var out = new DeflaterOutputStream(deflate)) {
                out.write(text);
            }
            var app = new IFastAPI();
            app.get("/gzip", request -> Response.bytes(gzip.toByteArray(), "text/plain; charset=utf-8", 200)
                    .header("Content-Encoding", "gzip"));
            app.get("/deflate", request -> Response.bytes(deflate.toByteArray(), "text/plain; charset=utf-8", 200)
                    .header("Content-Encoding", "deflate"));
            try (var client = new TestClient(app)) {
                TestResponse response = client.get("/gzip");
                assertThat(response.header("content-encoding")).isEqualTo("gzip");
                assertThat(response.bytes()).isEqualTo(text);
                assertThat(client.get("/deflate").bytes()).isEqualTo(text);
            }
        }

        @Test
        void jsonOfABodyThatIsNotJsonSaysWhatTheBodyWas() {
            var app = new IFastAPI();
            app.get("/text", request -> Response.text("plain words"));
            try (var client = new TestClient(app)) {
                assertThatThrownBy(() -> client.get("/text").json()).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("is not JSON").hasMessageContaining("Body: plain words");
            }
        }

        @Test
        void theResponseNamesItsRequestWhenPrinted() {
            var app = new IFastAPI();
            try (var client = new TestClient(app)) {
                assertThat(client.get("/x")).hasToString("TestResponse[404 for GET http://testserver/x]");
            }
        }
    }

    @Nested
    class Lifecycle {
        @Test
        void aRequestBuiltButNeverSentFailsClose() {
            var client = new TestClient(new IFastAPI());
            client.post("/forgotten").form(Map.of("a", "1"));

            assertThatThrownBy(client::close).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("never sent").hasMessageContaining("POST /forgotten");
        }

        @Test
        void aClosedClientSendsNothing() {
            var client = new TestClient(new IFastAPI());
            client.close();

            assertThatThrownBy(() -> client.get("/")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }

        @Test
        void aBaseUrlIsOnlyForTheInProcessClient() {
            assertThatThrownBy(() -> TestClient.builder(new IFastAPI()).overNetwork().baseUrl("http://x").build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("baseUrl");
            assertThatThrownBy(() -> new TestClient(new IFastAPI(), "testserver"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
        }
    }
}
