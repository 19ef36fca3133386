package io.ifastapi.testclient;

import io.ifastapi.http.SameSite;
import io.ifastapi.http.URL;
import io.ifastapi.testsupport.MutableClock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cookie jar against the rules of RFC 6265 (and the parts of 6265bis browsers apply). */
class CookieJarTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final CookieJar jar = new CookieJar(clock, "testserver");

    static URL url(String text) {
        URI uri = URI.create(text);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return new URL(uri.getScheme(), uri.getHost(), port, uri.getRawPath().isEmpty() ? "/" : uri.getRawPath(),
                uri.getRawQuery());
    }

    private boolean store(String from, String header) {
        return jar.store(url(from), header);
    }

    private String sentTo(String to) {
        return jar.header(url(to));
    }

    @Nested
    class Parsing {
        record Row(String header, String name, String value) {
        }

        static Stream<Row> headers() {
            return Stream.of(
                    new Row("a=1", "a", "1"),
                    new Row("  a  =  1  ; Path=/", "a", "1"),
                    new Row("a=b=c", "a", "b=c"),
                    new Row("a=", "a", ""),
                    new Row("a=\"quoted\"", "a", "\"quoted\""),
                    new Row("a", null, null),
                    new Row("=1", null, null),
                    new Row("; a=1", null, null),
                    new Row("", null, null));
        }

        @ParameterizedTest
        @MethodSource("headers")
        void theNameAndValueAreReadAsBrowsersDo(Row row) {
            var parsed = ResponseCookie.parse(row.header());

            if (row.name() == null) {
                assertThat(parsed).isEmpty();
                assertThat(store("http://testserver/", row.header())).isFalse();
            } else {
                assertThat(parsed).get().extracting(ResponseCookie::name, ResponseCookie::value)
                        .containsExactly(row.name(), row.value());
            }
        }

        @Test
        void attributeNamesAndValuesAreCaseInsensitive() {
            store("https://testserver/x/y", "a=1; PATH=/x; DOMAIN=TestServer; SECURE; HTTPONLY; SAMESITE=STRICT; "
                    + "MAX-AGE=60; PARTITIONED");

            Cookie cookie = jar.find("a").orElseThrow();
            assertThat(cookie.path()).isEqualTo("/x");
            assertThat(cookie.domain()).isEqualTo("testserver");
            assertThat(cookie.hostOnly()).isFalse();
            assertThat(cookie.secure()).isTrue();
            assertThat(cookie.httpOnly()).isTrue();
            assertThat(cookie.sameSite()).isEqualTo(SameSite.STRICT);
            assertThat(cookie.partitioned()).isTrue();
            assertThat(cookie.expires()).isEqualTo(T0.plusSeconds(60));
        }

        @Test
        void theLastOccurrenceOfAnAttributeWins() {
            assertThat(ResponseCookie.parse("a=1; Path=/x; Path=/y; Max-Age=5; Max-Age=9").orElseThrow())
                    .extracting(ResponseCookie::path, ResponseCookie::maxAge).containsExactly("/y", 9L);
        }

        @Test
        void unknownAttributesAreIgnored() {
            assertThat(store("http://testserver/", "a=1; Priority=High; Foo")).isTrue();
            assertThat(sentTo("http://testserver/")).isEqualTo("a=1");
        }
    }

    @Nested
    class Domain {
        record Row(String host, String domainAttribute, boolean accepted, List<String> sentTo, List<String> notSentTo) {
        }

        static Stream<Row> rows() {
            return Stream.of(
                    new Row("example.com", null, true, List.of("example.com"), List.of("www.example.com", "other.com")),
                    new Row("example.com", "example.com", true,
                            List.of("example.com", "www.example.com", "a.b.example.com"),
                            List.of("notexample.com", "example.org")),
                    new Row("www.example.com", ".example.com", true, List.of("example.com", "other.example.com"),
                            List.of("example.org")),
                    new Row("www.example.com", "EXAMPLE.com", true, List.of("example.com"), List.of()),
                    new Row("example.com", "", true, List.of("example.com"), List.of("www.example.com")),
                    new Row("example.com", "www.example.com", false, List.of(), List.of()),
                    new Row("example.com", "other.com", false, List.of(), List.of()),
                    new Row("notexample.com", "example.com", false, List.of(), List.of()),
                    new Row("127.0.0.1", "0.0.1", false, List.of(), List.of()),
                    new Row("127.0.0.1", "127.0.0.1", true, List.of("127.0.0.1"), List.of("127.0.0.2")));
        }

        @ParameterizedTest
        @MethodSource("rows")
        void aDomainMustMatchTheHostAndDecidesWhereTheCookieGoes(Row row) {
            String header = "c=1" + (row.domainAttribute() == null ? "" : "; Domain=" + row.domainAttribute());

            assertThat(store("http://" + row.host() + "/", header)).isEqualTo(row.accepted());

            assertThat(jar.size()).isEqualTo(row.accepted() ? 1 : 0);
            for (String host : row.sentTo()) {
                assertThat(sentTo("http://" + host + "/")).as("sent to " + host).isEqualTo("c=1");
            }
            for (String host : row.notSentTo()) {
                assertThat(sentTo("http://" + host + "/")).as("not sent to " + host).isNull();
            }
        }

        @Test
        void aCookieWithoutDomainIsHostOnly() {
            store("http://Example.COM/", "c=1");

            Cookie cookie = jar.find("c").orElseThrow();
            assertThat(cookie.hostOnly()).isTrue();
            assertThat(cookie.domain()).isEqualTo("example.com");
        }
    }

    @Nested
    class Path {
        @ParameterizedTest
        @CsvSource({"/, /", "/a, /", "/a/b, /a", "/a/b/, /a/b", "/a/b/c.html, /a/b"})
        void withoutPathTheDefaultIsTheDirectoryOfTheRequestPath(String requestPath, String defaultPath) {
            store("http://testserver" + requestPath, "c=1");

            assertThat(jar.find("c").orElseThrow().path()).isEqualTo(defaultPath);
        }

        @Test
        void aPathNotStartingWithASlashIsReplacedByTheDefault() {
            store("http://testserver/a/b", "c=1; Path=x");

            assertThat(jar.find("c").orElseThrow().path()).isEqualTo("/a");
        }

        @ParameterizedTest
        @CsvSource({
                "/a, /a, true", "/a, /a/, true", "/a, /a/b, true", "/a, /ab, false", "/a, /, false",
                "/a/, /a/b, true", "/a/, /a, false", "/, /anything/at/all, true"})
        void aCookieIsSentToPathsThatPathMatch(String cookiePath, String requestPath, boolean sent) {
            store("http://testserver/", "c=1; Path=" + cookiePath);

            assertThat(sentTo("http://testserver" + requestPath)).isEqualTo(sent ? "c=1" : null);
        }
    }

    @Nested
    class SecureAndHttpOnly {
        @Test
        void aSecureCookieIsSentOnlyToHttps() {
            assertThat(store("https://testserver/", "s=1; Secure")).isTrue();

            assertThat(sentTo("https://testserver/")).isEqualTo("s=1");
            assertThat(sentTo("http://testserver/")).isNull();
        }

        @Test
        void aSecureCookieFromHttpIsRejected() {
            assertThat(store("http://testserver/", "s=1; Secure")).isFalse();
            assertThat(jar.isEmpty()).isTrue();
        }

        @Test
        void httpCannotOverwriteASecureCookie() {
            store("https://testserver/", "s=secret; Secure");

            assertThat(store("http://testserver/", "s=plain")).isFalse();
            assertThat(sentTo("https://testserver/")).isEqualTo("s=secret");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "__Secure-a=1; Secure | true",
                "__Secure-a=1 | false",
                "__Host-a=1; Secure; Path=/ | true",
                "__Host-a=1; Secure | false",
                "__Host-a=1; Secure; Path=/x | false",
                "__Host-a=1; Secure; Path=/; Domain=testserver | false",
                "__host-a=1; Path=/ | false"})
        void namePrefixesAreEnforced(String header, boolean accepted) {
            assertThat(store("https://testserver/", header)).isEqualTo(accepted);
        }

        @Test
        void anHttpOnlyCookieIsStoredAndSent() {
            store("http://testserver/", "h=1; HttpOnly");

            assertThat(jar.find("h").orElseThrow().httpOnly()).isTrue();
            assertThat(sentTo("http://testserver/")).isEqualTo("h=1");
        }
    }

    @Nested
    class Expiry {
        @Test
        void aCookieWithoutMaxAgeOrExpiresLastsUntilTheClientCloses() {
            store("http://testserver/", "c=1");

            clock.advance(Duration.ofDays(3650));

            assertThat(jar.find("c").orElseThrow().persistent()).isFalse();
            assertThat(sentTo("http://testserver/")).isEqualTo("c=1");
        }

        @Test
        void maxAgeExpiresTheCookieByTheClock() {
            store("http://testserver/", "c=1; Max-Age=60");
            assertThat(jar.find("c").orElseThrow().expires()).isEqualTo(T0.plusSeconds(60));

            clock.advance(Duration.ofSeconds(59));
            assertThat(sentTo("http://testserver/")).isEqualTo("c=1");

            clock.advance(Duration.ofSeconds(1));
            assertThat(sentTo("http://testserver/")).isNull();
            assertThat(jar.all()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "c=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT | true",
                "c=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60 | true",
                "c=1; Max-Age=0; Expires=Fri, 01 Jan 2100 00:00:00 GMT | false",
                "c=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT; Max-Age=-1 | false"})
        void maxAgeWinsOverExpiresWhateverTheOrder(String header, boolean kept) {
            store("http://testserver/", header);

            assertThat(sentTo("http://testserver/")).isEqualTo(kept ? "c=1" : null);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"c=; Max-Age=0", "c=; Max-Age=-100",
                "c=; Expires=Thu, 01 Jan 1970 00:00:00 GMT", "c=gone; expires=Wed, 31 Dec 2025 23:59:59 GMT"})
        void anExpiryInThePastDeletesTheStoredCookie(String deletion) {
            store("http://testserver/", "c=1");

            assertThat(store("http://testserver/", deletion)).isTrue();

            assertThat(jar.get("c")).isNull();
            assertThat(sentTo("http://testserver/")).isNull();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"Max-Age=abc", "Max-Age=1.5", "Max-Age=", "Max-Age=+5", "Expires=soon"})
        void aMalformedExpiryIsIgnored(String attribute) {
            store("http://testserver/", "c=1; " + attribute);

            assertThat(jar.find("c").orElseThrow().persistent()).isFalse();
        }

        @Test
        void expiresInTheFutureMakesAPersistentCookieThatExpiresByTheClock() {
            store("http://testserver/", "c=1; Expires=Thu, 01 Jan 2026 01:00:00 GMT");
            assertThat(jar.find("c").orElseThrow().expires()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));

            clock.advance(Duration.ofHours(1));

            assertThat(jar.get("c")).isNull();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "Wed, 21 Oct 2026 07:28:00 GMT | 2026-10-21T07:28:00Z",
                "Wednesday, 21-Oct-26 07:28:00 GMT | 2026-10-21T07:28:00Z",
                "Wed Oct 21 07:28:00 2026 | 2026-10-21T07:28:00Z",
                "Wed, 21-Oct-2026 07:28:00 GMT | 2026-10-21T07:28:00Z",
                "21 oct 2026 7:28:0 | 2026-10-21T07:28:00Z",
                "Wed, 21 OCTOBER 2026 07:28:00 GMT | 2026-10-21T07:28:00Z",
                "Thu, 01 Jan 70 00:00:00 GMT | 1970-01-01T00:00:00Z",
                "Sat, 01 Jan 69 00:00:00 GMT | 2069-01-01T00:00:00Z",
                "Thu, 01 Jan 1970 00:00:00 GMT | 1970-01-01T00:00:00Z",
                "Wed, 30 Feb 2026 07:28:00 GMT | ",
                "Wed, 21 Oct 2026 24:00:00 GMT | ",
                "Wed, 32 Oct 2026 07:28:00 GMT | ",
                "Wed, 21 Oct 1600 07:28:00 GMT | ",
                "Wed, 21 Oct 2026 GMT | ",
                "not a date | "})
        void expiresIsParsedInEveryFormatBrowsersAccept(String text, Instant expected) {
            assertThat(ResponseCookie.parse("c=1; Expires=" + text).orElseThrow().expires()).isEqualTo(expected);
        }

        @Test
        void theSessionMiddlewaresClearedCookieDeletesTheSession() {
            store("http://testserver/", "session=eyJrIjoidiJ9.abc; path=/; Max-Age=1209600; httponly; samesite=lax");
            assertThat(jar.get("session")).isEqualTo("eyJrIjoidiJ9.abc");

            store("http://testserver/", "session=null; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=lax");

            assertThat(jar.get("session")).isNull();
            assertThat(sentTo("http://testserver/")).isNull();
        }
    }

    @Nested
    class SameSiteAttribute {
        @ParameterizedTest
        @CsvSource(delimiter = '|', nullValues = "null", value = {
                "SameSite=Lax | LAX", "samesite=strict | STRICT", "SameSite=NONE; Secure | NONE",
                "SameSite=bogus | null", "Path=/ | null"})
        void isStoredAndNeverStopsACookie(String attributes, SameSite expected) {
            store("https://testserver/", "c=1; " + attributes);

            assertThat(jar.find("c").orElseThrow().sameSite()).isEqualTo(expected);
            assertThat(sentTo("https://testserver/")).isEqualTo("c=1");
        }
    }

    @Nested
    class ReplacementAndOrder {
        @Test
        void sameNameDomainAndPathReplacesKeepingTheCreationTime() {
            store("http://testserver/", "c=1");
            clock.advance(Duration.ofMinutes(5));

            store("http://testserver/", "c=2; Max-Age=600");

            assertThat(jar.all()).hasSize(1);
            Cookie cookie = jar.find("c").orElseThrow();
            assertThat(cookie.value()).isEqualTo("2");
            assertThat(cookie.created()).isEqualTo(T0);
            assertThat(cookie.expires()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        }

        @Test
        void anotherPathOrDomainMakesAnotherCookie() {
            store("http://www.example.com/", "c=host; Path=/");
            store("http://www.example.com/", "c=domain; Path=/; Domain=example.com");
            store("http://www.example.com/", "c=deeper; Path=/app");

            assertThat(jar.all()).hasSize(3);
            assertThat(sentTo("http://www.example.com/app/x")).isEqualTo("c=deeper; c=host; c=domain");
        }

        @Test
        void longerPathsComeFirstThenEarlierCreation() {
            store("http://testserver/", "root=1; Path=/");
            store("http://testserver/", "deep=2; Path=/x/y");
            store("http://testserver/", "mid=3; Path=/x");
            store("http://testserver/", "z=4; Path=/");
            store("http://testserver/", "a=5; Path=/");

            assertThat(sentTo("http://testserver/x/y/z")).isEqualTo("deep=2; mid=3; root=1; z=4; a=5");
        }

        @Test
        void aReplacedCookieKeepsItsPlaceInTheOrder() {
            store("http://testserver/", "a=1");
            store("http://testserver/", "b=2");
            store("http://testserver/", "a=new");

            assertThat(sentTo("http://testserver/")).isEqualTo("a=new; b=2");
        }
    }

    @Nested
    class WhatTestsUse {
        @Test
        void setMakesAHostOnlyCookieForTheClientsHost() {
            jar.set("t", "1");

            assertThat(sentTo("http://testserver/any/path")).isEqualTo("t=1");
            assertThat(sentTo("https://testserver/")).isEqualTo("t=1");
            assertThat(sentTo("http://sub.testserver/")).isNull();
            assertThat(sentTo("http://other/")).isNull();
            assertThat(jar.find("t").orElseThrow().hostOnly()).isTrue();
        }

        @Test
        void aCookieFromTheAppReplacesOneSetByTheTest() {
            jar.set("t", "test");

            store("http://testserver/", "t=app; Path=/");

            assertThat(jar.all()).hasSize(1);
            assertThat(jar.get("t")).isEqualTo("app");
        }

        @Test
        void setWithADomainAndPathMakesADomainCookie() {
            jar.set("d", "1", ".example.com", "/api");

            assertThat(sentTo("http://www.example.com/api/items")).isEqualTo("d=1");
            assertThat(sentTo("http://www.example.com/")).isNull();
            assertThatThrownBy(() -> jar.set("d", "1", "example.com", "api"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void getFindAllRemoveAndClear() {
            store("http://testserver/", "a=1; Max-Age=60; HttpOnly");
            store("http://testserver/", "b=2");

            assertThat(jar.get("a")).isEqualTo("1");
            assertThat(jar.get("missing")).isNull();
            assertThat(jar.find("a").orElseThrow().httpOnly()).isTrue();
            assertThat(jar.all()).extracting(Cookie::name).containsExactly("a", "b");
            assertThat(jar.size()).isEqualTo(2);

            assertThat(jar.remove("a")).isTrue();
            assertThat(jar.remove("a")).isFalse();
            assertThat(sentTo("http://testserver/")).isEqualTo("b=2");

            jar.clear();
            assertThat(jar.isEmpty()).isTrue();
            assertThat(sentTo("http://testserver/")).isNull();
        }

        @Test
        void storeAllTakesEverySetCookieOfAResponse() {
            jar.storeAll(url("http://testserver/"), List.of("a=1", "b=2", "malformed"));

            assertThat(sentTo("http://testserver/")).isEqualTo("a=1; b=2");
        }
    }
}
