package io.ifastapi.routing;

import io.ifastapi.internal.ServerRequest;
import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.URL;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router's index (static paths hashed, templated routes and mounts grouped by their literal first segment,
 * templates pre-checked by their literal prefix and suffix) must choose exactly what a plain scan of every entry in
 * order of addition would: the same route, the same 405 with the same Allow, the same slash redirect, the same 404.
 * Checked against such a scan, written here independently (its own template-to-regex translation), on random apps
 * full of overlapping routes and on random paths.
 */
class RouterIndexTest {
    private static final String[] SEGMENTS = {"a", "b", "users", "u7", "{id}", "{id:int}", "x{n}", "{n}y", "{p:path}"};
    private static final String[] PATH_SEGMENTS = {"a", "b", "users", "u7", "12", "x1", "1y", "xy", "q", ""};
    private static final List<List<String>> METHODS = List.of(List.of("GET"), List.of("POST"), List.of("GET", "PUT"));

    /** One route as the reference sees it. */
    private record Spec(int id, String template, Pattern regex, List<String> methods, boolean mount) {
    }

    @Test
    void chooses_exactly_what_a_scan_in_order_chooses() throws Exception {
        Random random = new Random(20261124);
        for (int app = 0; app < 200; app++) {
            Router router = new Router();
            List<Spec> specs = new ArrayList<>();
            int routes = 1 + random.nextInt(30);
            for (int i = 0; i < routes; i++) {
                int id = i;
                if (random.nextInt(10) == 0) {
                    String prefix = "/" + PATH_SEGMENTS[random.nextInt(4)] + (random.nextBoolean() ? "" : "/b");
                    router.mount(prefix, request -> Response.text("mount" + id + ":" + request.routePath()));
                    specs.add(new Spec(id, prefix, mountRegex(prefix), List.of(), true));
                    continue;
                }
                String template = randomTemplate(random);
                List<String> methods = METHODS.get(random.nextInt(METHODS.size()));
                router.route(template, methods, request -> Response.text("route" + id + request.pathParams()));
                specs.add(new Spec(id, template, templateRegex(template), methods, false));
            }
            for (int p = 0; p < 200; p++) {
                String path = randomPath(random);
                String method = random.nextBoolean() ? "GET" : random.nextBoolean() ? "POST" : "DELETE";
                assertThat(outcome(router, method, path))
                        .as("app %d %s %s (routes %s)", app, method, path, specs)
                        .isEqualTo(expected(specs, method, path));
            }
        }
    }

    private static String outcome(Router router, String method, String path) throws Exception {
        try {
            Response response = router.handle(new ServerRequest(method, new URL("http", "h", 80, path, null), new Headers(),
                    null, null));
            if (response.status() == 307) {
                return "redirect " + response.headers().get("location");
            }
            String body = new String(response.body(), StandardCharsets.UTF_8);
            return body.startsWith("mount") ? body : body.replaceAll("=", ":");
        } catch (HTTPException e) {
            return e.status() + (e.status() == 405 ? " " + e.headers() : "");
        }
    }

    /** The plain scan: first entry in order whose path matches and which takes the method. */
    private static String expected(List<Spec> specs, String method, String path) {
        List<String> allowed = new ArrayList<>();
        for (Spec spec : specs) {
            Matcher m = spec.regex.matcher(path);
            if (!m.matches()) {
                continue;
            }
            if (spec.mount) {
                return "mount" + spec.id + ":" + path.substring(spec.template.length());
            }
            List<String> methods = new ArrayList<>(spec.methods);
            if (methods.contains("GET")) {
                methods.add("HEAD");
            }
            if (methods.contains(method)) {
                return "route" + spec.id + params(spec.template, m);
            }
            for (String allow : methods) {
                if (!allowed.contains(allow)) {
                    allowed.add(allow);
                }
            }
        }
        if (!allowed.isEmpty()) {
            return "405 " + Headers.of("Allow", String.join(", ", allowed));
        }
        if (!path.equals("/") && !path.isEmpty()) {
            String other = path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
            for (Spec spec : specs) {
                if (spec.regex.matcher(other).matches()) {
                    return "redirect http://h" + other;
                }
            }
        }
        return "404";
    }

    private static String params(String template, Matcher m) {
        StringBuilder out = new StringBuilder("{");
        Matcher names = Pattern.compile("\\{([a-z]+)(?::([a-z]+))?}").matcher(template);
        int group = 1;
        while (names.find()) {
            String value = m.group(group++);
            Object converted = "int".equals(names.group(2)) ? (Object) Integer.valueOf(value) : value;
            out.append(out.length() > 1 ? ", " : "").append(names.group(1)).append(':').append(converted);
        }
        return out.append('}').toString();
    }

    private static Pattern templateRegex(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile("\\{([a-z]+)(?::([a-z]+))?}").matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            String type = m.group(2) == null ? "str" : m.group(2);
            regex.append(switch (type) {
                case "int" -> "([0-9]+)";
                case "path" -> "(.*)";
                default -> "([^/]+)";
            });
            last = m.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(template.substring(last))).toString());
    }

    private static Pattern mountRegex(String prefix) {
        return Pattern.compile(Pattern.quote(prefix) + "(?:/.*)?");
    }

    private static String randomTemplate(Random random) {
        StringBuilder out = new StringBuilder();
        int segments = 1 + random.nextInt(3);
        boolean hasPath = false;
        List<String> used = new ArrayList<>();
        for (int i = 0; i < segments && !hasPath; i++) {
            String segment = SEGMENTS[random.nextInt(SEGMENTS.length)];
            String name = segment.replaceAll(".*\\{([a-z]+).*", "$1");
            if (segment.contains("{") && used.contains(name)) {
                segment = "b";
            } else if (segment.contains("{")) {
                used.add(name);
            }
            hasPath = segment.contains(":path");
            out.append('/').append(segment);
        }
        if (random.nextInt(5) == 0 && !hasPath) {
            out.append('/');
        }
        return out.toString();
    }

    private static String randomPath(Random random) {
        StringBuilder out = new StringBuilder();
        int segments = random.nextInt(4);
        for (int i = 0; i < segments; i++) {
            out.append('/').append(PATH_SEGMENTS[random.nextInt(PATH_SEGMENTS.length)]);
        }
        if (out.isEmpty() || random.nextInt(5) == 0) {
            out.append('/');
        }
        return out.toString();
    }
}
