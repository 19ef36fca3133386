package io.ifastapi.staticfiles;

import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Handler;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Serves the files of one directory, Starlette's {@code StaticFiles}: mount it under a prefix,
 *
 * <pre>{@code
 * app.mount("/static", StaticFiles.directory(Path.of("static")));
 * app.mount("/", StaticFiles.directory(Path.of("site")).html(true)); // index.html for directories, 404.html
 * }</pre>
 *
 * GET and HEAD, with Content-Type, Content-Length, Last-Modified and ETag; {@code If-None-Match} and
 * {@code If-Modified-Since} answer 304; a single byte range ({@code Range: bytes=0-99}, {@code bytes=100-},
 * {@code bytes=-100}) answers 206 with Content-Range, an unsatisfiable one 416 (several ranges get the whole file).
 *
 * <p><b>Nothing outside the directory is ever served.</b> The path below the mount (already percent-decoded, so
 * {@code %2e%2e%2f} and {@code ..%2F} arrive as {@code ../}) is refused with 404 when any segment is {@code ..} or
 * {@code .}, or holds a backslash, a NUL or a colon; the file's real path (every symbolic link resolved) must then lie
 * inside the directory's real path, so a link that points out of the directory is a 404 too. Hidden answers are
 * deliberate: a 404 does not tell a prober whether the file exists.
 */
public final class StaticFiles implements Handler {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final Path root;
    private final boolean html;

    private StaticFiles(Path root, boolean html) {
        this.root = root;
        this.html = html;
    }

    /**
     * Serves {@code directory}, which must exist now (a wrong path fails at startup, not as 404s later).
     *
     * @throws IllegalArgumentException when {@code directory} is not a directory
     */
    public static StaticFiles directory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        try {
            Path real = directory.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException("StaticFiles.directory(" + directory + "): not a directory");
            }
            return new StaticFiles(real, false);
        } catch (IOException e) {
            throw new IllegalArgumentException("StaticFiles.directory(" + directory + "): the directory does not exist"
                    + " (resolved against " + Path.of("").toAbsolutePath() + "); create it or fix the path", e);
        }
    }

    /**
     * Starlette's {@code html=True}: a directory serves its {@code index.html} (a request without the trailing slash is
     * redirected to it, so relative links work), and a missing file serves the top {@code 404.html} with status 404
     * if there is one.
     */
    public StaticFiles html(boolean html) {
        return new StaticFiles(root, html);
    }

    public Path directory() {
        return root;
    }

    @Override
    public Response handle(Request request) {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            Headers allow = new Headers();
            allow.set("allow", "GET, HEAD");
            throw new HTTPException(405, "Method Not Allowed", allow);
        }
        String path = request.routePath();
        Path file = resolve(path);
        if (file != null && html && Files.isDirectory(file)) {
            if (!path.endsWith("/")) {
                String query = request.url().query();
                return Response.redirect(request.url().path() + "/" + (query == null || query.isEmpty() ? "" : "?" + query));
            }
            file = inside(file.resolve("index.html"));
        }
        if (file == null || !Files.isRegularFile(file)) {
            if (html) {
                Path notFound = inside(root.resolve("404.html"));
                if (notFound != null && Files.isRegularFile(notFound)) {
                    return Response.file(notFound).status(404);
                }
            }
            throw new HTTPException(404);
        }
        return serve(request, file);
    }

    /** The file a request path names, if it is inside the directory; null for any escape. */
    private Path resolve(String path) {
        Path file = root;
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue; // "//etc/passwd" is etc/passwd below the root, never an absolute path
            }
            if (segment.equals("..") || segment.equals(".") || segment.indexOf('\\') >= 0
                    || segment.indexOf('\0') >= 0 || segment.indexOf(':') >= 0) {
                return null;
            }
            file = file.resolve(segment);
        }
        return inside(file);
    }

    /** The real path of {@code file} when it exists inside the directory (links resolved); null otherwise. */
    private Path inside(Path file) {
        try {
            Path real = file.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (IOException | java.nio.file.InvalidPathException missingOrInvalid) {
            return null;
        }
    }

    private static Response serve(Request request, Path file) {
        Response full = Response.file(file);
        String etag = full.headers().get("etag");
        String lastModified = full.headers().get("last-modified");
        long size = Long.parseLong(full.headers().get("content-length"));
        full.header("accept-ranges", "bytes");
        if (notModified(request, etag, lastModified)) {
            Response notModified = Response.empty(304);
            notModified.header("etag", etag).header("last-modified", lastModified);
            return notModified;
        }
        String range = request.header("range");
        if (range == null || !ifRangeHolds(request.header("if-range"), etag, lastModified)) {
            return full;
        }
        long[] span = ByteRange.parse(range, size);
        if (span == null) {
            return full; // malformed or several ranges: RFC 9110 lets a server ignore Range
        }
        if (span.length == 0) {
            Response unsatisfiable = Response.empty(416);
            unsatisfiable.header("content-range", "bytes */" + size);
            return unsatisfiable;
        }
        long start = span[0];
        long length = span[1] - span[0] + 1;
        Response partial = Response.stream(full.mediaType(), out -> copy(file, start, length, out)).status(206);
        partial.header("content-length", Long.toString(length))
                .header("content-range", "bytes " + span[0] + "-" + span[1] + "/" + size)
                .header("accept-ranges", "bytes")
                .header("etag", etag)
                .header("last-modified", lastModified);
        return partial;
    }

    /** RFC 9110 13.2.2: If-None-Match decides when present; otherwise If-Modified-Since. */
    private static boolean notModified(Request request, String etag, String lastModified) {
        String noneMatch = request.header("if-none-match");
        if (noneMatch != null) {
            for (String tag : noneMatch.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || weak(t).equals(weak(etag))) {
                    return true;
                }
            }
            return false;
        }
        String since = request.header("if-modified-since");
        if (since == null) {
            return false;
        }
        try {
            return !ZonedDateTime.parse(since.trim(), HTTP_DATE).toInstant()
                    .isBefore(ZonedDateTime.parse(lastModified, HTTP_DATE).toInstant());
        } catch (DateTimeParseException unreadable) {
            return false; // an invalid date is ignored (RFC 9110 13.1.3)
        }
    }

    /** If-Range: the range applies only if the file is still the one the client has part of. */
    private static boolean ifRangeHolds(String ifRange, String etag, String lastModified) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.trim();
        return value.equals(etag) || value.equals(lastModified);
    }

    private static String weak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static void copy(Path file, long start, long length, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            in.skipNBytes(start);
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new UncheckedIOException(new IOException("the file shrank while being served"));
                }
                out.write(buffer, 0, read);
                left -= read;
            }
        }
    }

    @Override
    public String toString() {
        return "StaticFiles(" + root + (html ? ", html" : "") + ")";
    }
}
