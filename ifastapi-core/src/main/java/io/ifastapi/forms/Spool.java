package io.ifastapi.forms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the bytes of one upload go while it arrives: memory up to the threshold, then a temporary file that gets
 * everything (Starlette's {@code SpooledTemporaryFile(max_size=1 MiB)}). So a big upload never sits in memory whole.
 */
final class Spool {
    private final long threshold;
    private final Path directory;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream out;
    private long size;

    Spool(long threshold, Path directory) {
        this.threshold = threshold;
        this.directory = directory;
    }

    long size() {
        return size;
    }

    void write(byte[] bytes, int offset, int length) {
        try {
            if (out == null && size + length > threshold) {
                file = directory == null ? Files.createTempFile("ifastapi-upload-", ".tmp")
                        : Files.createTempFile(directory, "ifastapi-upload-", ".tmp");
                out = Files.newOutputStream(file);
                memory.writeTo(out);
                memory = null;
            }
            if (out != null) {
                out.write(bytes, offset, length);
            } else {
                memory.write(bytes, offset, length);
            }
            size += length;
        } catch (IOException e) {
            discard();
            throw new UncheckedIOException("Cannot spool an upload to " + (file != null ? file : "a temporary file"), e);
        }
    }

    UploadFile finish(String fieldName, String filename, PartHeaders headers) {
        byte[] bytes = null;
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                discard();
                throw new UncheckedIOException("Cannot write the temporary file " + file, e);
            }
        } else {
            bytes = memory.toByteArray();
        }
        return new UploadFile(fieldName, filename, headers, bytes, file, size);
    }

    /** Drops the upload: its part never completed, or parsing failed. */
    void discard() {
        try {
            if (out != null) {
                out.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // best effort: the temp directory is the OS's to clean
        }
        memory = null;
    }
}
