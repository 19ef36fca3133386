package io.ifastapi.bench;

import io.ifastapi.http.Address;
import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Response;
import io.ifastapi.http.URL;
import io.ifastapi.internal.ServerRequest;
import io.ifastapi.json.Json;
import io.ifastapi.params.Body;
import io.ifastapi.params.Default;
import io.ifastapi.params.Header;
import io.ifastapi.params.Query;
import io.ifastapi.routing.Router;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The cost of declared inputs per request: a route with five typed query/header parameters and a small JSON body,
 * bound and validated from its record ({@code typed}), beside the same inputs read by hand with
 * {@code request.queryParam}/{@code header} and Jackson databind for the body, unvalidated ({@code raw}), and the
 * typed route answering a 422 with three errors ({@code typedInvalid}). Both handlers return a prebuilt response, so
 * what is measured is the request, routing, binding and validation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ParamsBenchmark {
    public enum Category { books, games, music }

    public record ItemIn(@Size(min = 1, max = 50) String name, @DecimalMin(value = "0", inclusive = false) double price,
                         Category category, @Min(0) @Default("0") int stock) {}

    public record Inputs(@Query @Min(1) @Max(100) @Default("10") int limit,
                         @Query @Size(max = 50) Optional<String> q,
                         @Query List<String> tag,
                         @Header("x-request-id") @Size(min = 8) String requestId,
                         @Header @Min(0) @Max(5) @Default("0") int xRetry,
                         @Body ItemIn item) {}

    public record RawItem(String name, double price, Category category, int stock) {}

    private static final byte[] BODY = "{\"name\":\"Dune\",\"price\":9.5,\"category\":\"books\",\"stock\":3}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] BAD_BODY = "{\"name\":\"\",\"price\":0,\"category\":\"films\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final Response ok = Response.text("ok");
    private final Headers headers = Headers.of("Host", "127.0.0.1:8000", "Content-Type", "application/json",
            "X-Request-Id", "req-12345678", "X-Retry", "2");
    private final Address client = new Address("127.0.0.1", 50000);
    private Router router;
    private URL typedUrl;
    private URL rawUrl;

    @Setup
    public void setUp() throws Exception {
        router = new Router();
        router.post("/typed", Inputs.class, (request, in) -> in.item().stock() + in.limit() >= 0 ? ok : null);
        router.post("/raw", request -> {
            String limit = request.queryParam("limit");
            int l = limit == null ? 10 : Integer.parseInt(limit);
            String q = request.queryParam("q");
            List<String> tags = request.queryParams().getAll("tag");
            String id = request.header("x-request-id");
            String retry = request.header("x-retry");
            int r = retry == null ? 0 : Integer.parseInt(retry);
            RawItem item = Json.mapper().readValue(request.body(), RawItem.class);
            return item.stock() + l + r + tags.size() + (q == null ? 0 : 1) + id.length() >= 0 ? ok : null;
        });
        typedUrl = new URL("http", "127.0.0.1", 8000, "/typed", "limit=20&q=dune&tag=a&tag=b");
        rawUrl = new URL("http", "127.0.0.1", 8000, "/raw", "limit=20&q=dune&tag=a&tag=b");
        if (typed() != ok || raw() != ok || typedInvalid() != 422) {
            throw new IllegalStateException("the routes do not answer as expected");
        }
    }

    @Benchmark
    public Response raw() throws Exception {
        return router.handle(new ServerRequest("POST", rawUrl, headers, client, new ByteArrayInputStream(BODY)));
    }

    @Benchmark
    public Response typed() throws Exception {
        return router.handle(new ServerRequest("POST", typedUrl, headers, client, new ByteArrayInputStream(BODY)));
    }

    @Benchmark
    public int typedInvalid() throws Exception {
        try {
            router.handle(new ServerRequest("POST", typedUrl, headers, client, new ByteArrayInputStream(BAD_BODY)));
            return 200;
        } catch (HTTPException e) {
            return e.status();
        }
    }
}
