package io.ifastapi.forms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The multipart parser against the answers of Starlette 1.x with python-multipart 0.0.x (checked by sending each body
 * to a FastAPI app that returns {@code await request.form()}): what it accepts, what it forgives, what is a 400.
 */
class MultipartParserTest {
    private static final String TYPE = "multipart/form-data; boundary=BOUND";
    private static final String A = "Content-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n";

    @TempDir
    Path temp;

    private static String mp(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            out.append("--BOUND\r\n").append(part);
        }
        return out.append("--BOUND--\r\n").toString();
    }

    private static FormData parse(String body) {
        return parse(body.getBytes(StandardCharsets.UTF_8), TYPE, FormLimits.defaults());
    }

    private static FormData parse(byte[] body, String type, FormLimits limits) {
        return MultipartParser.parse(new ByteArrayInputStream(body), type, limits);
    }

    private static void assertRejected(String body, int status, String detail) {
        assertRejected(body.getBytes(StandardCharsets.ISO_8859_1), TYPE, FormLimits.defaults(), status, detail);
    }

    private static void assertRejected(byte[] body, String type, FormLimits limits, int status, String detail) {
        assertThatThrownBy(() -> parse(body, type, limits))
                .isInstanceOfSatisfying(FormException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.detail()).isEqualTo(detail);
                });
    }

    @Test
    void fieldsInOrderWithRepeats() {
        FormData form = parse(mp(A, "Content-Disposition: form-data; name=\"b\"\r\n\r\ny\r\n",
                "Content-Disposition: form-data; name=\"a\"\r\n\r\nz\r\n"));

        assertThat(form.items()).containsExactly(Map.entry("a", "x"), Map.entry("b", "y"), Map.entry("a", "z"));
        assertThat(form.get("a")).isEqualTo("x");
        assertThat(form.getAll("a")).containsExactly("x", "z");
        assertThat(form.keys()).containsExactly("a", "b");
    }

    @Test
    void aFileWithItsNameTypeAndHeaders() {
        FormData form = parse(mp("Content-Disposition: form-data; name=\"f\"; filename=\"a b.txt\"\r\n"
                + "Content-Type: text/plain\r\nX-Extra: 1\r\n\r\nhello\r\n"));

        UploadFile file = form.file("f");
        assertThat(file.filename()).isEqualTo("a b.txt");
        assertThat(file.contentType()).isEqualTo("text/plain");
        assertThat(file.headers().get("X-EXTRA")).isEqualTo("1");
        assertThat(file.headers().entries()).extracting(Map.Entry::getKey)
                .containsExactly("content-disposition", "content-type", "x-extra");
        assertThat(file.size()).isEqualTo(5);
        assertThat(file.text()).isEqualTo("hello");
        assertThat(file.inMemory()).isTrue();
        assertThat(form.get("f")).as("an upload is not a text value").isNull();
    }

    @Test
    void fileNamesAsStarletteReadsThem() {
        assertThat(parse(mp("Content-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n\r\nhi\r\n"))
                .file("f").contentType()).as("no Content-Type: null, as Starlette's None").isNull();
        assertThat(parse(mp("Content-Disposition: form-data; name=\"f\"; filename=\"\"\r\n\r\nhi\r\n"))
                .file("f").filename()).isEmpty();
        assertThat(parse(mp("Content-Disposition: form-data; name=\"f\"; filename=\"a\\\"b\\\\c.txt\"\r\n\r\nhi\r\n"))
                .file("f").filename()).isEqualTo("a\"b\\c.txt");
        assertThat(parse(mp("Content-Disposition: form-data; name=\"f\"; filename=\"C:\\\\dir\\\\a.txt\"\r\n\r\nhi\r\n"))
                .file("f").filename()).isEqualTo("a.txt");
        assertThat(parse(mp("Content-Disposition: form-data; name=\"f\"; filename=\"été.txt\"\r\n\r\nhi\r\n"))
                .file("f").filename()).isEqualTo("été.txt");
        assertThat(parse(mp("Content-Disposition: form-data; name=\"f\"; filename=\"a;b.txt\"\r\n\r\nhi\r\n"))
                .file("f").filename()).isEqualTo("a;b.txt");
        // RFC 7578 4.2 forbids filename*=; python-multipart ignores it, so the part is a plain field
        FormData star = parse(mp("Content-Disposition: form-data; name=\"f\"; filename*=utf-8''%C3%A9.txt\r\n\r\nhi\r\n"));
        assertThat(star.get("f")).isEqualTo("hi");
        assertThat(star.files()).isEmpty();
        assertThat(parse(mp("Content-Disposition: form-data; name=a\r\n\r\nx\r\n")).get("a")).isEqualTo("x");
    }

    @Test
    void namesAndValuesInTheFormCharsetElseLatin1() {
        assertThat(parse(mp("Content-Disposition: form-data; name=\"nämé\"\r\n\r\nvälue\r\n")).get("nämé"))
                .isEqualTo("välue");
        byte[] latin1 = mp(A.replace("x", "\u00e9t\u00e9")).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parse(latin1, TYPE, FormLimits.defaults()).get("a")).as("not UTF-8: read as Latin-1").isEqualTo("été");
        assertThat(parse(latin1, TYPE + "; charset=iso-8859-1", FormLimits.defaults()).get("a")).isEqualTo("été");
        assertThat(parse(latin1, TYPE + "; charset=nonsense", FormLimits.defaults()).get("a")).isEqualTo("été");
    }

    @Test
    void whatStarletteForgives() {
        assertThat(parse("").items()).as("empty body").isEmpty();
        assertThat(parse("--BOUND--\r\n").items()).as("no parts").isEmpty();
        assertThat(parse("\r\n\r\n" + mp(A)).get("a")).as("CR LF before the first boundary").isEqualTo("x");
        assertThat(parse(mp(A).replaceAll("\r\n$", "")).get("a")).as("no CRLF after the end").isEqualTo("x");
        assertThat(parse(mp(A) + "trailing junk").get("a")).as("an epilogue").isEqualTo("x");
        assertThat(parse(A, "multipart/form-data; boundary=\"BOUND\"").get("a")).as("a quoted boundary").isEqualTo("x");
        assertThat(parse(mp("Content-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--BOUNx\r\n")).get("a"))
                .as("a near-boundary in the data").isEqualTo("x\r\n--BOUNx");
        assertThat(parse(mp("Content-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--BOUND \r\n")).get("a"))
                .as("the boundary followed by neither CRLF nor --").isEqualTo("x\r\n--BOUND ");
        assertThat(parse(mp("content-disposition:form-data; name=\"a\"\r\n\r\nx\r\n")).get("a"))
                .as("no space after the colon").isEqualTo("x");
    }

    private static FormData parse(String parts, String type) {
        return parse(("--BOUND\r\n" + parts + "--BOUND--\r\n").getBytes(StandardCharsets.UTF_8), type,
                FormLimits.defaults());
    }

    @Test
    void aTruncatedBodyKeepsTheCompletedPartsAsStarletteDoes() {
        String two = "--BOUND\r\n" + A + "--BOUND\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nyyy";
        assertThat(parse(two).items()).containsExactly(Map.entry("a", "x"));
        assertThat(parse("--BOUND\r\n" + A).items()).as("no closing boundary at all").isEmpty();
        assertThat(parse("--BOUND\r\nContent-Disposition: form-da").items()).isEmpty();
        assertThat(parse("--BOU").items()).isEmpty();
    }

    @Test
    void aTruncatedUploadLeavesNoTemporaryFile() throws IOException {
        byte[] big = ("--BOUND\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big\"\r\n\r\n"
                + "x".repeat(3000)).getBytes(StandardCharsets.ISO_8859_1);

        FormData form = parse(big, TYPE, FormLimits.defaults().spoolThreshold(100).tempDirectory(temp));

        assertThat(form.items()).isEmpty();
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void malformedBodiesAre400sWithStarlettesWords() {
        String invalid = "Invalid multipart data.";
        String noName = "The Content-Disposition header field \"name\" must be provided.";
        assertRejected(mp(A).getBytes(StandardCharsets.US_ASCII), "multipart/form-data", FormLimits.defaults(), 400,
                "Missing boundary in multipart.");
        assertRejected(mp(A).getBytes(StandardCharsets.US_ASCII), "multipart/form-data; boundary=",
                FormLimits.defaults(), 400, invalid);
        assertRejected(mp(A).getBytes(StandardCharsets.US_ASCII), "multipart/form-data; boundary=OTHER",
                FormLimits.defaults(), 400, invalid);
        assertRejected("hello\r\n" + mp(A), 400, invalid);
        assertRejected(mp("Content-Disposition form-data; name=\"a\"\r\n\r\nx\r\n"), 400, invalid);
        assertRejected(mp("Content Disposition: form-data; name=\"a\"\r\n\r\nx\r\n"), 400, invalid);
        assertRejected(mp(": form-data\r\n\r\nx\r\n"), 400, invalid);
        assertRejected("--BOUND\nContent-Disposition: form-data; name=\"a\"\n\nx\n--BOUND--\n", 400, invalid);
        assertRejected(mp("Content-Disposition: form-data; name=\"a\"\rX\r\n\r\nx\r\n"), 400, invalid);
        assertRejected("--BOUND-x", 400, invalid);
        assertRejected(mp("X-A: 1\r\n".repeat(9) + "Content-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n"), 400,
                invalid);
        assertRejected(mp("X-A: " + "v".repeat(4300) + "\r\n" + A), 400, invalid);
        assertRejected(mp("Content-Type: text/plain\r\n\r\nx\r\n"), 400, noName);
        assertRejected(mp("Content-Disposition: form-data\r\n\r\nx\r\n"), 400, noName);
        assertRejected(mp("\r\nx\r\n"), 400, noName);
    }

    @Test
    void eightHeadersAreAllowed() {
        assertThat(parse(mp("X-A: 1\r\n".repeat(7) + A)).get("a")).isEqualTo("x");
    }

    @Test
    void countLimits() {
        String file = "Content-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\nx\r\n";
        assertThat(parse(mp(Stream.generate(() -> A).limit(1000).toArray(String[]::new))).size()).isEqualTo(1000);
        assertRejected(mp(Stream.generate(() -> A).limit(1001).toArray(String[]::new)), 400,
                "Too many fields. Maximum number of fields is 1000.");
        assertRejected(mp(Stream.generate(() -> file).limit(1001).toArray(String[]::new)), 400,
                "Too many files. Maximum number of files is 1000.");
        byte[] threeFiles = mp(file, file, A, file).getBytes(StandardCharsets.US_ASCII);
        assertRejected(threeFiles, TYPE, FormLimits.defaults().maxFiles(2), 400,
                "Too many files. Maximum number of files is 2.");
        assertThat(parse(threeFiles, TYPE, FormLimits.defaults().maxFields(1)).size()).isEqualTo(4);
    }

    @Test
    void sizeLimits() {
        String mib = "x".repeat(1024 * 1024);
        assertThat(parse(mp("Content-Disposition: form-data; name=\"a\"\r\n\r\n" + mib + "\r\n")).get("a"))
                .hasSize(1024 * 1024);
        assertRejected(mp("Content-Disposition: form-data; name=\"a\"\r\n\r\n" + mib + "y\r\n"), 400,
                "Part exceeded maximum size of 1024KB.");
        String file = mp("Content-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\n" + mib + "y\r\n");
        assertThat(parse(file).file("f").size()).as("files are not parts in that sense").isEqualTo(1024 * 1024 + 1);

        byte[] bytes = file.getBytes(StandardCharsets.US_ASCII);
        assertRejected(bytes, TYPE, FormLimits.defaults().maxFileSize(1024 * 1024).tempDirectory(temp), 413,
                "File exceeded maximum size of 1048576 bytes.");
        assertRejected(bytes, TYPE, FormLimits.defaults().maxBodySize(1000).tempDirectory(temp), 413,
                "Request body is larger than the limit of 1000 bytes");
        assertRejected(mp("Content-Disposition: form-data; name=\"a\"\r\n\r\n" + "x".repeat(2049) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII), TYPE, FormLimits.defaults().maxPartSize(2048), 400,
                "Part exceeded maximum size of 2KB.");
    }

    @Test
    void uploadsPastTheThresholdGoToATemporaryFileThatCloseDeletes() throws IOException {
        FormLimits limits = FormLimits.defaults().spoolThreshold(10).tempDirectory(temp);
        FormData form = parse(mp("Content-Disposition: form-data; name=\"small\"; filename=\"s\"\r\n\r\n0123456789\r\n",
                "Content-Disposition: form-data; name=\"big\"; filename=\"b\"\r\n\r\n0123456789A\r\n")
                .getBytes(StandardCharsets.US_ASCII), TYPE, limits);

        assertThat(form.file("small").inMemory()).as("at the threshold").isTrue();
        assertThat(form.file("big").inMemory()).as("past it").isFalse();
        assertThat(form.file("big").text()).isEqualTo("0123456789A");
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).hasSize(1);
        }

        form.close();

        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).isEmpty();
        }
        assertThatThrownBy(() -> form.file("big").bytes()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read it (or saveTo a path) in the handler");
    }

    @Test
    void aLimitBrokenAfterSomeUploadsDeletesThem() throws IOException {
        String big = "Content-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\n" + "x".repeat(100) + "\r\n";
        byte[] body = mp(big, big, big).getBytes(StandardCharsets.US_ASCII);

        assertRejected(body, TYPE, FormLimits.defaults().spoolThreshold(10).maxFiles(2).tempDirectory(temp), 400,
                "Too many files. Maximum number of files is 2.");

        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).isEmpty();
        }
    }

    /** Delimiters split across reads at every offset: the stream gives 1 to 7 bytes at a time. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void arbitraryReadBoundaries(long seed) throws IOException {
        byte[] content = new byte[200_000];
        new Random(seed).nextBytes(content);
        for (int i = 0; i < content.length; i += 997) { // sprinkle near-delimiters into the data
            System.arraycopy("\r\n--BOUN".getBytes(StandardCharsets.US_ASCII), 0, content, i, 8);
        }
        byte[] head = ("--BOUND\r\n" + A + "--BOUND\r\nContent-Disposition: form-data; name=\"f\"; filename=\"r\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n--BOUND--\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        Random sizes = new Random(seed);
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + sizes.nextInt(7)));
            }
        };

        try (FormData form = MultipartParser.parse(trickle, TYPE, FormLimits.defaults().tempDirectory(temp))) {
            assertThat(form.get("a")).isEqualTo("x");
            assertThat(form.file("f").bytes()).isEqualTo(content);
        }
    }

    @Test
    void theEpilogueIsReadSoTheConnectionCanBeReused() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream((mp(A) + "epilogue").getBytes(StandardCharsets.US_ASCII));
        MultipartParser.parse(in, TYPE, FormLimits.defaults());
        assertThat(in.available()).isZero();
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> FormLimits.defaults().maxFiles(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FormLimits.UNLIMITED");
        assertThat(List.of(FormLimits.defaults().maxFiles(), FormLimits.defaults().maxFields()))
                .containsExactly(1000, 1000);
        assertThat(FormLimits.defaults().maxPartSize()).isEqualTo(1024 * 1024);
        assertThat(FormLimits.defaults().spoolThreshold()).isEqualTo(1024 * 1024);
    }

    @Test
    void anUploadNobodyClosesIsDeletedOnceUnreachable() throws Exception {
        parse(mp("Content-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\n" + "x".repeat(100) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII), TYPE, FormLimits.defaults().spoolThreshold(10).tempDirectory(temp));

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (Files.list(temp).findAny().isPresent() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).isEmpty();
        }
    }
}
