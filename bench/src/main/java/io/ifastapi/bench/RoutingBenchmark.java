package io.ifastapi.bench;

import io.ifastapi.internal.ServerRequest;
import io.ifastapi.http.Address;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.URL;
import io.ifastapi.routing.Router;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Routing one request among {@code routes} routes, half static ({@code /s7/items}) and half templated
 * ({@code /t8/items/{id:int}}), in alternation, to the last static or the last templated one: the late match, where
 * a scan in order of addition costs most. Each endpoint returns a prebuilt response, so what is measured is the
 * Request (as an adapter builds it), the match, the path parameter conversion and the endpoint call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoutingBenchmark {

    @Param({"10", "100", "1000"})
    public int routes;

    @Param({"static", "templated"})
    public String target;

    private final Response ok = Response.text("ok");
    private final Headers headers = Headers.of("Host", "127.0.0.1:8000");
    private final Address client = new Address("127.0.0.1", 50000);
    private Router router;
    private URL url;

    @Setup
    public void setUp() throws Exception {
        router = new Router();
        String lastStatic = null;
        String lastTemplated = null;
        for (int i = 0; i < routes; i++) {
            if (i % 2 == 0) {
                router.get("/s" + i + "/items", request -> ok);
                lastStatic = "/s" + i + "/items";
            } else {
                router.get("/t" + i + "/items/{id:int}", request -> ok);
                lastTemplated = "/t" + i + "/items/12345";
            }
        }
        url = new URL("http", "127.0.0.1", 8000, target.equals("static") ? lastStatic : lastTemplated, null);
        Response response = route();
        if (response != ok) {
            throw new IllegalStateException(url + " did not reach its route: " + response);
        }
    }

    @Benchmark
    public Response route() throws Exception {
        return router.handle(new ServerRequest("GET", url, headers, client, null));
    }
}
