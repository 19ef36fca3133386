package io.ifastapi.server.netty;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Request targets beyond what UriComplianceTest sends through a socket; each expectation is what Jetty 12 (the
 * other adapter, with JettyServer.URI_COMPLIANCE) answers for the same request line.
 */
class RequestTargetTest {

    @Test
    void originFormSplitsPathAndQuery() throws Exception {
        assertThat(RequestTarget.parse("GET", "/a/b?x=1&y")).isEqualTo(new RequestTarget("/a/b", "x=1&y", null));
        assertThat(RequestTarget.parse("GET", "/a?")).isEqualTo(new RequestTarget("/a", "", null));
        assertThat(RequestTarget.parse("GET", "/a")).isEqualTo(new RequestTarget("/a", null, null));
    }

    @Test
    void absoluteFormCarriesTheAuthority() throws Exception {
        assertThat(RequestTarget.parse("GET", "http://example.org:81/p?q=1"))
                .isEqualTo(new RequestTarget("/p", "q=1", "example.org:81"));
        assertThat(RequestTarget.parse("GET", "HTTP://example.org")).isEqualTo(new RequestTarget("/", null, "example.org"));
        assertThat(RequestTarget.parse("GET", "http://example.org?q")).isEqualTo(new RequestTarget("/", "q", "example.org"));
    }

    @Test
    void asteriskOnlyForOptions() throws Exception {
        assertThat(RequestTarget.parse("OPTIONS", "*").path()).isEqualTo("*");
        assertThatThrownBy(() -> RequestTarget.parse("GET", "*")).isInstanceOf(RequestRejected.class);
    }

    @Test
    void queryKeepsBadEscapesButReadsRawBytesAsUtf8() throws Exception {
        assertThat(RequestTarget.parse("GET", "/a?x=%zz&y=%").query()).isEqualTo("x=%zz&y=%");
        assertThat(RequestTarget.parse("GET", "/a?x=\u00c3\u00a9").query()).isEqualTo("x=\u00e9"); // é as sent
    }

    @Test
    void dotSegmentsSpelledWithEncodedSlashesAreNotSegments() throws Exception {
        assertThat(RequestTarget.parse("GET", "/a%2F..%2Fb").path()).isEqualTo("/a%2F..%2Fb");
        assertThat(RequestTarget.parse("GET", "/a/./b/.").path()).isEqualTo("/a/./b/.");
        assertThat(RequestTarget.parse("GET", "/a/..").path()).isEqualTo("/a/..");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a#frag", "/a?q#frag", "example.org/p", "/caf\u00c3\u00a9", "/a\"b", "/a<b>", "/a{b}",
            "/a|b", "/a^b", "/a`b", "/a\\b", "/a b", "/a%0Ab", "/a%7Fb", "/%5c", "/a%C0%AF", "/%ED%A0%80", "/%",
            "/%2", "/..", "/.%2e/b", "/a/.;/b", "/a/..;x/b", "/a?x=\u0001"})
    void refused(String target) {
        assertThatThrownBy(() -> RequestTarget.parse("GET", target)).isInstanceOf(RequestRejected.class)
                .satisfies(e -> assertThat(((RequestRejected) e).status()).isEqualTo(400));
    }
}
