package io.ifastapi.sessions;

import static io.ifastapi.sessions.SessionApps.SECRET;
import static io.ifastapi.sessions.SessionApps.START;
import static io.ifastapi.sessions.SessionApps.cookieValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.ifastapi.IFastAPI;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import java.math.BigInteger;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fuzz and property tests through the middleware and an in-process app, for both cookie codecs:
 * <ul>
 *   <li>every single-character change, every truncation and a few extensions of a valid cookie give an empty session,
 *       a 200 and no Set-Cookie (the cookie is not cleared);</li>
 *   <li>random nested sessions (seeded, so a failure is reproducible) written by one request are read back equal,
 *       key order and number types included, by the next.</li>
 * </ul>
 */
class SessionFuzzTest {

    private static final Clock FIXED = Clock.fixed(START, ZoneOffset.UTC);
    /** Replacements for each position: the base64 alphabets, their padding, and the separator. */
    private static final String REPLACEMENTS = "Aa0zZ9+/-_=.";
    private static final int RANDOM_SESSIONS = 150;
    /** The session whose cookie is mutated: a bit of everything, nested. */
    private static final Map<String, Object> LOGGED_IN = Map.of("user_id", 42, "name", "Zo\u00eb",
            "cart", List.of(Map.of("sku", "A-1", "qty", 2)), "admin", false);

    /**
     * An app whose {@code GET /read} records the session it sees, {@code POST /login} writes {@link #LOGGED_IN} and
     * {@code POST /write/{seed}} writes a random session.
     */
    private static IFastAPI app(boolean encrypted, AtomicReference<Map<String, Object>> seen) {
        var app = new IFastAPI();
        app.addMiddleware(SessionMiddleware.builder().secretKey(SECRET).encrypted(encrypted).clock(FIXED).build());
        app.get("/read", request -> {
            seen.set(new LinkedHashMap<>(request.session().asMap()));
            return "read";
        });
        app.post("/login", request -> {
            LOGGED_IN.forEach(request.session()::put);
            return "logged in";
        });
        app.post("/write/{seed:int}", request -> {
            randomSession(request.<Integer>pathParam("seed")).forEach(request.session()::put);
            return "written";
        });
        return app;
    }

    // ----- mutations of a valid cookie -----

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void everySingleCharacterChangeTruncationAndExtensionGivesAnEmptySession(boolean encrypted) {
        var seen = new AtomicReference<Map<String, Object>>();
        try (var client = new TestClient(app(encrypted, seen))) {
            String valid = cookieValue(client.post("/login").send());
            client.cookies().clear();
            assertThat(read(client, seen, valid)).as("the unchanged cookie").isEqualTo(LOGGED_IN);

            List<String> mutants = mutants(valid);
            List<String> failures = new ArrayList<>();
            for (String mutant : mutants) {
                seen.set(null);
                TestResponse response = client.request("GET", "/read").cookie("session", mutant).send();
                if (response.status() != 200 || seen.get() == null || !seen.get().isEmpty()
                        || response.headers().contains("set-cookie")) {
                    failures.add(mutant + " -> " + response.status() + " " + seen.get() + " "
                            + response.headers().getAll("set-cookie"));
                }
            }

            assertThat(valid.length()).isGreaterThan(100);
            assertThat(mutants).hasSizeGreaterThan(valid.length() * (REPLACEMENTS.length() - 1));
            assertThat(failures).as("mutants of %s accepted or answered badly", valid).isEmpty();
        }
    }

    /** Every cookie one edit away from {@code valid}: each position replaced, each prefix and suffix, extensions. */
    private static List<String> mutants(String valid) {
        List<String> mutants = new ArrayList<>();
        for (int i = 0; i < valid.length(); i++) {
            for (char c : REPLACEMENTS.toCharArray()) {
                if (c != valid.charAt(i)) {
                    mutants.add(valid.substring(0, i) + c + valid.substring(i + 1));
                }
            }
        }
        for (int length = 0; length < valid.length(); length++) {
            mutants.add(valid.substring(0, length));
            mutants.add(valid.substring(valid.length() - length));
        }
        for (char c : REPLACEMENTS.toCharArray()) {
            mutants.add(valid + c);
            mutants.add(c + valid);
        }
        mutants.add(valid + valid);
        mutants.add(valid + "." + valid.substring(valid.lastIndexOf('.') + 1));
        return mutants;
    }

    private static Map<String, Object> read(TestClient client, AtomicReference<Map<String, Object>> seen,
            String cookie) {
        seen.set(null);
        assertThat(client.request("GET", "/read").cookie("session", cookie).send().status()).isEqualTo(200);
        return seen.get();
    }

    // ----- random sessions round trip -----

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void randomNestedSessionsRoundTripEndToEnd(boolean encrypted) {
        var seen = new AtomicReference<Map<String, Object>>();
        try (var client = new TestClient(app(encrypted, seen))) {
            for (int seed = 0; seed < RANDOM_SESSIONS; seed++) {
                client.cookies().clear();
                Map<String, Object> expected = randomSession(seed);

                TestResponse written = client.post("/write/" + seed).send();
                assertThat(written.headers().getAll("set-cookie")).as("seed %d", seed).hasSize(1);
                seen.set(null);
                TestResponse read = client.get("/read");

                assertThat(read.headers().contains("set-cookie")).as("seed %d: a read is no change", seed).isFalse();
                assertThat(seen.get()).as("seed %d", seed).isEqualTo(expected);
                assertThat(PythonJson.dumps(seen.get())).as("seed %d, order and types at every level", seed)
                        .isEqualTo(PythonJson.dumps(expected));
            }
        }
    }

    /**
     * A random session of JSON values as the codecs read them back: Integer within int range, Long beyond it,
     * BigInteger beyond long, Double (NaN and the infinities included), String (escapes, non-ASCII, astral), Boolean,
     * null, ArrayList, LinkedHashMap; nested up to three levels. Kept under ~2 KB of JSON so that it fits a cookie.
     */
    static Map<String, Object> randomSession(long seed) {
        Random random = new Random(seed);
        while (true) {
            Map<String, Object> session = new LinkedHashMap<>();
            int keys = 1 + random.nextInt(6);
            for (int i = 0; i < keys; i++) {
                session.put(randomString(random), randomValue(random, 0));
            }
            if (PythonJson.dumps(session).length() <= 2000) {
                return session;
            }
        }
    }

    private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u0000", "\u001f",
        "\u007f", "\u00e9", "\u4e2d", "\u2028", "\ud83d\ude00", "</script>", "'", "%", "+", ";", ","};

    private static final double[] DOUBLES = {0.0, -0.0, 0.1, 1.0, -1.5, 1e16, 1e-7, 123456789.123, Double.MIN_VALUE,
        Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    private static String randomString(Random random) {
        StringBuilder out = new StringBuilder();
        int pieces = random.nextInt(7);
        for (int i = 0; i < pieces; i++) {
            out.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return out.toString();
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth >= 3 ? 7 : 9);
        return switch (kind) {
            case 0 -> randomString(random);
            case 1 -> random.nextBoolean() ? random.nextInt(1000) - 500 : random.nextInt();
            case 2 -> (random.nextBoolean() ? 1 : -1) * ((long) Integer.MAX_VALUE + 1 + (random.nextLong() >>> 2));
            case 3 -> BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.TWO).add(new BigInteger(64, random))
                    .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1));
            case 4 -> random.nextBoolean() ? DOUBLES[random.nextInt(DOUBLES.length)]
                    : finiteDouble(random);
            case 5 -> random.nextBoolean();
            case 6 -> null;
            case 7 -> {
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    map.put(randomString(random), randomValue(random, depth + 1));
                }
                yield map;
            }
        };
    }

    private static double finiteDouble(Random random) {
        double d;
        do {
            d = Double.longBitsToDouble(random.nextLong());
        } while (Double.isNaN(d) || Double.isInfinite(d));
        return d;
    }
}
