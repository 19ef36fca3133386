package io.ifastapi.middleware;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream whose bytes are those of Python's {@code zlib.compressobj(level, DEFLATED, 31)}: the same header
 * (no name, mtime 0, XFL from the level, OS unix), so a response compressed here has the same Content-Length as
 * Starlette's. {@link #flush()} is a zlib SYNC_FLUSH: what was written so far reaches the client, decodable, as each
 * chunk of a Starlette streaming response does.
 */
final class GzipOutputStream extends FilterOutputStream {
    private static final int OS_UNIX = 3;

    private final Deflater deflater;
    private final int level;
    private final CRC32 crc = new CRC32();
    private final byte[] buffer = new byte[8192];
    private boolean headerWritten;
    private boolean finished;

    private final DeflaterPool pool;

    GzipOutputStream(OutputStream out, int level) {
        this(out, level, null);
    }

    /** With a pool, the deflater comes from it and goes back to it in {@link #release()}. */
    GzipOutputStream(OutputStream out, int level, DeflaterPool pool) {
        super(out);
        this.pool = pool;
        this.deflater = pool != null ? pool.take() : new Deflater(level, true);
        this.level = level;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("The gzip stream is finished");
        }
        if (len == 0) {
            return;
        }
        writeHeader();
        crc.update(b, off, len);
        deflater.setInput(b, off, len);
        while (!deflater.needsInput()) {
            drain(Deflater.NO_FLUSH);
        }
    }

    /** Pushes everything written so far to the client as a complete deflate block (SYNC_FLUSH). */
    @Override
    public void flush() throws IOException {
        if (!finished) {
            writeHeader();
            int n;
            do {
                n = drain(Deflater.SYNC_FLUSH);
            } while (n == buffer.length);
        }
        out.flush();
    }

    /** Ends the deflate stream and writes the trailer (CRC-32 and length); the underlying stream stays open. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        writeHeader();
        deflater.finish();
        while (!deflater.finished()) {
            drain(Deflater.NO_FLUSH);
        }
        long size = deflater.getBytesRead();
        finished = true;
        writeIntLe((int) crc.getValue());
        writeIntLe((int) size);
    }

    /** Gives the deflater back to the pool, or frees its native memory; call once, finished or not. */
    void release() {
        if (pool != null) {
            pool.give(deflater, finished);
        } else {
            deflater.end();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            release();
        }
        out.close();
    }

    /** The whole of {@code body}, compressed in one go. */
    static byte[] compress(byte[] body, int level) {
        return compress(body, level, null);
    }

    static byte[] compress(byte[] body, int level, DeflaterPool pool) {
        var bytes = new java.io.ByteArrayOutputStream(Math.max(64, body.length / 3));
        try (GzipOutputStream gzip = new GzipOutputStream(bytes, level, pool)) {
            gzip.write(body, 0, body.length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    private int drain(int flush) throws IOException {
        int n = deflater.deflate(buffer, 0, buffer.length, flush);
        if (n > 0) {
            out.write(buffer, 0, n);
        }
        return n;
    }

    private void writeHeader() throws IOException {
        if (headerWritten) {
            return;
        }
        headerWritten = true;
        int xfl = level == 9 ? 2 : level < 2 ? 4 : 0; // zlib's rule for the "extra flags" byte
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) xfl, OS_UNIX});
    }

    private void writeIntLe(int v) throws IOException {
        out.write(new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
    }
}
