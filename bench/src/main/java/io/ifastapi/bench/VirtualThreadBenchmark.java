package io.ifastapi.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An empty task on a new virtual thread, batched and on one carrier exactly as AppBenchmark.handleOnVirtualThread:
 * what that benchmark pays besides the request itself.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VirtualThreadBenchmark {

    @Benchmark
    @OperationsPerInvocation(AppBenchmark.BATCH)
    @Fork(jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=1")
    public void emptyTask(Blackhole blackhole) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < AppBenchmark.BATCH; i++) {
                executor.execute(() -> blackhole.consume(Thread.currentThread()));
            }
        }
    }
}
