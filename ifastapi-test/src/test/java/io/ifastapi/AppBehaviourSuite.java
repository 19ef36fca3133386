package io.ifastapi;

import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Headers;
import io.ifastapi.forms.FormData;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.SameSite;
import io.ifastapi.http.SetCookie;
import io.ifastapi.http.StreamingBody;
import io.ifastapi.http.URL;
import io.ifastapi.json.Json;
import io.ifastapi.routing.Router;
import io.ifastapi.http.SessionNotInstalledException;
import io.ifastapi.testclient.ResponseCookie;
import io.ifastapi.testclient.ServerException;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import io.ifastapi.testsupport.CapturedStderr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an app does, as a client sees it, asserted through every transport: each concrete subclass runs every test
 * here (the nested classes too) with its own kind of {@link TestClient}, so in-process and over-the-socket answers
 * must agree.
 */
public abstract class AppBehaviourSuite {
    record Item(String name, int price) {
    }

    private final List<TestClient> clients = new ArrayList<>();

    /** A client builder for {@code app} over the transport under test. */
    protected abstract TestClient.Builder builder(IFastAPI app);

    /** A client that rethrows the app's unhandled exceptions (the default). */
    protected TestClient client(IFastAPI app) {
        return track(builder(app).build());
    }

    /** A client that returns the 500 instead of rethrowing. */
    protected TestClient lenientClient(IFastAPI app) {
        return track(builder(app).raiseServerExceptions(false).build());
    }

    protected TestClient notFollowingRedirects(IFastAPI app) {
        return track(builder(app).followRedirects(false).build());
    }

    private TestClient track(TestClient client) {
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClients() {
        for (TestClient client : clients) {
            client.close();
        }
    }

    /** What the Host header and the request URL say for this client's base URL. */
    static String hostHeader(URL base) {
        return base.defaultPort() ? base.host() : base.host() + ":" + base.port();
    }

    @Nested
    class HandlerReturnValues {
        @Test
        void aRecordIsSentAsJson() {
            var app = new IFastAPI();
            app.get("/item", request -> new Item("Foo", 42));

            TestResponse response = client(app).get("/item");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.text()).isEqualTo("{\"name\":\"Foo\",\"price\":42}");
            assertThat(response.json(Item.class)).isEqualTo(new Item("Foo", 42));
        }

        @Test
        void aMapWithANullValueKeepsTheKey() {
            var app = new IFastAPI();
            app.get("/session-like", request -> Json.object("key", null));

            TestResponse response = client(app).get("/session-like");

            assertThat(response.text()).isEqualTo("{\"key\":null}");
            assertThat(response.json()).containsEntry("key", null);
        }

        @Test
        void aListIsAJsonArray() {
            var app = new IFastAPI();
            app.get("/list", request -> Arrays.asList(1, "two", null));

            TestResponse response = client(app).get("/list");

            assertThat(response.text()).isEqualTo("[1,\"two\",null]");
            assertThat(response.json(List.class)).containsExactly(1, "two", null);
        }

        @Test
        void aStringIsAJsonString() {
            var app = new IFastAPI();
            app.get("/string", request -> "hello");

            TestResponse response = client(app).get("/string");

            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.text()).isEqualTo("\"hello\"");
        }

        @Test
        void numbersAreJsonNumbers() {
            var app = new IFastAPI();
            app.get("/int", request -> 42);
            app.get("/double", request -> 1.5);

            TestClient client = client(app);

            assertThat(client.get("/int").text()).isEqualTo("42");
            assertThat(client.get("/double").text()).isEqualTo("1.5");
        }

        @Test
        void nullIsJsonNull() {
            var app = new IFastAPI();
            app.get("/nothing", request -> null);

            TestResponse response = client(app).get("/nothing");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.text()).isEqualTo("null");
        }

        @Test
        void aResponseIsSentAsIs() {
            var app = new IFastAPI();
            app.get("/page", request -> Response.html("<b>hi</b>", 202).header("X-Custom", "yes"));

            TestResponse response = client(app).get("/page");

            assertThat(response.status()).isEqualTo(202);
            assertThat(response.header("content-type")).isEqualTo("text/html; charset=utf-8");
            assertThat(response.header("x-custom")).isEqualTo("yes");
            assertThat(response.text()).isEqualTo("<b>hi</b>");
        }

        @Test
        void oneRouteCanServeSeveralMethods() {
            var app = new IFastAPI();
            app.route("/x", List.of("GET", "POST"), Request::method);

            TestClient client = client(app);

            assertThat(client.get("/x").json(String.class)).isEqualTo("GET");
            assertThat(client.post("/x").send().json(String.class)).isEqualTo("POST");
            TestResponse put = client.put("/x").send();
            assertThat(put.status()).isEqualTo(405);
            assertThat(put.header("allow")).contains("GET").contains("POST");
        }

        @Test
        void statusCodeAppliesToThePlainReturnValue() {
            var app = new IFastAPI();
            app.post("/items", request -> request.json(Item.class)).statusCode(201);

            TestResponse response = client(app).post("/items", new Item("Bar", 3));

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.json(Item.class)).isEqualTo(new Item("Bar", 3));
        }

        @ParameterizedTest
        @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
        void eachMethodHasItsRegistrationHelper(String method) {
            var app = new IFastAPI();
            app.get("/m", request -> "GET");
            app.post("/m", request -> "POST");
            app.put("/m", request -> "PUT");
            app.patch("/m", request -> "PATCH");
            app.delete("/m", request -> "DELETE");
            app.options("/m", request -> "OPTIONS");

            TestResponse response = client(app).request(method, "/m").send();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json(String.class)).isEqualTo(method);
        }

        @Test
        void aHeadRouteAnswersHead() {
            var app = new IFastAPI();
            app.head("/h", request -> Response.empty(200).header("X-Head", "1"));

            TestClient client = client(app);

            assertThat(client.head("/h").header("x-head")).isEqualTo("1");
            assertThat(client.get("/h").status()).isEqualTo(405);
        }
    }

    @Nested
    class Routing {
        @Test
        void anIntParameterIsConvertedToAnInteger() {
            var app = new IFastAPI();
            app.get("/items/{id:int}", request -> Json.object(
                    "id", request.pathParam("id", Integer.class) + 1,
                    "type", request.pathParam("id").getClass().getSimpleName()));

            assertThat(client(app).get("/items/41").json()).containsEntry("id", 42).containsEntry("type", "Integer");
        }

        @Test
        void aStrParameterIsPercentDecoded() {
            var app = new IFastAPI();
            app.get("/users/{name:str}", request -> request.pathParam("name"));

            assertThat(client(app).get("/users/J%C3%BCrgen%20K").json(String.class)).isEqualTo("Jürgen K");
        }

        @Test
        void aPathParameterTakesTheRestWithSlashes() {
            var app = new IFastAPI();
            app.get("/files/{rest:path}", request -> request.pathParam("rest"));

            assertThat(client(app).get("/files/a/b/c.txt").json(String.class)).isEqualTo("a/b/c.txt");
        }

        @Test
        void aUuidParameterIsConvertedToAUuid() {
            var app = new IFastAPI();
            app.get("/things/{id:uuid}", request -> Json.object(
                    "id", request.pathParam("id", UUID.class).toString(),
                    "type", request.pathParam("id").getClass().getSimpleName()));
            UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

            TestClient client = client(app);

            assertThat(client.get("/things/" + id).json()).containsEntry("id", id.toString()).containsEntry("type", "UUID");
            assertThat(client.get("/things/not-a-uuid").status()).isEqualTo(404);
        }

        @Test
        void aFloatParameterIsConvertedToADouble() {
            var app = new IFastAPI();
            app.get("/scale/{x:float}", request -> request.pathParam("x", Double.class) * 2);

            TestClient client = client(app);

            assertThat(client.get("/scale/1.25").text()).isEqualTo("2.5");
            assertThat(client.get("/scale/2").text()).isEqualTo("4.0");
        }

        @Test
        void aValueTheConverterRejectsIsNotFound() {
            var app = new IFastAPI();
            app.get("/items/{id:int}", request -> request.pathParam("id"));

            TestResponse response = client(app).get("/items/abc");

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.text()).isEqualTo("{\"detail\":\"Not Found\"}");
        }

        @Test
        void theFirstRegisteredRouteWins() {
            var paramFirst = new IFastAPI();
            paramFirst.get("/items/{name}", request -> "param");
            paramFirst.get("/items/special", request -> "static");
            var staticFirst = new IFastAPI();
            staticFirst.get("/items/special", request -> "static");
            staticFirst.get("/items/{name}", request -> "param");

            assertThat(client(paramFirst).get("/items/special").json(String.class)).isEqualTo("param");
            assertThat(client(staticFirst).get("/items/special").json(String.class)).isEqualTo("static");
        }

        @Test
        void anUnknownPathIsA404WithFastApisBody() {
            TestResponse response = client(new IFastAPI()).get("/nowhere");

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.text()).isEqualTo("{\"detail\":\"Not Found\"}");
        }

        @Test
        void anotherMethodIsA405ListingTheAllowedOnes() {
            var app = new IFastAPI();
            app.get("/only-get", request -> "ok");
            app.put("/only-get", request -> "ok");

            TestResponse response = client(app).post("/only-get").send();

            assertThat(response.status()).isEqualTo(405);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.text()).isEqualTo("{\"detail\":\"Method Not Allowed\"}");
            assertThat(response.header("allow").split(",\\s*")).containsExactlyInAnyOrder("GET", "HEAD", "PUT");
        }

        @Test
        void headIsAnsweredByTheGetRouteWithoutBodyAndWithTheSameHeaders() {
            var app = new IFastAPI();
            app.get("/item", request -> Response.json(new Item("Foo", 42)).header("X-Extra", "1"));
            TestClient client = client(app);

            TestResponse get = client.get("/item");
            TestResponse head = client.head("/item");

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.bytes()).isEmpty();
            assertThat(head.header("content-type")).isEqualTo(get.header("content-type"));
            assertThat(head.header("x-extra")).isEqualTo("1");
            assertThat(head.header("content-length")).isEqualTo(get.header("content-length"))
                    .isEqualTo(Integer.toString(get.bytes().length));
        }

        /**
         * A HEAD never runs a streaming body, however large the GET would be (50 MiB here): the writer records whether
         * it ran. The Content-Length is the app's when it set one, else absent (known only by producing the content).
         */
        @Test
        void headOnAStreamingResponseNeverRunsTheStream() {
            int size = 50 * 1024 * 1024;
            AtomicInteger runs = new AtomicInteger();
            StreamingBody fiftyMiB = out -> {
                runs.incrementAndGet();
                byte[] chunk = new byte[64 * 1024];
                for (int written = 0; written < size; written += chunk.length) {
                    out.write(chunk);
                }
            };
            var app = new IFastAPI();
            app.get("/big", request -> Response.stream("application/octet-stream", fiftyMiB).header("X-Kind", "big"));
            app.get("/sized", request -> Response.stream("application/octet-stream", fiftyMiB)
                    .header("Content-Length", Integer.toString(size)));
            app.get("/small", request -> Response.stream("text/plain; charset=utf-8", out -> {
                runs.incrementAndGet();
                out.write("ran".getBytes(StandardCharsets.UTF_8));
            }));
            TestClient client = client(app);

            TestResponse head = client.head("/big");
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.bytes()).isEmpty();
            assertThat(head.header("content-type")).isEqualTo("application/octet-stream");
            assertThat(head.header("x-kind")).isEqualTo("big");
            assertThat(head.header("content-length")).isNull();

            TestResponse sized = client.head("/sized");
            assertThat(sized.status()).isEqualTo(200);
            assertThat(sized.bytes()).isEmpty();
            assertThat(sized.header("content-length")).isEqualTo("52428800");

            assertThat(runs).as("no HEAD ran the stream").hasValue(0);
            assertThat(client.get("/small").text()).as("the same client and connection go on").isEqualTo("ran");
            assertThat(runs).as("a GET does run it").hasValue(1);
        }

        @Test
        void aTrailingSlashRedirectsToThePathWithoutItKeepingTheQuery() {
            var app = new IFastAPI();
            app.get("/items", request -> "items:" + request.queryParam("q"));

            TestClient client = notFollowingRedirects(app);
            TestResponse redirect = client.get("/items/?q=1");

            assertThat(redirect.status()).isEqualTo(307);
            assertThat(redirect.header("location")).isEqualTo(client.baseUrl() + "/items?q=1");

            TestResponse followed = client(app).get("/items/?q=1");
            assertThat(followed.json(String.class)).isEqualTo("items:1");
            assertThat(followed.history()).extracting(TestResponse::status).containsExactly(307);
        }

        @Test
        void aMissingTrailingSlashRedirectsToThePathWithIt() {
            var app = new IFastAPI();
            app.get("/dir/", request -> "dir");

            TestClient client = notFollowingRedirects(app);
            TestResponse redirect = client.get("/dir");

            assertThat(redirect.status()).isEqualTo(307);
            assertThat(redirect.header("location")).isEqualTo(client.baseUrl() + "/dir/");
            assertThat(client(app).get("/dir").json(String.class)).isEqualTo("dir");
        }

        @Test
        void withoutRedirectSlashesTheOtherSpellingIsNotFound() {
            var app = new IFastAPI().redirectSlashes(false);
            app.get("/items", request -> "items");

            assertThat(notFollowingRedirects(app).get("/items/").status()).isEqualTo(404);
        }

        @Test
        void aRouterWithAPrefixIsIncluded() {
            var users = new Router("/users");
            users.get("/{id:int}", request -> Json.object("user", request.pathParam("id")));
            var app = new IFastAPI().include(users);

            assertThat(client(app).get("/users/7").json()).containsEntry("user", 7);
        }

        @Test
        void aRouterIsIncludedUnderAnExtraPrefix() {
            var users = new Router("/users");
            users.get("/{id:int}", request -> Json.object("user", request.pathParam("id")));
            var app = new IFastAPI().include(users, "/v1");

            TestClient client = client(app);

            assertThat(client.get("/v1/users/7").json()).containsEntry("user", 7);
            assertThat(client.get("/users/7").status()).isEqualTo(404);
        }

        @Test
        void aMountedAppSeesItsRootPathAndRunsItsOwnMiddleware() {
            var sub = new IFastAPI();
            sub.addMiddleware((request, next) -> next.handle(request).header("X-Sub-App", "yes"));
            sub.get("/info", request -> Json.object(
                    "rootPath", request.rootPath(), "path", request.path(), "routePath", request.routePath()));
            var app = new IFastAPI();
            app.get("/info", request -> "main");
            app.mount("/sub", sub);

            TestClient client = client(app);
            TestResponse mounted = client.get("/sub/info");
            TestResponse main = client.get("/info");

            assertThat(mounted.json()).containsEntry("rootPath", "/sub").containsEntry("path", "/sub/info")
                    .containsEntry("routePath", "/info");
            assertThat(mounted.header("x-sub-app")).isEqualTo("yes");
            assertThat(main.json(String.class)).isEqualTo("main");
            assertThat(main.header("x-sub-app")).isNull();
            assertThat(client.get("/sub/missing").status()).isEqualTo(404);
        }
    }

    @Nested
    class Requests {
        @Test
        void theUrlIsSplitIntoItsParts() {
            var app = new IFastAPI();
            app.get("/inspect/{name}", request -> Json.object(
                    "method", request.method(), "scheme", request.scheme(), "host", request.url().host(),
                    "port", request.url().port(), "path", request.path(), "rawPath", request.url().path(),
                    "query", request.url().query(), "url", request.url().toString()));
            TestClient client = client(app);
            URL base = client.baseUrl();

            Map<String, Object> parts = client.get("/inspect/a%20b?x=1&y=%20").json();

            assertThat(parts).containsEntry("method", "GET").containsEntry("scheme", base.scheme())
                    .containsEntry("host", base.host()).containsEntry("port", base.port())
                    .containsEntry("path", "/inspect/a b").containsEntry("rawPath", "/inspect/a%20b")
                    .containsEntry("query", "x=1&y=%20")
                    .containsEntry("url", base + "/inspect/a%20b?x=1&y=%20");
        }

        @Test
        void headersAreCaseInsensitiveAndKeepRepeatedValues() {
            var app = new IFastAPI();
            app.get("/headers", request -> Json.object(
                    "all", request.headers().getAll("X-TAG"), "first", request.header("x-TaG"),
                    "userAgent", request.header("User-Agent"), "host", request.header("HOST")));
            TestClient client = client(app);

            Map<String, Object> seen = client.request("GET", "/headers").header("X-Tag", "a").header("x-tag", "b")
                    .send().json();

            assertThat(seen).containsEntry("all", List.of("a", "b")).containsEntry("first", "a")
                    .containsEntry("userAgent", "testclient").containsEntry("host", hostHeader(client.baseUrl()));
        }

        @Test
        void repeatedQueryParametersAreAllKept() {
            var app = new IFastAPI();
            app.get("/search", request -> Json.object(
                    "tags", request.queryParams().getAll("tag"), "q", request.queryParam("q"),
                    "single", request.queryParams().toSingleValueMap()));

            Map<String, Object> seen = client(app).request("GET", "/search?tag=a&tag=b").query("q", "a b&c").send()
                    .json();

            assertThat(seen).containsEntry("tags", List.of("a", "b")).containsEntry("q", "a b&c")
                    .containsEntry("single", Map.of("tag", "a", "q", "a b&c"));
        }

        @Test
        void pathParametersAreAllAvailable() {
            var app = new IFastAPI();
            app.get("/p/{a}/{b:int}", Request::pathParams);

            assertThat(client(app).get("/p/x/2").json()).isEqualTo(Map.of("a", "x", "b", 2));
        }

        @Test
        void cookiesFromTheJarAndFromTheRequestAreBothSent() {
            var app = new IFastAPI();
            app.get("/cookies", request -> Json.object("all", request.cookies(), "a", request.cookie("a")));
            TestClient client = client(app);
            client.cookies().set("a", "1");

            Map<String, Object> seen = client.request("GET", "/cookies").cookie("b", "2").send().json();

            assertThat(seen).containsEntry("all", Map.of("a", "1", "b", "2")).containsEntry("a", "1");
        }

        /** Starlette's cookie_parser fills a dict pair by pair, so a name sent twice reads as its last value. */
        @Test
        void aCookieSentTwiceReadsAsItsLastValueAsInStarlette() {
            var app = new IFastAPI();
            app.get("/cookies", request -> Json.object("all", request.cookies(), "s", request.cookie("session")));

            Map<String, Object> seen = client(app).request("GET", "/cookies")
                    .header("Cookie", "session=first; other=x; session=second").send().json();

            assertThat(seen).containsEntry("s", "second").containsEntry("all", Map.of("session", "second", "other", "x"));
        }

        @Test
        void theClientAddressIsKnown() {
            var app = new IFastAPI();
            app.get("/client", request -> request.client());

            Map<String, Object> client = client(app).get("/client").json();

            assertThat((String) client.get("host")).isNotBlank();
            assertThat((Integer) client.get("port")).isPositive();
        }

        @Test
        void theBodyIsReadAsBytes() {
            var app = new IFastAPI();
            app.post("/bytes", request -> {
                byte[] body = request.body();
                return Json.object("length", body.length, "last", body[body.length - 1] & 0xff);
            });

            TestResponse response = client(app).post("/bytes")
                    .body(new byte[]{0, 1, 2, (byte) 0xff}, "application/octet-stream").send();

            assertThat(response.json()).containsEntry("length", 4).containsEntry("last", 255);
        }

        @Test
        void theBodyIsReadAsTextInItsCharset() {
            var app = new IFastAPI();
            app.post("/text", Request::text);
            TestClient client = client(app);

            assertThat(client.post("/text").body("héllo wörld").send().json(String.class)).isEqualTo("héllo wörld");
            assertThat(client.post("/text").body("café".getBytes(StandardCharsets.ISO_8859_1),
                    "text/plain; charset=iso-8859-1").send().json(String.class)).isEqualTo("café");
        }

        @Test
        void theBodyIsReadAsAJsonObject() {
            var app = new IFastAPI();
            app.post("/echo", Request::json);

            Map<String, Object> sent = Json.object("a", 1, "b", List.of(1, 2), "c", null);

            assertThat(client(app).post("/echo", sent).json()).isEqualTo(sent);
        }

        @Test
        void theBodyIsReadAsARecord() {
            var app = new IFastAPI();
            app.post("/items", request -> {
                Item item = request.json(Item.class);
                return new Item(item.name().toUpperCase(), item.price() + 1);
            });

            assertThat(client(app).post("/items", new Item("foo", 1)).json(Item.class)).isEqualTo(new Item("FOO", 2));
        }

        @Test
        void anUrlEncodedFormIsParsed() {
            var app = new IFastAPI();
            app.post("/form", request -> {
                FormData form = request.form();
                return Json.object("a", form.get("a"), "b", form.get("b"), "tags", form.getAll("tag"));
            });

            Map<String, Object> seen = client(app).post("/form")
                    .form(Json.object("a", "1", "b", "x y&=é", "tag", List.of("t1", "t2"))).send().json();

            assertThat(seen).containsEntry("a", "1").containsEntry("b", "x y&=é").containsEntry("tags", List.of("t1", "t2"));
        }

        @Test
        void stateSetByAMiddlewareReachesTheHandler() {
            var app = new IFastAPI();
            app.addMiddleware((request, next) -> {
                request.state().set("user", "alice");
                return next.handle(request);
            });
            app.get("/me", request -> request.state().get("user"));

            assertThat(client(app).get("/me").json(String.class)).isEqualTo("alice");
        }
    }

    @Nested
    class BadInput {
        private IFastAPI appWithATenByteLimit() {
            var app = new IFastAPI().maxBodySize(10);
            app.post("/upload", request -> request.body().length);
            return app;
        }

        @Test
        void aBodyOverTheLimitWithContentLengthIs413() {
            TestClient client = client(appWithATenByteLimit());

            TestResponse tooBig = client.post("/upload").body(new byte[11], "application/octet-stream").send();
            TestResponse justRight = client.post("/upload").body(new byte[10], "application/octet-stream").send();

            assertThat(tooBig.status()).isEqualTo(413);
            assertThat(tooBig.json()).containsEntry("detail", "Request body is larger than the limit of 10 bytes");
            assertThat(justRight.text()).isEqualTo("10");
        }

        @Test
        void aStreamedBodyThatRunsOverTheLimitIs413() {
            TestResponse response = client(appWithATenByteLimit()).post("/upload")
                    .body(new ByteArrayInputStream(new byte[64]), "application/octet-stream").send();

            assertThat(response.status()).isEqualTo(413);
        }

        @Test
        void malformedJsonIs422JsonInvalidAsInFastApi() {
            var app = new IFastAPI();
            app.post("/json", Request::json);

            TestResponse response = client(app).post("/json").body("{\"a\": }".getBytes(), "application/json").send();

            assertThat(response.status()).isEqualTo(422);
            assertThat(response.text()).isEqualTo("{\"detail\":[{\"type\":\"json_invalid\",\"loc\":[\"body\",6],"
                    + "\"msg\":\"JSON decode error\",\"input\":{},\"ctx\":{\"error\":\"Expecting value\"}}]}");
        }

        @Test
        void jsonThatDoesNotFitTheRecordIs422InFastApisShape() {
            var app = new IFastAPI();
            app.post("/items", request -> request.json(Item.class));

            TestResponse response = client(app).post("/items").body("{\"name\":\"x\",\"price\":\"abc\"}".getBytes(),
                    "application/json").send();

            assertThat(response.status()).isEqualTo(422);
            List<?> detail = (List<?>) response.json().get("detail");
            assertThat(detail).hasSize(1);
            Map<?, ?> error = (Map<?, ?>) detail.get(0);
            assertThat(error.get("loc")).isEqualTo(List.of("body", "price"));
            assertThat((String) error.get("msg")).isNotBlank();
            assertThat((String) error.get("type")).isNotBlank();
        }

        @Test
        void anEmptyBodyForJsonIs422Missing() {
            var app = new IFastAPI();
            app.post("/json", Request::json);

            TestResponse response = client(app).post("/json").send();

            assertThat(response.status()).isEqualTo(422);
            assertThat(response.text()).isEqualTo("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\"],"
                    + "\"msg\":\"Field required\",\"input\":null}]}");
        }

        record Nasty(String description, Function<TestClient, TestResponse> send) {
            @Override
            public String toString() {
                return description;
            }
        }

        /** Inputs every transport can carry; raw ones (bad escapes) are tested per transport. */
        @Test
        void noBadInputYieldsAServerError() {
            var app = new IFastAPI();
            app.post("/json", Request::json);
            app.post("/items", request -> request.json(Item.class));
            app.post("/form", request -> request.form().toSingleValueMap());
            app.post("/text", Request::text);
            app.get("/echo-path/{rest:path}", Request::path);
            app.get("/query", request -> request.queryParams().toSingleValueMap());
            app.get("/header", request -> request.header("x-big").length());
            byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, '{'};
            List<Nasty> inputs = List.of(
                    new Nasty("escapes of bytes that are not UTF-8 in the path", c -> c.get("/echo-path/%ff%fe%c3")),
                    new Nasty("escapes of bytes that are not UTF-8 in the query", c -> c.get("/query?q=%ff%fe")),
                    new Nasty("empty and odd query pairs", c -> c.get("/query?=&&=x&a==b&&")),
                    new Nasty("a 6000-byte header value", c -> c.request("GET", "/header")
                            .header("x-big", "v".repeat(6000)).send()),
                    new Nasty("bytes that are not UTF-8 as JSON", c -> c.post("/json").body(notUtf8, "application/json").send()),
                    new Nasty("bytes that are not UTF-8 as a form", c -> c.post("/form")
                            .body(notUtf8, "application/x-www-form-urlencoded").send()),
                    new Nasty("bytes that are not UTF-8 as text", c -> c.post("/text").body(notUtf8, "text/plain").send()),
                    new Nasty("an unknown charset", c -> c.post("/text").body("x".getBytes(), "text/plain; charset=nope").send()),
                    new Nasty("a JSON array where an object is expected", c -> c.post("/json").body("[1,2]".getBytes(), null).send()),
                    new Nasty("a JSON string where an object is expected", c -> c.post("/json").body("\"s\"".getBytes(), null).send()),
                    new Nasty("JSON nested 5000 deep", c -> c.post("/json").body(
                            ("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)).getBytes(), null).send()),
                    new Nasty("truncated JSON", c -> c.post("/json").body("{\"a\": [1, 2".getBytes(), null).send()),
                    new Nasty("a number too large for an int field", c -> c.post("/items")
                            .body("{\"name\":\"x\",\"price\":99999999999}".getBytes(), null).send()),
                    new Nasty("an exponent too large for an int field", c -> c.post("/items")
                            .body("{\"name\":\"x\",\"price\":1e999}".getBytes(), null).send()),
                    new Nasty("an array where the record is expected", c -> c.post("/items").body("[]".getBytes(), null).send()));
            TestClient client = lenientClient(app);

            for (Nasty input : inputs) {
                TestResponse response = input.send().apply(client);
                assertThat(response.status()).as(input.description() + " -> " + response.text()).isLessThan(500);
            }
        }
    }

    @Nested
    class Responses {
        @Test
        void eachKindOfResponseHasItsContentType() {
            var app = new IFastAPI();
            app.get("/json", request -> Response.json(Map.of("a", 1)));
            app.get("/text", request -> Response.text("plain"));
            app.get("/html", request -> Response.html("<p>x</p>"));
            TestClient client = client(app);

            assertThat(client.get("/json").header("content-type")).isEqualTo("application/json");
            assertThat(client.get("/text").header("content-type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(client.get("/html").header("content-type")).isEqualTo("text/html; charset=utf-8");
            assertThat(client.get("/text").text()).isEqualTo("plain");
        }

        @Test
        void aRedirectIs307ToItsLocationByDefault() {
            var app = new IFastAPI();
            app.get("/old", request -> Response.redirect("/new"));
            app.get("/moved", request -> Response.redirect("/new", 301));
            app.get("/new", request -> "new");

            TestResponse redirect = notFollowingRedirects(app).get("/old");
            assertThat(redirect.status()).isEqualTo(307);
            assertThat(redirect.header("location")).isEqualTo("/new");
            assertThat(redirect.bytes()).isEmpty();

            TestClient client = client(app);
            TestResponse followed = client.get("/old");
            assertThat(followed.json(String.class)).isEqualTo("new");
            assertThat(followed.url().path()).isEqualTo("/new");
            assertThat(followed.history()).extracting(TestResponse::status).containsExactly(307);
            assertThat(client.get("/moved").history()).extracting(TestResponse::status).containsExactly(301);
        }

        @Test
        void aStreamingBodyArrivesWhole() {
            var app = new IFastAPI();
            app.get("/stream", request -> Response.stream("text/plain; charset=utf-8", out -> {
                for (int i = 1; i <= 3; i++) {
                    out.write(("chunk" + i + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }));

            TestResponse response = client(app).get("/stream");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("chunk1\nchunk2\nchunk3\n");
            assertThat(response.header("content-length")).isNull();
        }

        @Test
        void aFileIsSentWithItsTypeLengthDateAndEtag(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("hello.txt"), "hello file");
            Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-02T03:04:05Z")));
            Files.writeString(dir.resolve("data.json"), "{}");
            Files.write(dir.resolve("blob.unknownext"), new byte[]{1, 2, 3});
            var app = new IFastAPI();
            app.get("/files/{name}", request -> Response.file(dir.resolve(request.<String>pathParam("name"))));
            TestClient client = client(app);

            TestResponse response = client.get("/files/hello.txt");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("hello file");
            assertThat(response.header("content-type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(response.header("content-length")).isEqualTo("10");
            assertThat(response.header("last-modified")).isEqualTo("Tue, 02 Jan 2024 03:04:05 GMT");
            assertThat(response.header("etag")).matches("\"[0-9a-f]+-a\"");
            assertThat(client.get("/files/data.json").header("content-type")).isEqualTo("application/json");
            assertThat(client.get("/files/blob.unknownext").header("content-type")).isEqualTo("application/octet-stream");
            TestResponse head = client.head("/files/hello.txt");
            assertThat(head.header("content-length")).isEqualTo("10");
            assertThat(head.bytes()).isEmpty();
        }

        @Test
        void aMissingFileIsNotFound(@TempDir Path dir) {
            var app = new IFastAPI();
            app.get("/files/{name}", request -> Response.file(dir.resolve(request.<String>pathParam("name"))));

            TestResponse response = client(app).get("/files/nope.txt");

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.text()).isEqualTo("{\"detail\":\"File not found\"}");
        }

        @Test
        void aFileWithADownloadNameIsAnAttachment(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("cv.txt"), "cv");
            var app = new IFastAPI();
            app.get("/download", request -> Response.file(file, "résumé.txt"));

            assertThat(client(app).get("/download").header("content-disposition"))
                    .isEqualTo("attachment; filename=\"r_sum_.txt\"; filename*=utf-8''r%C3%A9sum%C3%A9.txt");
        }

        @Test
        void customHeadersAreSentIncludingRepeatedOnes() {
            var app = new IFastAPI();
            app.get("/h", request -> {
                Response response = Response.json(Map.of()).header("X-One", "1");
                response.headers().add("X-Multi", "a").add("X-Multi", "b");
                return response;
            });

            TestResponse response = client(app).get("/h");

            assertThat(response.header("x-one")).isEqualTo("1");
            assertThat(response.headers().getAll("x-multi")).containsExactly("a", "b");
        }

        @Test
        void setCookieWritesEveryAttribute() {
            var app = new IFastAPI();
            app.get("/cookie", request -> Response.json(Map.of())
                    .setCookie(SetCookie.of("full", "v").maxAge(3600).expires(Instant.parse("2030-01-01T00:00:00Z"))
                            .path("/app").domain("example.com").secure(true).httpOnly(true)
                            .sameSite(SameSite.STRICT).partitioned(true))
                    .setCookie("plain", "1"));

            TestResponse response = client(app).get("/cookie");

            assertThat(response.headers().getAll("set-cookie")).containsExactly(
                    "full=v; Max-Age=3600; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Path=/app; Domain=example.com; "
                            + "Secure; HttpOnly; SameSite=strict; Partitioned",
                    "plain=1; Path=/; SameSite=lax");
            ResponseCookie full = response.cookie("full").orElseThrow();
            assertThat(full.maxAge()).isEqualTo(3600);
            assertThat(full.expires()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
            assertThat(full.path()).isEqualTo("/app");
            assertThat(full.domain()).isEqualTo("example.com");
            assertThat(full.secure()).isTrue();
            assertThat(full.httpOnly()).isTrue();
            assertThat(full.sameSite()).isEqualTo(SameSite.STRICT);
            assertThat(full.partitioned()).isTrue();
        }

        @Test
        void aCookieSetByTheAppIsSentBack() {
            var app = new IFastAPI();
            app.get("/login", request -> Response.json(Map.of()).setCookie("user", "alice"));
            app.get("/me", request -> request.cookie("user"));
            TestClient client = client(app);

            client.get("/login");

            assertThat(client.cookies().get("user")).isEqualTo("alice");
            assertThat(client.get("/me").json(String.class)).isEqualTo("alice");
        }

        @Test
        void deleteCookieExpiresItAndTheClientForgetsIt() {
            var app = new IFastAPI();
            app.get("/logout", request -> Response.json(Map.of()).deleteCookie("theme"));
            app.get("/theme", request -> request.cookie("theme"));
            TestClient client = client(app);
            client.cookies().set("theme", "dark");

            TestResponse response = client.get("/logout");

            assertThat(response.header("set-cookie"))
                    .isEqualTo("theme=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; SameSite=lax");
            assertThat(client.cookies().get("theme")).isNull();
            assertThat(client.get("/theme").text()).isEqualTo("null");
        }
    }

    @Nested
    class Errors {
        @Test
        void anHttpExceptionBecomesItsDetail() {
            var app = new IFastAPI();
            app.get("/items/{id}", request -> {
                throw new HTTPException(404, "Item not found");
            });

            TestResponse response = client(app).get("/items/foo");

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.text()).isEqualTo("{\"detail\":\"Item not found\"}");
        }

        @Test
        void anHttpExceptionCarriesItsHeaders() {
            var app = new IFastAPI();
            app.get("/private", request -> {
                throw new HTTPException(401, "Not authenticated", Headers.of("WWW-Authenticate", "Bearer"));
            });

            TestResponse response = client(app).get("/private");

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("www-authenticate")).isEqualTo("Bearer");
            assertThat(response.text()).isEqualTo("{\"detail\":\"Not authenticated\"}");
        }

        @Test
        void theDetailCanBeAnObjectOrAList() {
            var app = new IFastAPI();
            app.get("/object", request -> {
                throw new HTTPException(409, Json.object("code", 7, "reason", "out of stock"));
            });
            app.get("/list", request -> {
                throw new HTTPException(400, List.of("a", "b"));
            });
            TestClient client = client(app);

            assertThat(client.get("/object").text()).isEqualTo("{\"detail\":{\"code\":7,\"reason\":\"out of stock\"}}");
            assertThat(client.get("/list").text()).isEqualTo("{\"detail\":[\"a\",\"b\"]}");
        }

        @Test
        void theHandlerOfTheNearestSuperclassHandlesAnException() {
            var app = new IFastAPI();
            app.exceptionHandler(RuntimeException.class, (request, e) -> Response.text("runtime: " + e.getMessage(), 500));
            app.exceptionHandler(IllegalArgumentException.class, (request, e) -> Response.text("iae: " + e.getMessage(), 400));
            app.get("/nfe", request -> Integer.parseInt("x"));
            app.get("/ise", request -> {
                throw new IllegalStateException("state");
            });
            TestClient client = client(app);

            TestResponse nfe = client.get("/nfe");
            assertThat(nfe.status()).isEqualTo(400);
            assertThat(nfe.text()).isEqualTo("iae: For input string: \"x\"");
            assertThat(client.get("/ise").text()).isEqualTo("runtime: state");
        }

        @Test
        void aStatusHandlerHandlesEveryHttpExceptionOfThatStatus() {
            var app = new IFastAPI();
            app.exceptionHandler(404, (request, e) -> Response.html("<h1>Nothing at " + request.path() + "</h1>", 404));
            app.get("/items/{id}", request -> {
                throw new HTTPException(404, "Item not found");
            });
            app.get("/only-get", request -> "ok");
            TestClient client = client(app);

            TestResponse unknownPath = client.get("/nowhere");
            assertThat(unknownPath.status()).isEqualTo(404);
            assertThat(unknownPath.text()).isEqualTo("<h1>Nothing at /nowhere</h1>");
            assertThat(client.get("/items/1").text()).isEqualTo("<h1>Nothing at /items/1</h1>");
            assertThat(client.post("/only-get").send().text()).isEqualTo("{\"detail\":\"Method Not Allowed\"}");
        }

        @Test
        void aHandlerForExceptionDoesNotTurnHttpExceptionsIntoErrors() {
            var app = new IFastAPI();
            app.exceptionHandler(Exception.class, (request, e) -> Response.text("custom 500: " + e.getMessage(), 500));
            app.get("/boom", request -> {
                throw new IllegalStateException("boom");
            });
            app.get("/missing-item", request -> {
                throw new HTTPException(404, "Item not found");
            });
            TestClient client = lenientClient(app);

            assertThat(client.get("/nowhere").text()).isEqualTo("{\"detail\":\"Not Found\"}");
            assertThat(client.get("/missing-item").text()).isEqualTo("{\"detail\":\"Item not found\"}");
            assertThat(client.get("/boom").text()).isEqualTo("custom 500: boom");
        }

        @Test
        void anUnhandledExceptionIsAPlain500AndIsLogged() {
            var app = new IFastAPI();
            app.get("/boom", request -> {
                throw new IllegalStateException("boom for the log");
            });
            TestClient client = lenientClient(app);

            TestResponse response;
            String log;
            try (var stderr = new CapturedStderr()) {
                response = client.get("/boom");
                log = stderr.text();
            }

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.header("content-type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(response.text()).isEqualTo("Internal Server Error");
            assertThat(log).contains("GET /boom").contains("java.lang.IllegalStateException: boom for the log");
        }

        @Test
        void byDefaultTheClientRethrowsTheHandlersException() {
            var app = new IFastAPI();
            app.get("/boom", request -> {
                throw new IllegalStateException("kaboom");
            });

            assertThatThrownBy(() -> client(app).get("/boom"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("kaboom");
        }

        @Test
        void aCheckedExceptionIsRethrownAsTheCauseOfAServerException() {
            var app = new IFastAPI();
            app.get("/io", request -> {
                throw new IOException("disk on fire");
            });

            assertThatThrownBy(() -> client(app).get("/io"))
                    .isInstanceOf(ServerException.class)
                    .cause().isInstanceOf(IOException.class).hasMessage("disk on fire");
        }

        @Test
        void debugShowsTheExceptionAndWhereItHappened() {
            var app = new IFastAPI().debug(true);
            app.get("/boom", request -> {
                throw new IllegalStateException("visible in debug");
            });
            TestClient client = lenientClient(app);

            TestResponse text = client.get("/boom");
            TestResponse html = client.request("GET", "/boom").header("Accept", "text/html").send();

            assertThat(text.status()).isEqualTo(500);
            assertThat(text.header("content-type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(text.text()).contains("java.lang.IllegalStateException: visible in debug")
                    .containsPattern("\\tat io\\.ifastapi\\.AppBehaviourSuite\\$Errors\\.lambda\\$");
            assertThat(html.header("content-type")).isEqualTo("text/html; charset=utf-8");
            assertThat(html.text()).contains("<h1>500 Internal Server Error</h1>").contains("visible in debug");
        }
    }

    @Nested
    class MiddlewareStack {
        @Test
        void theLastAddedMiddlewareIsTheOutermost() {
            List<String> calls = Collections.synchronizedList(new ArrayList<>());
            var app = new IFastAPI();
            for (String name : List.of("first", "second", "third")) {
                app.addMiddleware((request, next) -> {
                    calls.add(name + " before");
                    Response response = next.handle(request);
                    calls.add(name + " after");
                    return response;
                });
            }
            app.get("/", request -> {
                calls.add("handler");
                return "ok";
            });

            client(app).get("/");

            assertThat(calls).containsExactly("third before", "second before", "first before", "handler",
                    "first after", "second after", "third after");
        }

        @Test
        void theFunctionFormWrapsTheApp() {
            var app = new IFastAPI();
            app.middleware((request, next) -> next.handle(request).header("X-Function", "1"));
            app.get("/", request -> "ok");

            assertThat(client(app).get("/").header("x-function")).isEqualTo("1");
        }

        @Test
        void aMiddlewareCanAnswerWithoutCallingTheApp() {
            AtomicBoolean handlerRan = new AtomicBoolean();
            var app = new IFastAPI();
            app.addMiddleware((request, next) -> request.header("X-Token") == null
                    ? Response.json(Map.of("detail", "Unauthorized"), 401)
                    : next.handle(request));
            app.get("/", request -> {
                handlerRan.set(true);
                return "ok";
            });
            TestClient client = client(app);

            TestResponse refused = client.get("/");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(handlerRan).isFalse();

            assertThat(client.request("GET", "/").header("X-Token", "t").send().status()).isEqualTo(200);
            assertThat(handlerRan).isTrue();
        }

        @Test
        void aMiddlewareCanChangeTheResponseHeaders() {
            var app = new IFastAPI();
            app.addMiddleware((request, next) -> {
                Response response = next.handle(request);
                response.header("X-Process-Time", "0.001");
                response.headers().addToken("Vary", "Accept");
                response.headers().remove("X-Secret");
                return response;
            });
            app.get("/", request -> Response.json("ok").header("Vary", "Cookie").header("X-Secret", "s"));

            TestResponse response = client(app).get("/");

            assertThat(response.header("x-process-time")).isEqualTo("0.001");
            assertThat(response.header("vary")).isEqualTo("Cookie, Accept");
            assertThat(response.header("x-secret")).isNull();
        }

        @Test
        void addingMiddlewareAfterTheFirstRequestFails() {
            var app = new IFastAPI();
            app.get("/", request -> "ok");
            client(app).get("/");

            assertThatThrownBy(() -> app.addMiddleware((request, next) -> next.handle(request)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("Cannot add middleware");
        }
    }

    @Nested
    class SessionWithoutMiddleware {
        private IFastAPI app() {
            var app = new IFastAPI();
            app.get("/set-session", request -> {
                request.session().put("key", "value");
                return Map.of("message", "Session data set");
            });
            return app;
        }

        @Test
        void theClientRaisesStarlettesError() {
            assertThatThrownBy(() -> client(app()).get("/set-session"))
                    .isInstanceOf(SessionNotInstalledException.class)
                    .hasMessage("SessionMiddleware must be installed to access request.session");
        }

        @Test
        void theResponseIsA500AndTheLogSaysWhy() {
            TestClient client = lenientClient(app());

            TestResponse response;
            String log;
            try (var stderr = new CapturedStderr()) {
                response = client.get("/set-session");
                log = stderr.text();
            }

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.text()).isEqualTo("Internal Server Error");
            assertThat(log).contains("SessionMiddleware must be installed to access request.session");
        }

        @Test
        void debugShowsTheMessageAndTheFix() {
            TestResponse response = lenientClient(app().debug(true)).get("/set-session");

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.text()).contains("SessionMiddleware must be installed to access request.session")
                    .contains("app.addMiddleware(SessionMiddleware.builder()");
        }
    }

    @Nested
    class Lifespan {
        @Test
        void startupHooksRunOnceBeforeTheFirstRequest() {
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            var app = new IFastAPI();
            app.onStartup(() -> events.add("startup"));
            app.get("/events", request -> List.copyOf(events));

            TestClient client = client(app);
            assertThat(events).containsExactly("startup");

            assertThat(client.get("/events").json(List.class)).containsExactly("startup");
            assertThat(client.get("/events").json(List.class)).containsExactly("startup");
        }

        @Test
        void shutdownHooksRunInReverseOrderOnClose() {
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            var app = new IFastAPI();
            app.onStartup(() -> events.add("open pool"));
            app.onStartup(() -> events.add("warm cache"));
            app.onShutdown(() -> events.add("close pool"));
            app.onShutdown(() -> events.add("drop cache"));
            app.get("/", request -> "ok");

            TestClient client = client(app);
            client.get("/");
            assertThat(events).containsExactly("open pool", "warm cache");

            client.close();
            assertThat(events).containsExactly("open pool", "warm cache", "drop cache", "close pool");
        }
    }
}
