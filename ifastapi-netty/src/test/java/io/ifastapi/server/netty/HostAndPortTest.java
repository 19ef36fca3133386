package io.ifastapi.server.netty;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Host headers, checked as Jetty checks them (its answers for the same values are the expectations). */
class HostAndPortTest {

    @Test
    void nameAddressOrBracketedIpv6WithOptionalPort() throws Exception {
        assertThat(HostAndPort.parse("example.com:8080")).isEqualTo(new HostAndPort("example.com", 8080));
        assertThat(HostAndPort.parse("example.com")).isEqualTo(new HostAndPort("example.com", 80));
        assertThat(HostAndPort.parse("10.0.0.1:0")).isEqualTo(new HostAndPort("10.0.0.1", 0));
        assertThat(HostAndPort.parse("[::1]:9000")).isEqualTo(new HostAndPort("[::1]", 9000));
        assertThat(HostAndPort.parse("[::1]")).isEqualTo(new HostAndPort("[::1]", 80));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "x:abc", "x:99999", "x:", ":80", "[::1", "[]", "[::1]x", "caf\u00e9"})
    void refused(String host) {
        assertThatThrownBy(() -> HostAndPort.parse(host)).isInstanceOf(RequestRejected.class);
    }
}
