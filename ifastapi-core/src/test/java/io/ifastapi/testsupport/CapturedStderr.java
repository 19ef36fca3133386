package io.ifastapi.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * Captures what is written to System.err (where slf4j-simple logs in tests, see simplelogger.properties) while
 * still passing it through. Tests run one at a time in a JVM, so swapping the global stream is safe here; server
 * threads may log while the test reads, which ByteArrayOutputStream's own locking allows.
 */
public final class CapturedStderr implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    /** Starts capturing, until {@link #close()}. */
    public CapturedStderr() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                original.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code action}, then stops capturing: for the log of one step only, which {@link #text()} still reads
     * afterwards. A checked exception comes out wrapped in an IllegalStateException.
     */
    public <T> T during(Callable<T> action) {
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            close();
        }
    }

    public String text() {
        System.err.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** How many times {@code fragment} was logged. */
    public int count(String fragment) {
        String text = text();
        int count = 0;
        for (int at = text.indexOf(fragment); at >= 0; at = text.indexOf(fragment, at + fragment.length())) {
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}
