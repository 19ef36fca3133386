package io.ifastapi.forms;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * A file uploaded in a multipart form (Starlette's {@code UploadFile}): its name and content type as the client sent
 * them, its part's headers, its size, and its bytes, kept in memory up to the spool threshold and in a temporary
 * file beyond. The temporary file is deleted when the request is over (after its response, also when the handler
 * failed); read or {@link #saveTo save} the file before that.
 */
public final class UploadFile implements AutoCloseable {
    /**
     * A safety net only: a request that is never completed (an app called directly, not through a server adapter or
     * TestClient) still gets its temporary files deleted once its uploads are unreachable.
     */
    private static final Cleaner CLEANER = Cleaner.create();

    private final String fieldName;
    private final String filename;
    private final PartHeaders headers;
    private final byte[] memory;
    private final Path file;
    private final long size;
    private final Cleaner.Cleanable deletion;
    private volatile boolean closed;

    UploadFile(String fieldName, String filename, PartHeaders headers, byte[] memory, Path file, long size) {
        this.fieldName = fieldName;
        this.filename = filename;
        this.headers = headers;
        this.memory = memory;
        this.file = file;
        this.size = size;
        this.deletion = file == null ? null : CLEANER.register(this, new DeleteFile(file));
    }

    /** Deletes the temporary file; holds no reference to the upload, as a Cleaner action must not. */
    private record DeleteFile(Path file) implements Runnable {
        @Override
        public void run() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the temporary file " + file, e);
            }
        }
    }

    /** The form field this file was sent as. */
    public String fieldName() {
        return fieldName;
    }

    /**
     * The file name the client sent (may be empty, and is the client's word: never use it as a path as is). A
     * Windows path from an old browser is cut to its last segment, as Starlette does.
     */
    public String filename() {
        return filename;
    }

    /** The part's Content-Type, or null when the client sent none (Starlette: {@code None}). */
    public String contentType() {
        return headers.get("content-type");
    }

    public PartHeaders headers() {
        return headers;
    }

    /** The size in bytes. */
    public long size() {
        return size;
    }

    /** True when the file is small enough to have stayed in memory (see {@link FormLimits#spoolThreshold()}). */
    public boolean inMemory() {
        return file == null;
    }

    /** A new stream over the whole file on each call. */
    public InputStream inputStream() {
        checkOpen();
        if (file == null) {
            return new ByteArrayInputStream(memory);
        }
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload " + filename, e);
        }
    }

    /** The whole file in memory: for small files. Use {@link #inputStream()} or {@link #saveTo} for big ones. */
    public byte[] bytes() {
        checkOpen();
        if (file == null) {
            return Arrays.copyOf(memory, memory.length);
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload " + filename, e);
        }
    }

    /** The file as text in a charset. */
    public String text(Charset charset) {
        return new String(bytes(), charset);
    }

    /** The file as UTF-8 text. */
    public String text() {
        return text(StandardCharsets.UTF_8);
    }

    /** Copies the file to {@code target} (replacing it), e.g. to keep it beyond the request. */
    public void saveTo(Path target) {
        checkOpen();
        try {
            if (file == null) {
                Files.write(target, memory);
            } else {
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the upload " + filename + " to " + target, e);
        }
    }

    /** Deletes the temporary file; the framework calls it when the request is over. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (deletion != null) {
            deletion.clean(); // deletes now, once
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The upload " + filename + " was closed when its request ended; read it "
                    + "(or saveTo a path) in the handler");
        }
    }

    @Override
    public String toString() {
        return "UploadFile[" + fieldName + ": " + filename + ", " + contentType() + ", " + size + " bytes]";
    }
}
