package io.ifastapi.forms;

import io.ifastapi.IFastAPI;
import io.ifastapi.internal.ServerRequest;
import io.ifastapi.testclient.Multipart;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * request.form() in an app, through TestClient: in-process here ({@code InProcessFormsTest}), over a socket in each
 * adapter's module ({@code NettyFormsOverNetworkTest}, {@code JettyFormsOverNetworkTest}).
 */
public abstract class FormsAppSuite {
    @TempDir
    Path uploads;

    private final List<TestClient> clients = new ArrayList<>();

    /** A client builder for {@code app} over the transport under test. */
    protected abstract TestClient.Builder builder(IFastAPI app);

    private TestClient client(IFastAPI app) {
        TestClient client = builder(app).raiseServerExceptions(false).build();
        clients.add(client);
        return client;
    }

    @AfterEach
    void close() {
        clients.forEach(TestClient::close);
    }

    private long filesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertEventuallyEmpty(Path dir) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (filesIn(dir) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(filesIn(dir)).isZero();
    }

    @Test
    void testClientSendsMultipartForms() {
        var app = new IFastAPI();
        app.post("/upload", request -> {
            FormData form = request.form();
            UploadFile file = form.file("file");
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("note", form.get("note"));
            seen.put("tags", form.getAll("tag"));
            seen.put("filename", file.filename());
            seen.put("content_type", file.contentType());
            seen.put("size", file.size());
            seen.put("text", file.text());
            return seen;
        });

        TestResponse response = client(app).post("/upload").multipart(new Multipart()
                .field("note", "hé \"quoted\"")
                .field("tag", "a").field("tag", "b")
                .file("file", "notes.txt", "text/plain", "line 1\r\nline 2".getBytes(StandardCharsets.UTF_8)))
                .send();

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(Map.of(
                "note", "hé \"quoted\"", "tags", List.of("a", "b"), "filename", "notes.txt",
                "content_type", "text/plain", "size", 14, "text", "line 1\r\nline 2"));
    }

    @Test
    void uploadsAreDeletedAfterTheResponseAndAfterAFailure() throws Exception {
        var app = new IFastAPI().formLimits(FormLimits.defaults().spoolThreshold(4).tempDirectory(uploads));
        app.post("/ok", request -> request.form().files().size() * 100 + filesIn(uploads));
        app.post("/fail", request -> {
            request.form();
            throw new IllegalStateException("boom");
        });
        TestClient client = client(app);
        Multipart two = new Multipart().file("a", "a", null, "12345".getBytes()).file("b", "b", null, "6789A".getBytes());

        TestResponse ok = client.post("/ok").multipart(two).send();
        assertThat(ok.text()).as("two temp files while handling").isEqualTo("202");
        assertEventuallyEmpty(uploads);

        TestResponse failed = client.post("/fail").multipart(two).send();
        assertThat(failed.status()).isEqualTo(500);
        assertEventuallyEmpty(uploads);
    }

    @Test
    void afterResponseHooksRunLastFirstOnceTheResponseIsOut() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        var app = new IFastAPI();
        app.get("/teardown", request -> {
            ServerRequest.of(request).afterResponse(() -> events.add("first registered"));
            ServerRequest.of(request).afterResponse(() -> {
                events.add("second registered");
                throw new IOException("a failing teardown does not stop the others");
            });
            events.add("handler");
            return "ok";
        });

        assertThat(client(app).get("/teardown").text()).isEqualTo("\"ok\"");

        Instant deadline = Instant.now().plusSeconds(10);
        while (events.size() < 3 && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertThat(events).containsExactly("handler", "second registered", "first registered");
    }

    @Test
    void theFormIsParsedOnceAndSharedWithMiddleware() {
        var app = new IFastAPI();
        app.middleware((request, next) -> {
            request.state().set("seen", request.form().get("a"));
            return next.handle(request);
        });
        app.post("/form", request -> List.of(request.state().get("seen"), request.form().get("a"),
                request.form().file("f").text()));

        TestResponse response = client(app).post("/form")
                .multipart(new Multipart().field("a", "1").file("f", "f.txt", "text/plain", "x".getBytes())).send();

        assertThat(response.json(List.class)).containsExactly("1", "1", "x");
    }

    @Test
    void limitsPerAppPerCallAndOtherContentTypes() {
        var app = new IFastAPI().formLimits(FormLimits.defaults().maxFields(2));
        app.post("/form", request -> request.form().size());
        app.post("/strict", request -> request.form(FormLimits.defaults().maxFields(1)).size());
        app.post("/body-first", request -> request.body().length > 0 ? request.form().get("a") : "empty");
        TestClient client = client(app);
        Multipart three = new Multipart().field("a", "1").field("b", "2").field("c", "3");

        TestResponse tooMany = client.post("/form").multipart(three).send();
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json()).containsEntry("detail", "Too many fields. Maximum number of fields is 2.");
        TestResponse strict = client.post("/strict").form(Map.of("a", "1", "b", "2")).send();
        assertThat(strict.json()).containsEntry("detail", "Too many fields. Maximum number of fields is 1.");
        assertThat(client.post("/form").body("a=1".getBytes(), null).send().text()).as("no Content-Type: no form").isEqualTo("0");
        assertThat(client.post("/form").body("a=1").send().text()).as("text/plain: no form").isEqualTo("0");
        assertThat(client.post("/body-first").multipart(new Multipart().field("a", "x")).send().json(String.class))
                .as("the body read before the form").isEqualTo("x");
    }

    @Test
    void aMountedAppsLimitsApplyInsideIt() {
        var inner = new IFastAPI().formLimits(FormLimits.defaults().maxFiles(1));
        inner.post("/upload", request -> request.form().files().size());
        var outer = new IFastAPI();
        outer.mount("/inner", inner);
        outer.post("/upload", request -> request.form().files().size());
        TestClient client = client(outer);
        Multipart two = new Multipart().file("a", "a", null, new byte[1]).file("b", "b", null, new byte[1]);

        assertThat(client.post("/upload").multipart(two).send().text()).isEqualTo("2");
        TestResponse inside = client.post("/inner/upload").multipart(two).send();
        assertThat(inside.status()).isEqualTo(400);
        assertThat(inside.json()).containsEntry("detail", "Too many files. Maximum number of files is 1.");
    }

    @Test
    void aFormThatFailedFailsAgainWhenAskedAgain() {
        var app = new IFastAPI();
        app.middleware((request, next) -> {
            try {
                request.form();
            } catch (io.ifastapi.http.HTTPException ignored) {
                // a careless middleware: the handler asks again
            }
            return next.handle(request);
        });
        app.post("/form", request -> request.form().size());
        // a big part, so that over a socket the body is still arriving when the parse fails
        Multipart form = new Multipart().field("a", "x".repeat(1024 * 1024 + 1)).field("b", "y".repeat(100_000));

        TestResponse response = client(app).post("/form").multipart(form).send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("detail", "Part exceeded maximum size of 1024KB.");
    }
}
