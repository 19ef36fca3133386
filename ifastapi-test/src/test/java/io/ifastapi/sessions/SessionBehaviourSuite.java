package io.ifastapi.sessions;

import io.ifastapi.http.Session;
import io.ifastapi.http.HTTPException;
import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import io.ifastapi.http.Request;
import io.ifastapi.http.SameSite;
import io.ifastapi.testclient.ResponseCookie;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How sessions behave as a client sees them, whatever keeps them: every backend (signed cookie, encrypted cookie, a
 * server-side store) runs every test here through {@link TestClient}, so all of them must agree. A subclass says
 * which backend, in {@link #backend}. What only a server-side store can do (ids, deletion on the server, round trips)
 * is in {@link StoreSessionBehaviourSuite}, the layer store backends extend instead.
 *
 * <p>It ships in ifastapi-core's test-jar, so a store module runs it against its own store.
 */
@Timeout(60)
public abstract class SessionBehaviourSuite {
    /** 32+ bytes, so no weak-key warning. */
    protected static final SecretKey KEY = SecretKey.of("session-behaviour-suite-key-0123456789abcdef");
    protected static final SecretKey OTHER_KEY = SecretKey.of("another-key-entirely-0123456789abcdef-ghijkl");
    protected static final String COOKIE = "session";

    /** Cookie expiry in the test's jar is not under test here: its clock stands still. */
    protected static final Clock JAR_CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final List<TestClient> clients = new ArrayList<>();

    /**
     * Set by a test that needs two requests in the {@code /race} handler at once: each one loads the session, then
     * waits here for the other, then writes. So both have loaded before either saves.
     */
    protected volatile CyclicBarrier raceBarrier;

    /**
     * Set by a test that needs a slow request in flight: {@code /slow} loads the session, counts down
     * {@code slowLoaded}, waits for {@code slowGate}, then writes its key (or, with {@code read=1}, only reads).
     */
    protected volatile java.util.concurrent.CountDownLatch slowLoaded;
    protected volatile java.util.concurrent.CountDownLatch slowGate;

    /** Puts the backend under test on a builder that already has the secret key. */
    protected abstract SessionMiddleware.Builder backend(SessionMiddleware.Builder builder);

    /**
     * The options under which a session ended at logout or login cannot come back: nothing more for a store;
     * cookie backends add a revocation list.
     */
    protected SessionMiddleware.Builder revocable(SessionMiddleware.Builder builder) {
        return builder;
    }

    // ----- apps and clients -----

    /** The test app with the default options of the backend under test. */
    protected IFastAPI app() {
        return app(options -> options);
    }

    /** The test app; {@code options} runs after {@link #backend}, so it can change anything. */
    protected IFastAPI app(UnaryOperator<SessionMiddleware.Builder> options) {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(options.apply(backend(SessionMiddleware.builder().secretKey(KEY))).build());
        routes(app);
        return app;
    }

    /** An in-process client that rethrows the app's unhandled exceptions; closed after the test. */
    protected TestClient client(IFastAPI app) {
        return track(TestClient.builder(app).clock(JAR_CLOCK).build());
    }

    /** A client that gets the 500 of an unhandled exception instead of the exception. */
    protected TestClient lenientClient(IFastAPI app) {
        return track(TestClient.builder(app).clock(JAR_CLOCK).raiseServerExceptions(false).build());
    }

    protected TestClient track(TestClient client) {
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClients() {
        for (TestClient client : clients) {
            client.close();
        }
        clients.clear();
    }

    /**
     * {@code /hello} never touches the session; {@code /get?k=}, {@code /set?k=&v=}, {@code /remove?k=} work on
     * one key ({@code key} by default); the others are named for what they do.
     */
    @SuppressWarnings("unchecked")
    protected void routes(IFastAPI app) {
        app.get("/hello", request -> Map.of("message", "hello"));
        app.get("/get", request -> Json.object(key(request), request.session().get(key(request))));
        app.get("/all", request -> request.session().asMap());
        app.get("/set", request -> {
            request.session().put(key(request), request.queryParam("v"));
            return Map.of("ok", true);
        });
        app.get("/remove", request -> {
            request.session().remove(key(request));
            return Map.of("ok", true);
        });
        app.get("/counter", request -> {
            Session session = request.session();
            int n = session.getInt("n", 0) + 1;
            session.put("n", n);
            return Map.of("n", n);
        });
        app.get("/cart/add", request -> { // changes a list in place: never puts it back
            Session session = request.session();
            List<Object> cart = (List<Object>) session.get("cart");
            if (cart == null) {
                session.put("cart", new ArrayList<>(List.of(request.queryParam("item"))));
            } else {
                cart.add(request.queryParam("item"));
            }
            return Map.of("ok", true);
        });
        app.get("/prefs", request -> { // changes a map in place
            Session session = request.session();
            Map<String, Object> prefs = (Map<String, Object>) session.get("prefs");
            if (prefs == null) {
                session.put("prefs", new LinkedHashMap<>(Map.of("lang", "en")));
            } else {
                prefs.put(request.queryParam("name"), request.queryParam("v"));
            }
            return Map.of("ok", true);
        });
        app.get("/clear", request -> {
            request.session().clear();
            return Map.of("ok", true);
        });
        app.get("/invalidate", request -> {
            request.session().invalidate();
            return Map.of("ok", true);
        });
        app.get("/invalidate-then-flash", request -> { // logout, then a message for the next page
            request.session().invalidate();
            request.session().put("flash", "bye");
            return Map.of("ok", true);
        });
        app.get("/regenerate", request -> {
            request.session().regenerateId();
            return Map.of("ok", true);
        });
        app.get("/boom", request -> {
            request.session().put("boom", "saved");
            throw new IllegalStateException("boom");
        });
        app.get("/teapot", request -> {
            request.session().put("teapot", "saved");
            throw new HTTPException(418, "short and stout");
        });
        app.get("/slow", request -> {
            Session session = request.session();
            Object before = session.get(key(request));
            slowLoaded.countDown();
            slowGate.await(20, TimeUnit.SECONDS);
            if (request.queryParam("read") == null) {
                session.put(key(request), request.queryParam("v"));
            }
            return Json.object("before", before);
        });
        app.get("/race", request -> {
            Session session = request.session(); // loaded here...
            raceBarrier.await(10, TimeUnit.SECONDS); // ...by both requests before either goes on to write
            session.put(key(request), raceValue(request.queryParam("v")));
            return Map.of("ok", true);
        });
    }

    /**
     * Starts {@code path} (a {@code /slow} request) with this session cookie on its own thread and returns once the
     * handler has loaded the session; it finishes when the test counts down {@link #slowGate}.
     */
    protected java.util.concurrent.Future<TestResponse> slowRequest(IFastAPI app, String cookie, String path)
            throws InterruptedException {
        slowLoaded = new java.util.concurrent.CountDownLatch(1);
        slowGate = new java.util.concurrent.CountDownLatch(1);
        TestClient slow = client(app);
        slow.cookies().set(COOKIE, cookie);
        java.util.concurrent.FutureTask<TestResponse> request = new java.util.concurrent.FutureTask<>(() -> slow.get(path));
        Thread.ofVirtual().name("slow-request").start(request);
        assertThat(slowLoaded.await(20, TimeUnit.SECONDS)).as("the slow request loaded its session").isTrue();
        return request;
    }

    // ----- a slow request in flight at logout or login (issue 10), every backend -----

    /** What a browser does with a late response: it keeps whatever session cookie came last. */
    private static void applyLateCookie(TestClient browser, TestResponse late) {
        ResponseCookie cookie = sessionCookie(late);
        if (cookie != null) {
            browser.cookies().set(COOKIE, cookie.value());
        }
    }

    @Test
    void aSlowWriteInFlightAtLogoutCannotRestoreTheSession() throws Exception {
        IFastAPI app = app(this::revocable);
        TestClient user = client(app);
        user.get("/set?k=user&v=alice");
        user.get("/get?k=user");
        String cookie = user.cookies().get(COOKIE);
        java.util.concurrent.Future<TestResponse> slow = slowRequest(app, cookie, "/slow?k=cart&v=late");

        assertThat(clearsTheCookie(user.get("/invalidate"))).isTrue();
        slowGate.countDown();
        TestResponse late = slow.get(20, TimeUnit.SECONDS);
        assertThat(late.status()).isEqualTo(200);
        applyLateCookie(user, late);

        assertThat(user.get("/all").json()).as("after the late response").isEmpty();
        user.cookies().set(COOKIE, cookie);
        assertThat(user.get("/all").json()).as("the cookie from before logout").isEmpty();
    }

    @Test
    void aSlowWriteInFlightAtLoginCannotRestoreTheOldSession() throws Exception {
        IFastAPI app = app(this::revocable);
        TestClient user = client(app);
        user.get("/set?k=user&v=anonymous");
        user.get("/get?k=user");
        String before = user.cookies().get(COOKIE);
        java.util.concurrent.Future<TestResponse> slow = slowRequest(app, before, "/slow?k=planted&v=late");

        user.get("/set?k=user&v=alice");
        user.get("/regenerate");
        slowGate.countDown();
        applyLateCookie(user, slow.get(20, TimeUnit.SECONDS));

        assertThat(user.get("/all").json()).as("never the old session with the late write")
                .doesNotContainKey("planted");
        user.cookies().set(COOKIE, before);
        assertThat(user.get("/all").json()).as("the cookie from before login").isEmpty();
    }

    /** A value big enough that two writers' values would show if they were ever mixed. */
    protected static Map<String, Object> raceValue(String writer) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            items.add(writer + "-" + i);
        }
        return Map.of("writer", writer, "items", items);
    }

    private static String key(Request request) {
        String key = request.queryParam("k");
        return key == null ? "key" : key;
    }

    // ----- helpers for assertions -----

    /** The session cookie this response set, or null. */
    protected static ResponseCookie sessionCookie(TestResponse response) {
        return response.cookie(COOKIE).orElse(null);
    }

    protected static boolean clearsTheCookie(TestResponse response) {
        ResponseCookie cookie = sessionCookie(response);
        return cookie != null && cookie.expires() != null && cookie.expires().equals(Instant.EPOCH);
    }

    protected static boolean variesOnCookie(TestResponse response) {
        return response.headers().getAll("vary").stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .anyMatch(token -> token.trim().equalsIgnoreCase("cookie"));
    }

    protected static Object value(TestClient client, String key) {
        TestResponse response = client.get("/get?k=" + key);
        assertThat(response.status()).isEqualTo(200);
        return response.json().get(key);
    }

    // ----- round trips -----

    @Test
    void setGetAndClearRoundTrip() {
        TestClient client = client(app());

        assertThat(value(client, "key")).isNull();

        TestResponse set = client.get("/set?v=value");
        assertThat(set.status()).isEqualTo(200);
        assertThat(sessionCookie(set)).as("set-cookie").isNotNull();
        assertThat(value(client, "key")).isEqualTo("value");

        TestResponse cleared = client.get("/clear");
        assertThat(clearsTheCookie(cleared)).as("clears the cookie: %s", cleared.headers()).isTrue();
        assertThat(client.cookies().get(COOKIE)).isNull();
        assertThat(value(client, "key")).isNull();
    }

    @Test
    void counterIncrements() {
        TestClient client = client(app());

        for (int n = 1; n <= 3; n++) {
            assertThat(client.get("/counter").json()).isEqualTo(Map.of("n", n));
        }
    }

    @Test
    void severalKeysAndTypesComeBack() {
        TestClient client = client(app());
        client.get("/set?k=a&v=1");
        client.get("/set?k=b&v=%C3%A9t%C3%A9%20%E2%9C%93"); // non-ASCII survives
        client.get("/counter");

        assertThat(client.get("/all").json()).isEqualTo(Map.of("a", "1", "b", "été ✓", "n", 1));
    }

    @Test
    void usersDoNotSeeEachOthersSessions() {
        IFastAPI app = app();
        TestClient alice = client(app);
        TestClient bob = client(app);

        alice.get("/set?v=alice");
        bob.get("/set?v=bob");

        assertThat(value(alice, "key")).isEqualTo("alice");
        assertThat(value(bob, "key")).isEqualTo("bob");
    }

    @Test
    void aChangeInsideAListIsSaved() {
        TestClient client = client(app());

        client.get("/cart/add?item=apple");
        TestResponse added = client.get("/cart/add?item=pear");

        assertThat(sessionCookie(added)).as("the in-place change is a change").isNotNull();
        assertThat(value(client, "cart")).isEqualTo(List.of("apple", "pear"));
    }

    @Test
    void aChangeInsideAMapIsSaved() {
        TestClient client = client(app());

        client.get("/prefs");
        client.get("/prefs?name=theme&v=dark");

        assertThat(value(client, "prefs")).isEqualTo(Map.of("lang", "en", "theme", "dark"));
    }

    @Test
    void removingAKeySavesTheRest() {
        TestClient client = client(app());
        client.get("/set?k=a&v=1");
        client.get("/set?k=b&v=2");

        TestResponse removed = client.get("/remove?k=a");

        assertThat(sessionCookie(removed)).isNotNull();
        assertThat(clearsTheCookie(removed)).isFalse();
        assertThat(client.get("/all").json()).isEqualTo(Map.of("b", "2"));
    }

    @Test
    void removingTheLastKeyClearsTheCookie() {
        TestClient client = client(app());
        client.get("/set?v=1");

        TestResponse removed = client.get("/remove");

        assertThat(clearsTheCookie(removed)).isTrue();
        assertThat(value(client, "key")).isNull();
    }

    // ----- when a cookie is sent -----

    @Test
    void writingTheSameValueAgainSendsNoCookie() {
        TestClient client = client(app());
        client.get("/set?v=value");
        client.get("/cart/add?item=apple");

        TestResponse same = client.get("/set?v=value");
        TestResponse readList = client.get("/get?k=cart"); // handed out as a mutable list, not changed

        assertThat(same.headers().getAll("set-cookie")).isEmpty();
        assertThat(readList.headers().getAll("set-cookie")).isEmpty();
    }

    @Test
    void aReadSendsNoCookieButVariesOnCookie() {
        TestClient client = client(app());
        client.get("/set?v=value");

        TestResponse read = client.get("/get");

        assertThat(read.headers().getAll("set-cookie")).isEmpty();
        assertThat(variesOnCookie(read)).as("Vary: Cookie in %s", read.headers()).isTrue();
    }

    @Test
    void everyResponseThatUsedTheSessionVariesOnCookie() {
        TestClient client = client(app());

        assertThat(variesOnCookie(client.get("/get"))).as("read, no cookie yet").isTrue();
        assertThat(variesOnCookie(client.get("/set?v=1"))).as("write").isTrue();
        assertThat(variesOnCookie(client.get("/clear"))).as("clear").isTrue();
    }

    @Test
    void aRequestThatNeverTouchesTheSessionIsLeftAlone() {
        TestClient client = client(app());
        client.get("/set?v=value");

        TestResponse hello = client.get("/hello");

        assertThat(hello.json()).isEqualTo(Map.of("message", "hello"));
        assertThat(hello.headers().getAll("set-cookie")).isEmpty();
        assertThat(variesOnCookie(hello)).as("no Vary: nothing depended on the cookie").isFalse();
        assertThat(value(client, "key")).isEqualTo("value");
    }

    @Test
    void anEmptySessionSendsNoCookie() {
        TestClient client = client(app());

        TestResponse read = client.get("/get");
        TestResponse cleared = client.get("/clear");

        assertThat(read.headers().getAll("set-cookie")).isEmpty();
        assertThat(cleared.headers().getAll("set-cookie")).as("nothing came in, nothing to clear").isEmpty();
    }

    @Test
    void theDefaultCookieIsStarlettes() {
        TestClient client = client(app());

        ResponseCookie cookie = sessionCookie(client.get("/set?v=1"));

        assertThat(cookie.header()).matches("session=[^;]+; path=/; Max-Age=1209600; httponly; samesite=lax");
    }

    @Test
    void theCookieFollowsTheOptions() {
        IFastAPI app = app(options -> options.cookieName("sid").path("/").domain("testserver")
                .sameSite(SameSite.STRICT).httpsOnly(true).maxAge(3600));
        TestClient client = track(TestClient.builder(app).baseUrl("https://testserver").clock(JAR_CLOCK).build());

        TestResponse set = client.get("/set?v=value");

        ResponseCookie cookie = set.cookie("sid").orElseThrow();
        assertThat(cookie.path()).isEqualTo("/");
        assertThat(cookie.domain()).isEqualTo("testserver");
        assertThat(cookie.sameSite()).isEqualTo(SameSite.STRICT);
        assertThat(cookie.secure()).isTrue();
        assertThat(cookie.httpOnly()).isTrue();
        assertThat(cookie.maxAge()).isEqualTo(3600L);
        assertThat(set.cookie(COOKIE)).isEmpty();
        assertThat(value(client, "key")).isEqualTo("value");

        ResponseCookie cleared = client.get("/invalidate").cookie("sid").orElseThrow();
        assertThat(cleared.expires()).isEqualTo(Instant.EPOCH);
        assertThat(cleared.domain()).isEqualTo("testserver");
        assertThat(cleared.secure()).isTrue();
    }

    // ----- logging in and out -----

    @Test
    void invalidateClearsTheCookieAndTheData() {
        TestClient client = client(app());
        client.get("/set?v=value");

        TestResponse out = client.get("/invalidate");

        assertThat(out.status()).isEqualTo(200);
        assertThat(clearsTheCookie(out)).as("clears the cookie: %s", out.headers()).isTrue();
        assertThat(value(client, "key")).isNull();
    }

    @Test
    void aValuePutAfterInvalidateStartsAFreshSession() {
        TestClient client = client(app());
        client.get("/set?v=secret");

        TestResponse out = client.get("/invalidate-then-flash");

        assertThat(clearsTheCookie(out)).as("a new session, not a cleared one: %s", out.headers()).isFalse();
        assertThat(client.get("/all").json()).isEqualTo(Map.of("flash", "bye"));
    }

    @Test
    void regenerateIdKeepsTheData() {
        TestClient client = client(app());
        client.get("/set?v=value");

        TestResponse regenerated = client.get("/regenerate");

        assertThat(sessionCookie(regenerated)).as("re-issued").isNotNull();
        assertThat(value(client, "key")).isEqualTo("value");
    }

    // ----- bad cookies -----

    @ParameterizedTest
    @ValueSource(strings = {"flipped", "truncated", "extended", "otherKey", "garbage", "empty", "null"})
    void aBadCookieGivesAnEmptySessionAndA200(String kind) {
        IFastAPI app = app();
        TestClient client = client(app);
        String good = sessionCookie(client.get("/set?v=value")).value();
        String bad = switch (kind) {
            case "flipped" -> flip(good, good.length() / 3);
            case "truncated" -> good.substring(0, good.length() - 1);
            case "extended" -> good + "A";
            case "otherKey" -> {
                TestClient other = client(app(options -> options.secretKey(OTHER_KEY)));
                yield sessionCookie(other.get("/set?v=value")).value();
            }
            case "garbage" -> "not.a.session";
            case "empty" -> "";
            case "null" -> "null";
            default -> throw new IllegalArgumentException(kind);
        };
        client.cookies().clear();
        client.cookies().set(COOKIE, bad);

        TestResponse read = client.get("/get");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(Json.object("key", null));
        assertThat(read.headers().getAll("set-cookie")).as("a bad cookie is not cleared on a read").isEmpty();
        TestResponse written = client.get("/set?v=fresh");
        assertThat(written.status()).isEqualTo(200);
        assertThat(sessionCookie(written).value()).isNotEqualTo(bad);
        assertThat(client.get("/all").json()).isEqualTo(Map.of("key", "fresh"));
    }

    /** The cookie with one character changed. */
    protected static String flip(String value, int index) {
        char c = value.charAt(index);
        char other = c == 'A' ? 'B' : 'A';
        return value.substring(0, index) + other + value.substring(index + 1);
    }

    // ----- failures -----

    @Test
    void savedWhenTheHandlerThrows() {
        TestClient client = lenientClient(app());

        TestResponse boom = client.get("/boom");

        assertThat(boom.status()).isEqualTo(500);
        assertThat(sessionCookie(boom)).as("set-cookie on the 500").isNotNull();
        assertThat(value(client, "boom")).isEqualTo("saved");
    }

    @Test
    void savedWhenTheHandlerRaisesAnHTTPException() {
        TestClient client = client(app());

        TestResponse teapot = client.get("/teapot");

        assertThat(teapot.status()).isEqualTo(418);
        assertThat(teapot.json()).isEqualTo(Map.of("detail", "short and stout"));
        assertThat(value(client, "teapot")).isEqualTo("saved");
    }

    // ----- keys -----

    @Test
    void rotatingTheKeyKeepsSessionsAndReissuesThem() {
        SecretKey newKey = SecretKey.of("the-new-key-after-rotation-0123456789abcdef");
        TestClient before = client(app(options -> options.secretKey(KEY)));
        String old = sessionCookie(before.get("/set?v=value")).value();

        TestClient during = client(app(options -> options.secretKeys(List.of(newKey, KEY))));
        during.cookies().set(COOKIE, old);
        TestResponse read = during.get("/get");
        assertThat(read.json()).isEqualTo(Map.of("key", "value"));
        String reissued = sessionCookie(read).value();
        assertThat(reissued).as("re-issued under the new key").isNotEqualTo(old);

        TestClient after = client(app(options -> options.secretKey(newKey)));
        after.cookies().set(COOKIE, reissued);
        assertThat(value(after, "key")).isEqualTo("value");
        after.cookies().set(COOKIE, old);
        assertThat(value(after, "key")).as("the old key is gone").isNull();
    }
}
