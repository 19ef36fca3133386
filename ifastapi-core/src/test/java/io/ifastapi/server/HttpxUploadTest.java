package io.ifastapi.server;

import io.ifastapi.forms.FormData;
import io.ifastapi.forms.UploadFile;
import io.ifastapi.json.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A multipart form sent by Python's httpx (the client FastAPI users test with) to an adapter: fields with
 * repeats and non-ASCII text, two files under one name, one past the spool threshold. Needs a Python with httpx:
 * {@code IFASTAPI_PYTHON}, else the one {@code scripts/python-venv.sh} prints; skipped when neither exists.
 */
public abstract class HttpxUploadTest extends ServerTestBase {
    @TempDir
    Path dir;

    public static String python() {
        String given = System.getenv("IFASTAPI_PYTHON");
        if (given != null && !given.isBlank()) {
            return given;
        }
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path script = at.resolve("scripts/python-venv.sh");
            if (Files.isExecutable(script)) {
                try {
                    Process p = new ProcessBuilder("bash", script.toString())
                            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                    if (p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0 && !out.isEmpty()) {
                        return out.lines().reduce((a, b) -> b).orElseThrow();
                    }
                } catch (IOException e) {
                    return null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                return null;
            }
        }
        return null;
    }

    private static boolean hasHttpx(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import httpx").redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES) // a first run may create the venv
    void aFormPostedByHttpx() throws Exception {
        String python = python();
        Assumptions.assumeTrue(python != null && hasHttpx(python),
                "no Python with httpx: set IFASTAPI_PYTHON, or make scripts/python-venv.sh install httpx");
        app.post("/upload", request -> {
            FormData form = request.form();
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("note", form.get("note"));
            seen.put("tags", form.getAll("tag"));
            seen.put("files", form.files("file").stream().map(this::describe).toList());
            return seen;
        });
        start();
        Path script = dir.resolve("httpx_upload.py");
        try (InputStream in = getClass().getResourceAsStream("/io/ifastapi/forms/httpx_upload.py")) {
            Files.write(script, in.readAllBytes());
        }

        Process p = new ProcessBuilder(python, script.toString(), uri("/upload").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> lines = out.lines().toList();

        assertThat(lines.get(0)).as(out).isEqualTo("200");
        byte[] big = new byte[256 * 12288];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        assertThat(Json.read(lines.get(1), Map.class)).isEqualTo(Map.of(
                "note", "héllo wörld",
                "tags", List.of("a", "b"),
                "files", List.of(
                        Map.of("filename", "été.txt", "contentType", "text/plain", "size", big.length,
                                "inMemory", false, "same", true),
                        Map.of("filename", "b.bin", "contentType", "application/octet-stream", "size", 6,
                                "inMemory", true, "same", true))));
    }

    private Map<String, Object> describe(UploadFile file) {
        byte[] expected;
        if (file.filename().equals("b.bin")) {
            expected = new byte[]{0, (byte) 0xff, '\r', '\n', '-', '-'};
        } else {
            expected = new byte[256 * 12288];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (byte) i;
            }
        }
        return Map.of("filename", file.filename(), "contentType", file.contentType(), "size", file.size(),
                "inMemory", file.inMemory(), "same", java.util.Arrays.equals(file.bytes(), expected));
    }
}
