package io.ifastapi.staticfiles;

import io.ifastapi.IFastAPI;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * StaticFiles: what it serves (Starlette's headers, 304, ranges, HEAD, html mode) and that it never serves anything
 * outside its directory: issue 10's four traversal strings, encoded slashes and backslashes, NUL, absolute paths and
 * symbolic links leaving the directory, in process ({@link StaticFilesOverSocketTest}: over each adapter's socket).
 */
@Timeout(60)
public class StaticFilesTest {
    static final String SECRET = "root:x:0:0:the-secret-outside";
    static final String HELLO = "hello, static world\n";

    @TempDir
    protected Path tmp;
    protected Path site;
    private TestClient client;

    @BeforeEach
    protected void files() throws IOException {
        site = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(tmp.resolve("secret.txt"), SECRET);
        Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(tmp.resolve("outside/secret.txt"), SECRET);
        Files.writeString(site.resolve("hello.txt"), HELLO);
        Files.setLastModifiedTime(site.resolve("hello.txt"), FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));
        Files.createDirectories(site.resolve("docs"));
        Files.writeString(site.resolve("docs/index.html"), "<h1>docs</h1>");
        Files.writeString(site.resolve("404.html"), "<h1>not here</h1>");
        Files.createSymbolicLink(site.resolve("leak.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(site.resolve("leakdir"), tmp.resolve("outside"));
        Files.createSymbolicLink(site.resolve("alias.txt"), site.resolve("hello.txt")); // inside: fine
        client = new TestClient(app(StaticFiles.directory(site)));
    }

    @AfterEach
    void close() {
        client.close();
    }

    protected static IFastAPI app(StaticFiles files) {
        IFastAPI app = new IFastAPI();
        app.mount("/static", files);
        app.get("/files/{name:path}", request -> Map.of("name", request.pathParam("name")));
        return app;
    }

    // ----- serving -----

    @Test
    void servesAFileWithItsHeaders() {
        TestResponse hello = client.get("/static/hello.txt");

        assertThat(hello.status()).isEqualTo(200);
        assertThat(hello.text()).isEqualTo(HELLO);
        assertThat(hello.header("content-type")).startsWith("text/plain");
        assertThat(hello.header("content-length")).isEqualTo(Integer.toString(HELLO.length()));
        assertThat(hello.header("last-modified")).isEqualTo("Fri, 02 Jan 2026 03:04:05 GMT");
        assertThat(hello.header("etag")).matches("\"[0-9a-f]+-[0-9a-f]+\"");
        assertThat(hello.header("accept-ranges")).isEqualTo("bytes");
        assertThat(client.get("/static/alias.txt").text()).as("a link that stays inside").isEqualTo(HELLO);
    }

    @Test
    void conditionalRequestsAnswer304() {
        String etag = client.get("/static/hello.txt").header("etag");

        TestResponse byTag = client.request("GET", "/static/hello.txt").header("If-None-Match", etag).send();
        assertThat(byTag.status()).isEqualTo(304);
        assertThat(byTag.bytes()).isEmpty();
        assertThat(byTag.header("etag")).isEqualTo(etag);
        assertThat(client.request("GET", "/static/hello.txt").header("If-None-Match", "\"other\", W/" + etag).send()
                .status()).as("a list, weak comparison").isEqualTo(304);
        assertThat(client.request("GET", "/static/hello.txt").header("If-None-Match", "\"other\"").send().status())
                .isEqualTo(200);

        assertThat(client.request("GET", "/static/hello.txt")
                .header("If-Modified-Since", "Fri, 02 Jan 2026 03:04:05 GMT").send().status()).isEqualTo(304);
        assertThat(client.request("GET", "/static/hello.txt")
                .header("If-Modified-Since", "Fri, 02 Jan 2026 03:04:04 GMT").send().status()).isEqualTo(200);
        assertThat(client.request("GET", "/static/hello.txt")
                .header("If-Modified-Since", "not a date").send().status()).isEqualTo(200);
    }

    @Test
    void singleRangesAnswer206AndUnsatisfiableOnes416() {
        TestResponse first = client.request("GET", "/static/hello.txt").header("Range", "bytes=0-4").send();
        assertThat(first.status()).isEqualTo(206);
        assertThat(first.text()).isEqualTo("hello");
        assertThat(first.header("content-range")).isEqualTo("bytes 0-4/" + HELLO.length());
        assertThat(first.header("content-length")).isEqualTo("5");

        assertThat(client.request("GET", "/static/hello.txt").header("Range", "bytes=7-").send().text())
                .isEqualTo(HELLO.substring(7));
        assertThat(client.request("GET", "/static/hello.txt").header("Range", "bytes=-6").send().text())
                .isEqualTo(HELLO.substring(HELLO.length() - 6));
        assertThat(client.request("GET", "/static/hello.txt").header("Range", "bytes=5-9999").send().text())
                .isEqualTo(HELLO.substring(5));

        TestResponse beyond = client.request("GET", "/static/hello.txt").header("Range", "bytes=999-").send();
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("content-range")).isEqualTo("bytes */" + HELLO.length());

        for (String ignored : new String[] {"bytes=0-1,3-4", "bytes=x-y", "items=0-1", "bytes=5-2"}) {
            TestResponse whole = client.request("GET", "/static/hello.txt").header("Range", ignored).send();
            assertThat(whole.status()).as(ignored).isEqualTo(200);
            assertThat(whole.text()).isEqualTo(HELLO);
        }
        TestResponse stale = client.request("GET", "/static/hello.txt").header("Range", "bytes=0-4")
                .header("If-Range", "\"an-old-version\"").send();
        assertThat(stale.status()).as("If-Range of another version: the whole file").isEqualTo(200);
    }

    @Test
    void headSendsTheHeadersWithoutTheBody() {
        TestResponse head = client.request("HEAD", "/static/hello.txt").send();

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.bytes()).isEmpty();
        assertThat(head.header("content-length")).isEqualTo(Integer.toString(HELLO.length()));
    }

    @Test
    void otherMethodsAnswer405() {
        TestResponse post = client.post("/static/hello.txt").send();

        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void missingFilesAndDirectoriesAnswer404() {
        assertThat(client.get("/static/nope.txt").status()).isEqualTo(404);
        assertThat(client.get("/static/nope.txt").json()).isEqualTo(Map.of("detail", "Not Found"));
        assertThat(client.get("/static/docs").status()).as("no html mode: no index").isEqualTo(404);
        assertThat(client.get("/static").status()).isEqualTo(404);
    }

    @Test
    void htmlModeServesIndexAndThe404Page() {
        try (TestClient html = new TestClient(app(StaticFiles.directory(site).html(true)))) {
            assertThat(html.get("/static/docs/").text()).isEqualTo("<h1>docs</h1>");
            TestResponse redirect = html.request("GET", "/static/docs").followRedirects(false).send();
            assertThat(redirect.status()).isEqualTo(307);
            assertThat(redirect.header("location")).isEqualTo("/static/docs/");
            TestResponse missing = html.get("/static/nope");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.text()).isEqualTo("<h1>not here</h1>");
        }
    }

    @Test
    void aMissingDirectoryFailsAtStartupWithTheFix() {
        assertThatThrownBy(() -> StaticFiles.directory(tmp.resolve("no-such-dir")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> StaticFiles.directory(site.resolve("hello.txt")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a directory");
    }

    // ----- escapes: always 404, never the secret -----

    /** Issue 10's four strings, and their cousins. */
    static final String[] ESCAPES = {
        "/static/%2e%2e%2fsecret.txt",
        "/static/..%2Fsecret.txt",
        "/static/../secret.txt",
        "/static/%2e%2e/secret.txt",
        "/static/docs/..%2f..%2fsecret.txt",
        "/static/..%5csecret.txt",
        "/static/..\\secret.txt",
        "/static/hello.txt%00.png",
        "/static//" + "etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/leak.txt",
        "/static/leakdir/secret.txt",
        "/static/.%2e/secret.txt",
        "/static/./hello.txt/../../secret.txt",
    };

    @Test
    void everyEscapeIsA404InProcess() {
        for (String escape : ESCAPES) {
            TestResponse response = client.get(escape);
            assertThat(response.status()).as(escape).isEqualTo(404);
            assertThat(response.text()).as(escape).doesNotContain("the-secret");
        }
    }

    /** The danger StaticFiles replaces: a {name:path} parameter does receive "../" (so never feed it to a Path). */
    @Test
    void aPathParameterReceivesDotDotWhichIsWhyResponseFileNeedsCare() {
        assertThat(client.get("/files/..%2Fsecret.txt").json()).isEqualTo(Map.of("name", "../secret.txt"));
    }

}
