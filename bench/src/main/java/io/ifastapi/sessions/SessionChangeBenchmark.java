package io.ifastapi.sessions;

import io.ifastapi.bench.Fixtures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cookie backend's modification check, run after every request that wrote to (or took a mutable value out of)
 * its session: {@code PythonJson.dumps(session)} compared with the JSON the cookie carried, by CookieBackend's own
 * code (this class sits in its package for that). {@code unchanged} is a write of the same value (no cookie is
 * sent); {@code changed} is /counter's case, where the text differs and the check also parses both texts to rule out
 * a mere change of key order.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SessionChangeBenchmark {

    @Param({"demo", "1KiB"})
    public String session;

    private Map<String, Object> same;
    private Map<String, Object> changed;
    private String originalJson;

    @Setup
    public void setUp() {
        Map<String, Object> original = Fixtures.session(session);
        original.put("n", 1);
        originalJson = PythonJson.dumps(original);
        same = PythonJson.parse(originalJson);
        changed = new LinkedHashMap<>(same);
        changed.put("n", 2);
        if (changed(same) || !changed(changed)) {
            throw new IllegalStateException("The check is wrong");
        }
    }

    @Benchmark
    public boolean unchanged() {
        return changed(same);
    }

    @Benchmark
    public boolean changed() {
        return changed(changed);
    }

    /** CookieBackend.save's check once a key was touched: the session's JSON, then the comparison. */
    private boolean changed(Map<String, Object> values) {
        return CookieBackend.changed(PythonJson.dumps(values), originalJson);
    }
}
