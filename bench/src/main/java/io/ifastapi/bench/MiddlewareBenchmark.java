package io.ifastapi.bench;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Address;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.URL;
import io.ifastapi.internal.ServerRequest;
import io.ifastapi.json.Json;
import io.ifastapi.middleware.CORSMiddleware;
import io.ifastapi.middleware.GZipMiddleware;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the standard middleware cost per request, in process (no socket): one app per setting, the same routes.
 * {@code json2k} is a GET of a 2 KB JSON list, {@code simple} a GET of {"message":"hello"}; both carry the headers a
 * browser on another origin sends ({@code Origin}, {@code Accept-Encoding: gzip, deflate, br}).
 *
 * <ul>
 *   <li>{@code none}: no middleware, the baseline;</li>
 *   <li>{@code gzip}: GZipMiddleware with Starlette's defaults (level 9, minimum 500 bytes): json2k is compressed,
 *       simple is under the minimum;</li>
 *   <li>{@code gzip6}: the same at zlib's default level 6;</li>
 *   <li>{@code cors}: CORSMiddleware allowing the origin, with credentials (the headers of a simple CORS request).</li>
 * </ul>
 * The difference to {@code none} is the middleware's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MiddlewareBenchmark {

    @Param({"none", "gzip", "gzip6", "cors"})
    public String middleware;

    private final Address client = new Address("127.0.0.1", 50000);
    private IFastAPI app;

    @Setup
    public void setUp() throws Exception {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", i);
            item.put("name", "item number " + i);
            item.put("tags", List.of("a", "b", "c"));
            items.add(item);
        }
        int size = Json.bytes(items).length;
        if (size < 1900 || size > 2200) {
            throw new IllegalStateException("json2k should be about 2 KB, is " + size + " bytes");
        }
        app = new IFastAPI();
        app.get("/json2k", request -> items);
        app.get("/simple", request -> Map.of("message", "hello"));
        switch (middleware) {
            case "none" -> { }
            case "gzip" -> app.addMiddleware(new GZipMiddleware());
            case "gzip6" -> app.addMiddleware(GZipMiddleware.builder().compressLevel(6).build());
            case "cors" -> app.addMiddleware(CORSMiddleware.builder().allowOrigins("https://shop.example")
                    .allowCredentials(true).build());
            default -> throw new IllegalArgumentException(middleware);
        }
        app.startup();
        Response json = json2k();
        boolean compressed = "gzip".equals(json.headers().get("content-encoding"));
        if (compressed != middleware.startsWith("gzip")) {
            throw new IllegalStateException(middleware + ": json2k answered " + json);
        }
        boolean cors = "https://shop.example".equals(simple().headers().get("access-control-allow-origin"));
        if (cors != middleware.equals("cors")) {
            throw new IllegalStateException(middleware + ": simple answered " + simple());
        }
    }

    @Benchmark
    public Response json2k() {
        return app.handle(request("/json2k"));
    }

    @Benchmark
    public Response simple() {
        return app.handle(request("/simple"));
    }

    private Request request(String path) {
        Headers headers = Headers.of("Host", "127.0.0.1:8000", "Origin", "https://shop.example",
                "Accept-Encoding", "gzip, deflate, br");
        return new ServerRequest("GET", new URL("http", "127.0.0.1", 8000, path, null), headers, client, null);
    }
}
