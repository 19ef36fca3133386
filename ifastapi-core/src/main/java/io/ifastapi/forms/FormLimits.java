package io.ifastapi.forms;

import java.nio.file.Path;

/**
 * The limits applied while a form body is parsed, and where uploads are spooled. The defaults are Starlette's
 * ({@code request.form(max_files=1000, max_fields=1000, max_part_size=1024*1024)} and its 1 MiB
 * {@code SpooledTemporaryFile}); the file and total limits, which Starlette does not have, are off by default.
 * Set them on the app ({@code app.formLimits(FormLimits.defaults().maxBodySize(100 << 20))}) or per call
 * ({@code request.form(limits)}).
 *
 * @param maxFiles       most file parts (parts with a {@code filename}); one more is a 400
 * @param maxFields      most non-file parts, or urlencoded fields; one more is a 400
 * @param maxPartSize    most bytes of one non-file part (a field's value; for urlencoded, its name and value); more
 *                       is a 400
 * @param maxFileSize    most bytes of one uploaded file; more is a 413. {@link #UNLIMITED} by default
 * @param maxBodySize    most bytes of a whole multipart body; more is a 413. {@link #UNLIMITED} by default.
 *                       (Urlencoded bodies are read whole, so the app's {@code maxBodySize} bounds them.)
 * @param spoolThreshold uploads up to this many bytes stay in memory; bigger ones go to a temporary file
 * @param tempDirectory  where temporary files go; null for {@code java.io.tmpdir}
 */
public record FormLimits(int maxFiles, int maxFields, long maxPartSize, long maxFileSize, long maxBodySize,
                         long spoolThreshold, Path tempDirectory) {
    public static final long UNLIMITED = Long.MAX_VALUE;
    private static final long MIB = 1024 * 1024;
    private static final FormLimits DEFAULTS = new FormLimits(1000, 1000, MIB, UNLIMITED, UNLIMITED, MIB, null);

    public FormLimits {
        if (maxFiles < 0 || maxFields < 0 || maxPartSize < 0 || maxFileSize < 0 || maxBodySize < 0
                || spoolThreshold < 0) {
            throw new IllegalArgumentException("Form limits must be >= 0 (use FormLimits.UNLIMITED for no limit), got "
                    + "maxFiles=" + maxFiles + ", maxFields=" + maxFields + ", maxPartSize=" + maxPartSize
                    + ", maxFileSize=" + maxFileSize + ", maxBodySize=" + maxBodySize
                    + ", spoolThreshold=" + spoolThreshold);
        }
    }

    /** Starlette's: 1000 files, 1000 fields, 1 MiB per field, uploads spooled to disk past 1 MiB, no total limit. */
    public static FormLimits defaults() {
        return DEFAULTS;
    }

    public FormLimits maxFiles(int n) {
        return new FormLimits(n, maxFields, maxPartSize, maxFileSize, maxBodySize, spoolThreshold, tempDirectory);
    }

    public FormLimits maxFields(int n) {
        return new FormLimits(maxFiles, n, maxPartSize, maxFileSize, maxBodySize, spoolThreshold, tempDirectory);
    }

    public FormLimits maxPartSize(long bytes) {
        return new FormLimits(maxFiles, maxFields, bytes, maxFileSize, maxBodySize, spoolThreshold, tempDirectory);
    }

    public FormLimits maxFileSize(long bytes) {
        return new FormLimits(maxFiles, maxFields, maxPartSize, bytes, maxBodySize, spoolThreshold, tempDirectory);
    }

    public FormLimits maxBodySize(long bytes) {
        return new FormLimits(maxFiles, maxFields, maxPartSize, maxFileSize, bytes, spoolThreshold, tempDirectory);
    }

    public FormLimits spoolThreshold(long bytes) {
        return new FormLimits(maxFiles, maxFields, maxPartSize, maxFileSize, maxBodySize, bytes, tempDirectory);
    }

    public FormLimits tempDirectory(Path directory) {
        return new FormLimits(maxFiles, maxFields, maxPartSize, maxFileSize, maxBodySize, spoolThreshold, directory);
    }
}
