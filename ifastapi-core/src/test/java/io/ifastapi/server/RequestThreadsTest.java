package io.ifastapi.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo launcher's one-carrier default: only on small machines, never over what the JVM was told. */
class RequestThreadsTest {

    @Test
    void setsOneCarrierOnlyOnSmallMachinesAndOnlyWhenUnset() {
        String before = System.getProperty(RequestThreads.PARALLELISM);
        try {
            System.setProperty(RequestThreads.PARALLELISM, "3");
            assertThat(RequestThreads.oneCarrierOnSmallMachines()).isFalse();
            assertThat(System.getProperty(RequestThreads.PARALLELISM)).isEqualTo("3");

            System.clearProperty(RequestThreads.PARALLELISM);
            boolean small = Runtime.getRuntime().availableProcessors() <= 2;
            assertThat(RequestThreads.oneCarrierOnSmallMachines()).isEqualTo(small);
            assertThat(System.getProperty(RequestThreads.PARALLELISM)).isEqualTo(small ? "1" : null);
        } finally {
            if (before == null) {
                System.clearProperty(RequestThreads.PARALLELISM);
            } else {
                System.setProperty(RequestThreads.PARALLELISM, before);
            }
        }
    }
}
