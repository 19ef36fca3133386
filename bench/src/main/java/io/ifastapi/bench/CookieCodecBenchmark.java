package io.ifastapi.bench;

import io.ifastapi.sessions.DecodeResult;
import io.ifastapi.sessions.EncryptedCookieCodec;
import io.ifastapi.sessions.SessionCodec;
import io.ifastapi.sessions.SignedCookieCodec;
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
 * The session cookie's per-request crypto: {@code decodeVerify} is what a request carrying a session cookie the
 * server has not seen recently pays when it reads the session (base64, HMAC-SHA1 or AES-GCM, JSON parse: it cycles
 * through {@value #DISTINCT} distinct cookies, far more than the codec's cache of recently verified cookies keeps),
 * {@code decodeAgain} what the next request with the same cookie pays (the usual case: a browser sends the cookie
 * unchanged until the session changes), {@code encodeSign} what a request that changed the session pays (JSON dump,
 * base64, HMAC or AES-GCM). The codecs are the real ones SessionMiddleware builds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CookieCodecBenchmark {

    @Param({"signed", "encrypted"})
    public String codec;

    @Param({"demo", "1KiB"})
    public String session;

    private SessionCodec sessionCodec;
    private Map<String, Object> values;
    private String cookie;
    private static final int DISTINCT = 8192;
    private String[] distinct;
    private int next;

    @Setup
    public void setUp() {
        sessionCodec = codec.equals("signed") ? SignedCookieCodec.of(Fixtures.key()) : EncryptedCookieCodec.of(Fixtures.key());
        values = Fixtures.session(session);
        cookie = sessionCodec.encode(values);
        DecodeResult check = sessionCodec.decode(cookie);
        if (!check.isValid() || !check.session().equals(values)) {
            throw new IllegalStateException("The codec does not round-trip: " + check);
        }
        distinct = new String[DISTINCT];
        for (int i = 0; i < DISTINCT; i++) {
            Map<String, Object> one = new LinkedHashMap<>(values);
            one.put("i", i);
            distinct[i] = sessionCodec.encode(one);
        }
    }

    @Benchmark
    public DecodeResult decodeVerify() {
        next = (next + 1) & (DISTINCT - 1);
        return sessionCodec.decode(distinct[next]);
    }

    @Benchmark
    public DecodeResult decodeAgain() {
        return sessionCodec.decode(cookie);
    }

    @Benchmark
    public String encodeSign() {
        return sessionCodec.encode(values);
    }
}
