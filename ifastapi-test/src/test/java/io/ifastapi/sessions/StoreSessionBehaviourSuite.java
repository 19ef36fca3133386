package io.ifastapi.sessions;

import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.ServerFactory;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import io.ifastapi.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SessionBehaviourSuite} for server-side stores, plus what only a store can do: the cookie is a signed random
 * id, the store is asked only when the session is used and written only when it changed, ids are regenerated and
 * sessions deleted on the server, idle and absolute expiry, and concurrent requests of one user that change different
 * keys both survive. The store under test is wrapped in a {@link CountingSessionStore} to count round trips.
 */
public abstract class StoreSessionBehaviourSuite extends SessionBehaviourSuite {
    private static final String SIGNED_ID = "[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}";

    /** The store of the current test, counted. */
    protected CountingSessionStore store;

    /** A new, empty store for one test; closed after it. */
    protected abstract SessionStore newStore();

    /** The server adapter the concurrency tests run on (a real server: the core has none, each subclass picks one). */
    protected abstract ServerFactory serverFactory();

    /** An idle time to live short enough to wait for with {@link #elapse}. */
    protected abstract Duration idleTtl();

    /** Lets time pass as the store sees it: a fake clock moves, or the test sleeps. */
    protected abstract void elapse(Duration duration) throws InterruptedException;

    @BeforeEach
    void openStore() {
        store = new CountingSessionStore(newStore());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Override
    protected final SessionMiddleware.Builder backend(SessionMiddleware.Builder builder) {
        return builder.store(store);
    }

    /** The id part of a session cookie value {@code <id>.<signature>}. */
    protected static String idOf(String cookieValue) {
        return cookieValue.substring(0, cookieValue.indexOf('.'));
    }

    protected static String idOf(TestClient client) {
        return idOf(client.cookies().get(COOKIE));
    }

    private Duration fraction(double f) {
        return Duration.ofNanos((long) (idleTtl().toNanos() * f));
    }

    // ----- the cookie -----

    @Test
    void theCookieCarriesOnlyASignedRandomIdOfAtLeast128Bits() {
        IFastAPI app = app();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            TestClient client = client(app);
            String value = sessionCookie(client.get("/set?v=the-secret-value")).value();

            assertThat(value).matches(SIGNED_ID);
            byte[] id = Base64.getUrlDecoder().decode(idOf(value));
            assertThat(id.length * 8).isGreaterThanOrEqualTo(128);
            assertThat(value).doesNotContain("secret");
            assertThat(store.delegate().load(idOf(value))).containsEntry("key", "\"the-secret-value\"");
            ids.add(idOf(value));
        }
        assertThat(ids).as("every session its own id").hasSize(20);
    }

    @Test
    void anIdSignedWithAnotherKeyIsRefusedBeforeTheStoreIsAsked() {
        TestClient client = client(app());
        String id = idOf(sessionCookie(client.get("/set?v=value")).value());
        store.reset();

        client.cookies().set(COOKIE, new SessionIdSigner(List.of(OTHER_KEY)).sign(id));
        assertThat(value(client, "key")).isNull();
        client.cookies().set(COOKIE, id + "." + "A".repeat(43));
        assertThat(value(client, "key")).isNull();

        assertThat(store.roundTrips()).as("%s", store).isZero();
    }

    // ----- lazy load, write only on change -----

    @Test
    void aRequestThatNeverTouchesTheSessionCostsNoRoundTrip() {
        TestClient client = client(app());
        client.get("/set?v=value");
        store.reset();

        for (int i = 0; i < 5; i++) {
            assertThat(client.get("/hello").status()).isEqualTo(200);
        }

        assertThat(store.roundTrips()).as("%s", store).isZero();
    }

    @Test
    void aReadCostsOneLoadAndNoWrite() {
        TestClient client = client(app());
        client.get("/set?v=value");
        client.get("/cart/add?item=apple");
        store.reset();

        assertThat(value(client, "key")).isEqualTo("value");
        assertThat(value(client, "cart")).isEqualTo(List.of("apple")); // handed out mutable, but unchanged

        assertThat(store.loads()).isEqualTo(2);
        assertThat(store.saveCount() + store.touches() + store.deletes()).as("%s", store).isZero();
    }

    @Test
    void onlyTheChangedKeysAreWritten() {
        TestClient client = client(app());
        client.get("/set?k=a&v=1");
        client.get("/set?k=b&v=2");
        client.get("/cart/add?item=apple");
        String id = idOf(client);
        store.reset();

        client.get("/set?k=a&v=one");
        assertThat(store.lastSave()).isEqualTo(
                new CountingSessionStore.Save(id, Map.of("a", "\"one\""), Set.of(), Duration.ofDays(14)));

        client.get("/cart/add?item=pear");
        assertThat(store.lastSave().upserts()).isEqualTo(Map.of("cart", "[\"apple\",\"pear\"]"));

        client.get("/remove?k=b");
        assertThat(store.lastSave().upserts()).isEmpty();
        assertThat(store.lastSave().removals()).isEqualTo(Set.of("b"));

        client.get("/set?k=a&v=one"); // the same value: no write
        assertThat(store.saveCount()).isEqualTo(3);
        assertThat(store.touches()).isZero();
    }

    @Test
    void aNewSessionIsWrittenOnceWhole() {
        TestClient client = client(app());

        client.get("/set?v=value");

        assertThat(store.saveCount()).isEqualTo(1);
        assertThat(store.lastSave().upserts()).containsEntry("key", "\"value\"");
        assertThat(store.lastSave().ttl()).as("the first ttl, until the session comes back")
                .isEqualTo(SessionMiddleware.Builder.DEFAULT_NEW_SESSION_TTL);
        assertThat(store.loads()).as("no cookie: nothing to load").isZero();
    }

    // ----- expiry -----

    @Test
    void anUnusedSessionExpiresAfterMaxAge() throws InterruptedException {
        TestClient client = client(app(options -> options.maxAge(idleTtl())));
        client.get("/set?v=value");
        String id = idOf(client);
        value(client, "key"); // the second request: the session gets the full ttl, counted from here

        elapse(fraction(0.5));
        assertThat(value(client, "key")).as("half way").isEqualTo("value");
        elapse(fraction(0.7)); // a read without rolling does not extend it

        assertThat(value(client, "key")).as("expired").isNull();
        assertThat(store.delegate().load(id)).isNull();
        client.get("/set?v=again");
        assertThat(idOf(client)).as("a new id, never the expired one").isNotEqualTo(id);
    }

    @Test
    void aWriteRestartsTheIdleTime() throws InterruptedException {
        TestClient client = client(app(options -> options.maxAge(idleTtl()).newSessionTtl(idleTtl())));
        client.get("/counter");

        elapse(fraction(0.6));
        client.get("/counter");
        elapse(fraction(0.6));

        assertThat(client.get("/counter").json()).isEqualTo(Map.of("n", 3));
    }

    @Test
    void rollingTouchesAnUnmodifiedSessionSoItLivesOn() throws InterruptedException {
        TestClient client = client(app(options -> options.maxAge(idleTtl()).rolling(true)));
        String cookie = sessionCookie(client.get("/set?v=value")).value();
        client.get("/hello"); // rolling: the session's second request, which gives it the full ttl
        store.reset();

        elapse(fraction(0.6));
        TestResponse read = client.get("/get");
        assertThat(read.json()).isEqualTo(Map.of("key", "value"));
        assertThat(store.touches()).as("%s", store).isEqualTo(1);
        assertThat(store.saveCount()).as("touched, not rewritten").isZero();
        assertThat(sessionCookie(read).value()).as("the cookie is re-issued, same id").isEqualTo(cookie);

        elapse(fraction(0.6)); // 1.2 ttl after the write, 0.6 after the touch
        assertThat(value(client, "key")).isEqualTo("value");

        elapse(fraction(1.3));
        assertThat(value(client, "key")).as("idle longer than max age").isNull();
    }

    @Test
    void absoluteLifetimeEndsEvenAnActiveSession() {
        // The middleware's clock, for the absolute lifetime; the store's idle expiry has its own.
        MutableClock clock = new MutableClock(Instant.parse("2030-06-01T12:00:00Z"));
        TestClient client = client(app(options -> options.clock(clock).rolling(true)
                .absoluteLifetime(Duration.ofHours(1))));
        client.get("/set?v=value");
        String id = idOf(client);

        for (int minutes = 0; minutes < 55; minutes += 5) {
            clock.advance(Duration.ofMinutes(5));
            client.get("/counter");
        }
        assertThat(value(client, "key")).as("55 active minutes").isEqualTo("value");

        clock.advance(Duration.ofMinutes(6));
        TestResponse late = client.get("/get");
        assertThat(late.json()).isEqualTo(Json.object("key", null));
        assertThat(store.delegate().load(id)).as("deleted from the store").isNull();

        client.get("/set?v=fresh");
        assertThat(idOf(client)).isNotEqualTo(id);
        clock.advance(Duration.ofMinutes(30));
        assertThat(value(client, "key")).as("a new session has a new lifetime").isEqualTo("fresh");
    }

    // ----- unknown ids -----

    @Test
    void anUnknownIdGivesAFreshSessionUnderANewId() {
        TestClient client = client(app());
        String unknown = SessionIdSigner.newId();
        String forged = new SessionIdSigner(List.of(KEY)).sign(unknown); // authentic, but never stored
        client.cookies().set(COOKIE, forged);

        TestResponse read = client.get("/get");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(Json.object("key", null));
        assertThat(read.headers().getAll("set-cookie")).isEmpty();

        client.get("/set?v=value");
        assertThat(idOf(client)).as("never the id the client sent").isNotEqualTo(unknown);
        assertThat(store.delegate().load(unknown)).isNull();
        assertThat(value(client, "key")).isEqualTo("value");
    }

    @Test
    void aSessionDeletedOnTheServerComesBackEmptyUnderANewId() {
        TestClient client = client(app());
        client.get("/counter");
        client.get("/counter");
        String id = idOf(client);

        store.delegate().delete(id); // e.g. an admin revoked it

        assertThat(client.get("/counter").json()).isEqualTo(Map.of("n", 1));
        assertThat(idOf(client)).isNotEqualTo(id);
        assertThat(store.delegate().load(id)).isNull();
    }

    // ----- logging in and out -----

    @Test
    void regenerateIdMovesTheDataToANewIdAndDeletesTheOld() {
        TestClient client = client(app());
        client.get("/set?v=value");
        client.get("/counter");
        String oldCookie = client.cookies().get(COOKIE);
        String oldId = idOf(oldCookie);

        TestResponse regenerated = client.get("/regenerate");

        String newId = idOf(sessionCookie(regenerated).value());
        assertThat(newId).isNotEqualTo(oldId).matches("[A-Za-z0-9_-]{43}");
        assertThat(store.delegate().load(oldId)).as("old id deleted").isNull();
        assertThat(store.delegate().load(newId)).containsEntry("key", "\"value\"").containsEntry("n", "1");
        assertThat(client.get("/counter").json()).isEqualTo(Map.of("n", 2));

        client.cookies().set(COOKIE, oldCookie); // the attacker's fixed id is worth nothing now
        assertThat(client.get("/all").json()).isEmpty();
    }

    @Test
    void invalidateDeletesTheSessionOnTheServer() {
        TestClient client = client(app());
        client.get("/set?v=value");
        String cookie = client.cookies().get(COOKIE);

        assertThat(clearsTheCookie(client.get("/invalidate"))).isTrue();

        assertThat(store.delegate().load(idOf(cookie))).isNull();
        client.cookies().set(COOKIE, cookie); // a stolen copy of the cookie is worthless after logout
        assertThat(value(client, "key")).isNull();
    }

    @Test
    void aValuePutAfterInvalidateGoesToANewId() {
        TestClient client = client(app());
        client.get("/set?v=secret");
        String oldId = idOf(client);

        client.get("/invalidate-then-flash");

        assertThat(idOf(client)).isNotEqualTo(oldId);
        assertThat(store.delegate().load(oldId)).isNull();
        assertThat(store.delegate().load(idOf(client))).containsOnlyKeys("flash", StoreBackend.CREATED,
                StoreBackend.FIRST_VISIT);
    }

    // ----- a slow request still in flight at logout or login (issue 10) -----

    /** A user who came back once (so the session has its full ttl); returns the cookie. */
    private String loggedIn(TestClient user) {
        user.get("/set?k=user&v=alice");
        user.get("/get?k=user");
        return user.cookies().get(COOKIE);
    }

    @Test
    void aSlowWriteInFlightAtLogoutDoesNotBringTheSessionBack() throws Exception {
        IFastAPI app = app();
        TestClient user = client(app);
        String cookie = loggedIn(user);
        String id = idOf(cookie);
        java.util.concurrent.Future<TestResponse> slow = slowRequest(app, cookie, "/slow?k=cart&v=late");

        assertThat(clearsTheCookie(user.get("/invalidate"))).isTrue();
        slowGate.countDown();
        TestResponse late = slow.get(20, TimeUnit.SECONDS);

        assertThat(late.status()).isEqualTo(200);
        assertThat(late.headers().getAll("set-cookie")).as("no old id after the clearing cookie").isEmpty();
        assertThat(store.delegate().load(id)).as("the deleted id is not recreated").isNull();
        user.cookies().set(COOKIE, cookie);
        assertThat(user.get("/all").json()).isEmpty();
    }

    /** Session fixation: an attacker's planted id, with one of their requests in flight, dies at the login. */
    @Test
    void aPlantedIdWithASlowWriteInFlightDoesNotSurviveRegenerateId() throws Exception {
        IFastAPI app = app();
        TestClient attacker = client(app);
        String planted = loggedIn(attacker);
        TestClient victim = client(app);
        victim.cookies().set(COOKIE, planted);
        java.util.concurrent.Future<TestResponse> slow = slowRequest(app, planted, "/slow?k=user&v=mallory");

        victim.get("/set?k=user&v=victim");
        TestResponse login = victim.get("/regenerate");
        String fresh = sessionCookie(login).value();
        slowGate.countDown();
        TestResponse late = slow.get(20, TimeUnit.SECONDS);

        assertThat(late.headers().getAll("set-cookie")).as("the old id is not sent again").isEmpty();
        assertThat(store.delegate().load(idOf(planted))).as("the planted id stays deleted").isNull();
        assertThat(value(victim, "user")).isEqualTo("victim");
        assertThat(idOf(victim)).isEqualTo(idOf(fresh));
        attacker.cookies().set(COOKIE, planted);
        assertThat(attacker.get("/all").json()).as("the planted id is worth nothing").isEmpty();
    }

    @Test
    void aSlowRollingReadInFlightAtLogoutSendsNoCookie() throws Exception {
        IFastAPI app = app(options -> options.rolling(true));
        TestClient user = client(app);
        String cookie = loggedIn(user);
        java.util.concurrent.Future<TestResponse> slow = slowRequest(app, cookie, "/slow?k=user&read=1");

        assertThat(clearsTheCookie(user.get("/invalidate"))).isTrue();
        slowGate.countDown();
        TestResponse late = slow.get(20, TimeUnit.SECONDS);

        assertThat(late.json()).isEqualTo(Map.of("before", "alice"));
        assertThat(late.headers().getAll("set-cookie")).as("no re-issued old cookie after the clearing one").isEmpty();
        assertThat(store.delegate().load(idOf(cookie))).isNull();
    }

    // ----- floods (issue 10) -----

    @Test
    void aNewSessionLivesOnlyTheShortFirstTtlUntilItComesBack() throws InterruptedException {
        Duration first = fraction(0.2);
        TestClient flood = client(app(options -> options.maxAge(idleTtl()).newSessionTtl(first)));
        TestClient user = client(app(options -> options.maxAge(idleTtl()).newSessionTtl(first)));
        flood.get("/set?v=bot");
        String bot = idOf(flood);
        user.get("/set?v=alice");
        assertThat(value(user, "key")).as("the second request").isEqualTo("alice");
        assertThat(store.delegate().load(idOf(user))).doesNotContainKey(StoreBackend.FIRST_VISIT);

        elapse(fraction(0.5));

        assertThat(store.delegate().load(bot)).as("never came back: gone after the first ttl").isNull();
        assertThat(value(user, "key")).as("came back: the full ttl").isEqualTo("alice");
    }

    @Test
    void rotatingTheKeyKeepsTheId() {
        SecretKey newKey = SecretKey.of("the-new-key-after-rotation-0123456789abcdef");
        TestClient before = client(app());
        String old = sessionCookie(before.get("/set?v=value")).value();

        TestClient during = client(app(options -> options.secretKeys(List.of(newKey, KEY))));
        during.cookies().set(COOKIE, old);

        assertThat(idOf(sessionCookie(during.get("/get")).value())).isEqualTo(idOf(old));
    }

    // ----- concurrency, over a real server -----

    @Test
    void concurrentRequestsThatChangeDifferentKeysBothSurvive() throws Exception {
        IFastAPI app = app();
        Server server = app.server(serverFactory()).start(ServerConfig.defaults().port(0));
        try {
            TestClient user = track(TestClient.forServer(server));
            user.get("/set?k=base&v=0");
            String cookie = user.cookies().get(COOKIE);

            race(server, cookie, "/race?k=a&v=A", "/race?k=b&v=B");

            Map<String, Object> all = user.get("/all").json();
            assertThat(all).containsOnlyKeys("base", "a", "b");
            assertThat(all.get("a")).isEqualTo(raceValue("A"));
            assertThat(all.get("b")).isEqualTo(raceValue("B"));
        } finally {
            server.stop();
        }
    }

    /**
     * Documented behaviour: two requests that change the same key at once both succeed, and the key ends up with
     * one of the two values, whole (last writer wins per key); never a mix of both.
     */
    @Test
    void concurrentWritesOfTheSameKeyLeaveOneWholeValue() throws Exception {
        IFastAPI app = app();
        Server server = app.server(serverFactory()).start(ServerConfig.defaults().port(0));
        try {
            TestClient user = track(TestClient.forServer(server));
            user.get("/set?k=other&v=kept");
            String cookie = user.cookies().get(COOKIE);

            for (int round = 0; round < 5; round++) {
                race(server, cookie, "/race?k=x&v=A" + round, "/race?k=x&v=B" + round);

                Object x = value(user, "x");
                assertThat(x).isIn(raceValue("A" + round), raceValue("B" + round));
                assertThat(value(user, "other")).isEqualTo("kept");
            }
        } finally {
            server.stop();
        }
    }

    /** Sends the two requests at once, each with the session cookie, through the {@code /race} barrier. */
    private void race(Server server, String cookie, String first, String second) throws Exception {
        raceBarrier = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<TestResponse>> responses = new ArrayList<>();
            for (String path : List.of(first, second)) {
                TestClient client = track(TestClient.forServer(server));
                client.cookies().set(COOKIE, cookie);
                responses.add(threads.submit(() -> client.get(path)));
            }
            for (Future<TestResponse> response : responses) {
                assertThat(response.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
