package io.ifastapi.forms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code multipart/form-data} body, parsed as it streams in: one buffer of {@value #BUFFER} bytes, field values
 * in memory (bounded by {@link FormLimits#maxPartSize()}), uploads spooled to temporary files past the threshold.
 *
 * <p>Why our own parser: Netty's and Jetty's multipart decoders belong to their servers (the core imports no server),
 * and Commons FileUpload 2 (servlet-free core, still a milestone release) brings commons-io (600 KB) and counts
 * files and fields as one, with its own messages; Starlette's behaviour (separate file and field counts, a size
 * limit for non-file parts only, its error texts, what it forgives) would have to be rebuilt around it anyway. The
 * grammar is small; this follows python-multipart, which Starlette uses, state by state:
 * <ul>
 *   <li>CR and LF before the first boundary are skipped; anything else before it is invalid, as is a first boundary
 *       line that is not exactly {@code --boundary} CRLF;</li>
 *   <li>at most {@value #MAX_HEADER_COUNT} headers of at most {@value #MAX_HEADER_SIZE} bytes per part, names made
 *       of token characters, lines ending in CRLF;</li>
 *   <li>a part ends at CRLF {@code --boundary} followed by CRLF (another part) or {@code --} (the end); what follows
 *       the end is ignored;</li>
 *   <li>a body that ends early (no closing boundary) is not an error: the parts completed so far are the form, the
 *       unfinished one is dropped.</li>
 * </ul>
 * Malformed input is a {@link FormException} 400 "Invalid multipart data.", never anything else.
 */
public final class MultipartParser {
    static final int BUFFER = 64 * 1024;
    static final int MAX_HEADER_COUNT = 8;
    static final int MAX_HEADER_SIZE = 4096 + 128;
    private static final String TOKEN = "!#$%&'*+-.^_`|~";

    private final InputStream in;
    private final FormLimits limits;
    private final byte[] dashBoundary;
    private final byte[] delimiter;
    private final String charset;
    private final byte[] buf;
    private int pos;
    private int lim;
    private long total;
    private int files;
    private int fields;

    private MultipartParser(InputStream in, String boundary, String charset, FormLimits limits) {
        this.in = in;
        this.limits = limits;
        this.charset = charset;
        this.dashBoundary = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[Math.max(BUFFER, 4 * delimiter.length)];
    }

    /**
     * Parses a multipart body from {@code body} (read to its end, unless a limit stops it first).
     *
     * @param contentType the request's Content-Type, with its boundary (and optional charset for names and values)
     * @throws FormException for a missing boundary, malformed input, or a broken limit; uploads parsed so far are
     *                       deleted first
     */
    public static FormData parse(InputStream body, String contentType, FormLimits limits) {
        HeaderParams type = HeaderParams.parse(contentType);
        String boundary = type.get("boundary");
        if (boundary == null) {
            throw new FormException(400, "Missing boundary in multipart.");
        }
        if (boundary.isEmpty()) {
            throw FormException.invalid();
        }
        String charset = type.get("charset");
        return new MultipartParser(body == null ? InputStream.nullInputStream() : body, boundary,
                charset == null ? "utf-8" : charset, limits).parse();
    }

    private FormData parse() {
        List<Map.Entry<String, Object>> items = new ArrayList<>();
        Spool spool = null;
        try {
            if (!firstBoundary()) {
                return FormData.of(items);
            }
            while (true) {
                List<Map.Entry<String, String>> headers = readHeaders();
                if (headers == null) {
                    return FormData.of(items);
                }
                PartHeaders partHeaders = new PartHeaders(headers);
                HeaderParams disposition = HeaderParams.parse(lastValue(headers, "content-disposition"));
                String rawName = disposition.get("name");
                if (rawName == null) {
                    throw new FormException(400, "The Content-Disposition header field \"name\" must be provided.");
                }
                String name = decode(rawName);
                String rawFilename = disposition.get("filename");
                Outcome outcome;
                if (rawFilename != null) {
                    if (++files > limits.maxFiles()) {
                        throw new FormException(400, "Too many files. Maximum number of files is "
                                + limits.maxFiles() + ".");
                    }
                    spool = new Spool(limits.spoolThreshold(), limits.tempDirectory());
                    Spool target = spool;
                    outcome = readData((bytes, offset, length) -> {
                        if (target.size() + length > limits.maxFileSize()) {
                            throw new FormException(413, "File exceeded maximum size of " + limits.maxFileSize()
                                    + " bytes.");
                        }
                        target.write(bytes, offset, length);
                    });
                    if (outcome == Outcome.TRUNCATED) {
                        return FormData.of(items);
                    }
                    items.add(Map.entry(name, spool.finish(name, decode(rawFilename), partHeaders)));
                    spool = null;
                } else {
                    if (++fields > limits.maxFields()) {
                        throw new FormException(400, "Too many fields. Maximum number of fields is "
                                + limits.maxFields() + ".");
                    }
                    ByteArrayOutputStream value = new ByteArrayOutputStream();
                    outcome = readData((bytes, offset, length) -> {
                        if (value.size() + (long) length > limits.maxPartSize()) {
                            throw new FormException(400, "Part exceeded maximum size of "
                                    + limits.maxPartSize() / 1024 + "KB.");
                        }
                        value.write(bytes, offset, length);
                    });
                    if (outcome == Outcome.TRUNCATED) {
                        return FormData.of(items);
                    }
                    items.add(Map.entry(name, decode(value.toByteArray())));
                }
                if (outcome == Outcome.END) {
                    drain();
                    return FormData.of(items);
                }
            }
        } catch (RuntimeException e) {
            FormData.of(items).close();
            throw e;
        } finally {
            if (spool != null) {
                spool.discard(); // an upload the body ended in the middle of, or that failed
            }
        }
    }

    /** Up to the first part's headers; false when the body ended first (an empty form, as Starlette). */
    private boolean firstBoundary() {
        int c;
        while ((c = peek()) == '\r' || c == '\n') {
            pos++;
        }
        for (byte expected : dashBoundary) {
            c = next();
            if (c < 0) {
                return false;
            }
            if (c != (expected & 0xff)) {
                throw FormException.invalid();
            }
        }
        c = next();
        if (c == '-') { // "--boundary--": a form with no parts
            c = next();
            if (c >= 0 && c != '-') {
                throw FormException.invalid();
            }
            drain();
            return false;
        }
        if (c < 0) {
            return false;
        }
        if (c != '\r') {
            throw FormException.invalid();
        }
        c = next();
        if (c >= 0 && c != '\n') {
            throw FormException.invalid();
        }
        return c >= 0;
    }

    /** A part's headers up to and including the empty line; null when the body ended first. */
    private List<Map.Entry<String, String>> readHeaders() {
        List<Map.Entry<String, String>> headers = new ArrayList<>(2);
        while (true) {
            int c = next();
            if (c < 0) {
                return null;
            }
            if (c == '\r') {
                c = next();
                if (c < 0) {
                    return null;
                }
                if (c != '\n') {
                    throw FormException.invalid();
                }
                return headers;
            }
            if (headers.size() == MAX_HEADER_COUNT) {
                throw FormException.invalid();
            }
            StringBuilder name = new StringBuilder();
            int size = 0;
            while (c != ':') {
                if (!isToken(c) || ++size > MAX_HEADER_SIZE) {
                    throw FormException.invalid();
                }
                name.append((char) c);
                if ((c = next()) < 0) {
                    return null;
                }
            }
            if (name.isEmpty()) {
                throw FormException.invalid();
            }
            size++;
            do {
                if ((c = next()) < 0) {
                    return null;
                }
            } while (c == ' ' && ++size <= MAX_HEADER_SIZE);
            StringBuilder value = new StringBuilder();
            while (c != '\r') {
                if (++size > MAX_HEADER_SIZE) {
                    throw FormException.invalid();
                }
                value.append((char) c); // Latin-1, as Starlette keeps part headers
                if ((c = next()) < 0) {
                    return null;
                }
            }
            if ((c = next()) < 0) {
                return null;
            }
            if (c != '\n') {
                throw FormException.invalid();
            }
            headers.add(Map.entry(name.toString().toLowerCase(java.util.Locale.ROOT), value.toString()));
        }
    }

    private enum Outcome { NEXT, END, TRUNCATED }

    private interface Sink {
        void accept(byte[] bytes, int offset, int length);
    }

    /** A part's data, handed to {@code sink} as it arrives, up to its delimiter. */
    private Outcome readData(Sink sink) {
        int dl = delimiter.length;
        while (true) {
            int k = indexOfDelimiter();
            if (k >= 0) {
                if (k + dl + 2 > lim) { // the two bytes after it decide; they have not arrived yet
                    emit(sink, k);
                    if (!fillMore()) {
                        return Outcome.TRUNCATED;
                    }
                    continue;
                }
                byte a = buf[k + dl];
                byte b = buf[k + dl + 1];
                if ((a == '\r' && b == '\n') || (a == '-' && b == '-')) {
                    emit(sink, k);
                    pos = k + dl + 2;
                    return a == '\r' ? Outcome.NEXT : Outcome.END;
                }
                emit(sink, k + 1); // not a delimiter after all: data
                continue;
            }
            emit(sink, Math.max(pos, lim - (dl - 1))); // keep what could be the start of a delimiter
            if (!fillMore()) {
                return Outcome.TRUNCATED;
            }
        }
    }

    private void emit(Sink sink, int to) {
        if (to > pos) {
            sink.accept(buf, pos, to - pos);
            pos = to;
        }
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        int last = lim - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ----- the buffer -----

    private int peek() {
        if (pos == lim && !fillMore()) {
            return -1;
        }
        return buf[pos] & 0xff;
    }

    private int next() {
        int c = peek();
        if (c >= 0) {
            pos++;
        }
        return c;
    }

    /** Moves the unread bytes to the front and reads more after them; false at the end of the body. */
    private boolean fillMore() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        try {
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                return false;
            }
            total += n;
            if (total > limits.maxBodySize()) {
                throw new FormException(413, "Request body is larger than the limit of " + limits.maxBodySize()
                        + " bytes");
            }
            lim += n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the request body", e);
        }
    }

    /** Reads what follows the closing boundary (an epilogue, usually a CRLF), so the connection can be reused. */
    private void drain() {
        pos = lim;
        while (fillMore()) {
            pos = lim;
        }
    }

    // ----- text -----

    private static boolean isToken(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TOKEN.indexOf(c) >= 0;
    }

    private static String lastValue(List<Map.Entry<String, String>> headers, String name) {
        String value = null;
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equals(name)) {
                value = header.getValue();
            }
        }
        return value;
    }

    /** A name from a header (kept as Latin-1) decoded in the form's charset. */
    private String decode(String latin1) {
        return decode(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Bytes in the form's charset (UTF-8 unless the Content-Type says otherwise); Latin-1 when they are not. */
    private String decode(byte[] bytes) {
        try {
            return Charset.forName(charset).newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException | IllegalArgumentException notThisCharset) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
