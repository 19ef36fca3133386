package io.ifastapi.bench;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Address;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Response;
import io.ifastapi.http.URL;
import io.ifastapi.internal.ServerRequest;
import io.ifastapi.json.Json;
import io.ifastapi.params.Body;
import io.ifastapi.params.Default;
import io.ifastapi.params.Header;
import io.ifastapi.params.Query;
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
import org.openjdk.jmh.annotations.TearDown;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The cost of declared inputs per request: a route with five typed query/header parameters and a small JSON body,
 * bound and validated from its record ({@code typed}), beside the same inputs read by hand with
 * {@code request.queryParam}/{@code header} and Jackson databind for the body, unvalidated ({@code raw}), and the
 * typed route answering a 422 with three errors ({@code typedInvalid}, the 422 response made by the app's exception
 * handling). Each request goes through the whole app in process, no socket: {@code app.handle(new ServerRequest(...))}
 * (ServerErrorMiddleware, ExceptionMiddleware, the router, binding, the handler), then {@code complete()} as a server
 * calls it once the response is out. Both handlers return a prebuilt response, so what differs between the cases is
 * binding and validation.
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
    private IFastAPI app;
    private URL typedUrl;
    private URL rawUrl;

    @Setup
    public void setUp() throws Exception {
        app = new IFastAPI();
        app.post("/typed", Inputs.class, (request, in) -> in.item().stock() + in.limit() >= 0 ? ok : null);
        app.post("/raw", request -> {
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
        app.startup();
        if (typed() != ok || raw() != ok || typedInvalid().status() != 422) {
            throw new IllegalStateException("the routes do not answer as expected");
        }
    }

    @TearDown
    public void tearDown() {
        app.shutdown();
    }

    @Benchmark
    public Response raw() {
        return handle(rawUrl, BODY);
    }

    @Benchmark
    public Response typed() {
        return handle(typedUrl, BODY);
    }

    @Benchmark
    public Response typedInvalid() {
        return handle(typedUrl, BAD_BODY);
    }

    private Response handle(URL url, byte[] body) {
        ServerRequest request = new ServerRequest("POST", url, headers, client, new ByteArrayInputStream(body));
        Response response = app.handle(request);
        request.complete(); // as a server does once the response is out: dependencies' teardown would run here
        return response;
    }
}
