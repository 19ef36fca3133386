package io.ifastapi.server.jetty;

import org.eclipse.jetty.util.thread.Invocable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Jetty-only: how the adapter gets Jetty to dispatch requests to virtual threads (see VirtualThreadDispatchTest). */
class JettyAppHandlerTest {

    @Test
    void theAdapterDeclaresItselfBlocking() {
        // A NON_BLOCKING handler would be invoked on the selector thread; BLOCKING makes Jetty dispatch it.
        assertThat(new JettyAppHandler(request -> null).getInvocationType())
                .isEqualTo(Invocable.InvocationType.BLOCKING);
    }
}
