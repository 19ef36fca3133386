package io.ifastapi.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The cost of {@link MiddlewareBenchmark}'s requests as CPU time of the measuring thread (ThreadMXBean), not wall
 * time: on a machine shared with other builds, wall-clock JMH scores include the time the thread waited for a core,
 * CPU time does not. Same apps and requests as the JMH benchmark; prints the median of several rounds in ns per
 * request.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.ifastapi.bench.MiddlewareCpuCost [rounds] [requestsPerRound]</pre>
 */
public final class MiddlewareCpuCost {
    private MiddlewareCpuCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("CPU time per request (median of %d rounds of %d requests), ns%n", rounds, perRound);
        System.out.printf("%-8s %12s %12s%n", "setting", "json2k", "simple");
        for (String setting : new String[] {"none", "gzip", "gzip6", "cors"}) {
            MiddlewareBenchmark bench = new MiddlewareBenchmark();
            bench.middleware = setting;
            bench.setUp();
            long[] json = new long[rounds];
            long[] simple = new long[rounds];
            for (int warm = 0; warm < 3; warm++) { // warm-up: let the JIT compile both paths
                run(bench, true, perRound, threads);
                run(bench, false, perRound, threads);
            }
            for (int r = 0; r < rounds; r++) {
                json[r] = run(bench, true, perRound, threads);
                simple[r] = run(bench, false, perRound, threads);
            }
            System.out.printf(Locale.ROOT, "%-8s %12d %12d%n", setting, median(json), median(simple));
        }
    }

    private static long run(MiddlewareBenchmark bench, boolean json, int n, ThreadMXBean threads) {
        long sink = 0;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            sink += (json ? bench.json2k() : bench.simple()).status();
        }
        long perRequest = (threads.getCurrentThreadCpuTime() - start) / n;
        if (sink != 200L * n) {
            throw new IllegalStateException("a request failed");
        }
        return perRequest;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
