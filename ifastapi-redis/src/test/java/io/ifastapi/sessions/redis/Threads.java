package io.ifastapi.sessions.redis;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Finds the platform threads a piece of code started, and whether they ended. */
final class Threads {

    private Threads() {}

    static Set<Thread> live() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    static Set<Thread> startedSince(Set<Thread> before) {
        return live().stream().filter(thread -> !before.contains(thread)).collect(Collectors.toSet());
    }

    /** Waits up to {@code timeout} for the threads to end; returns the names of those still alive. */
    static Set<String> awaitDeath(Set<Thread> threads, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        return threads.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toSet());
    }
}
