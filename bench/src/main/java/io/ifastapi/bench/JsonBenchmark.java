package io.ifastapi.bench;

import io.ifastapi.json.Json;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A handler's return value to response bytes ({@link Json#bytes}, Jackson): the demo's {"message": "hello"} map, the
 * {"key": value} object /get-session returns, and a small record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonBenchmark {

    public record Item(int id, String name, double price, List<String> tags) {
    }

    private final Map<String, String> hello = Map.of("message", "hello");
    private final Item item = new Item(42, "widget", 9.99, List.of("new", "sale"));
    private String value = "value";

    @Benchmark
    public byte[] helloMap() {
        return Json.bytes(hello);
    }

    /** Built per call, as the demo's /get-session handler does. */
    @Benchmark
    public byte[] jsonObject() {
        return Json.bytes(Json.object("key", value));
    }

    @Benchmark
    public byte[] record() {
        return Json.bytes(item);
    }
}
