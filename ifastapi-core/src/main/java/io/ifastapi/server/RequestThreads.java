package io.ifastapi.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadFactory;

/** The threads requests run on, in every adapter: one virtual thread per request, named for logs and dumps. */
public final class RequestThreads {
    /** The JVM's setting of how many carrier (platform) threads run virtual threads; default: one per CPU. */
    public static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";
    private static final Logger LOG = LoggerFactory.getLogger(RequestThreads.class);

    private RequestThreads() {
    }

    /**
     * On a machine of at most two CPUs, runs virtual threads on one carrier thread instead of one per CPU, unless
     * the JVM was told otherwise ({@code -Djdk.virtualThreadScheduler.parallelism=N}). Requests are short: with two
     * carriers, each request wakes a parked carrier that spins, finds nothing more and parks again
     * ({@code ForkJoinPool.deactivate}, a fifth of the CPU samples of /hello on two cores); one carrier stays busy.
     *
     * <p>The cost: the virtual threads of the whole JVM share one core, so handlers that compute for long no longer
     * run two at a time (the server's event loops still use every core), and a virtual thread that spins waiting for
     * another (a busy-wait loop that never blocks) now waits forever. It takes effect only if called before the
     * JVM's first virtual thread, so a launcher calls it first thing in {@code main}, as the demo does; the framework
     * never calls it, since it changes the whole JVM.
     *
     * @return true when it set the property
     */
    public static boolean oneCarrierOnSmallMachines() {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (System.getProperty(PARALLELISM) != null || cpus > 2) {
            return false;
        }
        System.setProperty(PARALLELISM, "1");
        LOG.info("{} CPUs: virtual threads run on 1 carrier thread (-D{}=N to choose)", cpus, PARALLELISM);
        return true;
    }

    /**
     * A bare factory rather than a thread-per-task executor, which would track every thread in a set for nothing.
     * Names: {@code ifastapi-request-0}, {@code -1}, ...
     */
    public static ThreadFactory factory() {
        return Thread.ofVirtual().name("ifastapi-request-", 0).factory();
    }
}
