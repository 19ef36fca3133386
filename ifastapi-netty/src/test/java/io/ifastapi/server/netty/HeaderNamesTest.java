package io.ifastapi.server.netty;

import io.netty.util.AsciiString;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderNamesTest {

    @Test
    void knownNamesTakeTheirCanonicalCaseWhateverTheClientSent() {
        assertThat(HeaderNames.canonical("user-agent")).isSameAs(HeaderNames.canonical("USER-AGENT"))
                .isEqualTo("User-Agent");
        assertThat(HeaderNames.canonical(new AsciiString("host"))).isEqualTo("Host");
        assertThat(HeaderNames.canonical("etag")).isEqualTo("ETag");
        assertThat(HeaderNames.canonical("te")).isEqualTo("TE");
    }

    @Test
    void otherNamesStayAsSent() {
        assertThat(HeaderNames.canonical("x-Custom")).isEqualTo("x-Custom");
        assertThat(HeaderNames.canonical(new AsciiString("X-Multi"))).isEqualTo("X-Multi");
        assertThat(HeaderNames.canonical("Hos")).isEqualTo("Hos");
        assertThat(HeaderNames.canonical("")).isEmpty();
    }
}
