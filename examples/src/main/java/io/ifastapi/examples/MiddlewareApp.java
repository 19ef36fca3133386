package io.ifastapi.examples;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;
import io.ifastapi.middleware.CORSMiddleware;
import io.ifastapi.middleware.GZipMiddleware;
import io.ifastapi.middleware.HTTPSRedirectMiddleware;
import io.ifastapi.middleware.TrustedHostMiddleware;
import io.ifastapi.server.ServerConfig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard middleware, configured as the reference app {@code middleware.py} configures them in Starlette:
 * GZip (minimum size 500), CORS (two origins and a partner regex, credentials, three methods, two headers, an
 * exposed header, max age 600) and TrustedHost. Answers the reference's routes the same way at the HTTP level. One
 * addition: under {@code /secure} a sub-app behind HTTPSRedirectMiddleware, so that the redirect can be compared too
 * (its Starlette twin, {@code examples/src/test/python/middleware_twin.py}, has the same mount).
 *
 * <p>Run it: {@code PORT=8000 java -jar examples/target/ifastapi-middleware.jar} (HOST and PORT as for every
 * example; default 127.0.0.1:8000).
 */
public final class MiddlewareApp {
    private MiddlewareApp() {
    }

    public static void main(String[] args) {
        create().run(ServerConfig.fromEnvironment(System.getenv()));
    }

    public static IFastAPI create() {
        IFastAPI app = new IFastAPI();
        // last added runs first: TrustedHost, then CORS, then GZip, as with Starlette's add_middleware
        app.addMiddleware(GZipMiddleware.builder().minimumSize(500).build());
        app.addMiddleware(CORSMiddleware.builder()
                .allowOrigins("https://shop.example", "http://localhost:3000")
                .allowOriginRegex("https://[a-z]+\\.partner\\.example")
                .allowCredentials(true)
                .allowMethods("GET", "POST", "DELETE")
                .allowHeaders("X-Token", "Content-Type")
                .exposeHeaders("X-Total")
                .maxAge(600)
                .build());
        app.addMiddleware(TrustedHostMiddleware.builder()
                .allowedHosts("127.0.0.1", "localhost", "*.shop.example")
                .build());

        app.get("/small", request -> Map.of("message", "hello"));

        app.get("/large", request -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", i);
                item.put("name", "item number " + i);
                item.put("tags", List.of("a", "b", "c"));
                items.add(item);
            }
            return Map.of("items", items);
        });

        app.get("/text", request -> Response.text("lorem ipsum dolor sit amet ".repeat(40)));

        // already encoded by the handler: GZip must leave it alone
        app.get("/precompressed", request -> Response.text("x".repeat(1000)).header("Content-Encoding", "identity-custom"));

        app.get("/stream", request -> Response.stream("text/plain; charset=utf-8", out -> {
            for (int i = 0; i < 50; i++) {
                out.write(("line " + i + " " + "y".repeat(40) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }));

        app.get("/events", request -> Response.stream("text/event-stream; charset=utf-8", out -> {
            for (int i = 0; i < 30; i++) {
                out.write(("data: " + "z".repeat(40) + " " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }));

        app.post("/items", request -> {
            // Python's len(): characters of a string, items of a list or object
            Object name = request.json().getOrDefault("name", "");
            int length = switch (name) {
                case String s -> s.codePointCount(0, s.length());
                case List<?> list -> list.size();
                case Map<?, ?> map -> map.size();
                default -> throw new IllegalArgumentException("object of type " + name.getClass().getSimpleName()
                        + " has no len()"); // a 500, as in the reference
            };
            return Response.text(Integer.toString(length)).header("X-Total", "1");
        });

        app.delete("/items/{item_id:int}", request -> Map.of("deleted", request.pathParam("item_id", Integer.class)));

        IFastAPI secure = new IFastAPI();
        secure.get("/account", request -> Map.of("secure", true));
        secure.addMiddleware(new HTTPSRedirectMiddleware());
        app.mount("/secure", secure);
        return app;
    }
}
