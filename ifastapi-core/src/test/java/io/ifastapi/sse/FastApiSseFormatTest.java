package io.ifastapi.sse;

import io.ifastapi.server.HttpxUploadTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential: the same events encoded by FastAPI's own {@code fastapi.sse.format_sse_event} (the real FastAPI in
 * the project's venv, scripts/python-venv.sh or IFASTAPI_PYTHON) and by {@link ServerSentEvent#encode()}, byte for
 * byte. Data is given pre-serialised (raw), as format_sse_event takes it; FastAPI's JSON of dicts differs in
 * whitespace only ({@code {"a": 1}} against our compact {@code {"a":1}}), which no JSON parser sees.
 */
class FastApiSseFormatTest {
    /** Reads one JSON case per line ("\u0000none" stands for None), prints format_sse_event's bytes in base64. */
    private static final String SCRIPT = """
            import base64, json, sys
            from fastapi.sse import format_sse_event
            NONE = "\\x00none"
            def get(case, key):
                return None if case[key] == NONE else case[key]
            for line in sys.stdin:
                case = json.loads(line)
                print(base64.b64encode(format_sse_event(data_str=get(case, "data"), event=get(case, "event"),
                      id=get(case, "id"), retry=get(case, "retry"), comment=get(case, "comment"))).decode())
            """;

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES) // a first run may create the venv
    void sameBytesAsFastApi() throws Exception {
        String python = HttpxUploadTest.python();
        Assumptions.assumeTrue(python != null && importsFastApiSse(python),
                "no Python with fastapi.sse (FastAPI >= 0.135): set IFASTAPI_PYTHON or run scripts/python-venv.sh");
        List<ServerSentEvent> cases = List.of(
                ServerSentEvent.raw("hello"),
                ServerSentEvent.raw("\"quoted\""),
                ServerSentEvent.raw("two\nlines"),
                ServerSentEvent.raw("crlf\r\nand\rcr\n"),
                ServerSentEvent.raw(""),
                ServerSentEvent.raw("ünïcødé ✓").event("update").id("42").retry(0),
                ServerSentEvent.ofComment("ping"),
                ServerSentEvent.ofComment("multi\nline comment").event("e"),
                new ServerSentEvent(null, null, "only-event", null, null, null),
                new ServerSentEvent(null, null, null, "only-id", 1500, null));
        StringBuilder input = new StringBuilder();
        for (ServerSentEvent event : cases) {
            input.append(io.ifastapi.json.Json.string(java.util.Map.of(
                    "data", event.rawData() == null ? "\u0000none" : event.rawData(),
                    "event", nullable(event.event()), "id", nullable(event.id()),
                    "retry", event.retry() == null ? "\u0000none" : event.retry(),
                    "comment", nullable(event.comment())))).append('\n');
        }
        Process p = new ProcessBuilder(python, "-c", SCRIPT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().write(input.toString().getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        List<String> ours = new ArrayList<>();
        List<String> theirs = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            ours.add(new String(cases.get(i).encode(), StandardCharsets.UTF_8));
            theirs.add(new String(Base64.getDecoder().decode(out.get(i)), StandardCharsets.UTF_8));
        }
        assertThat(ours).isEqualTo(theirs);
    }

    private static Object nullable(String value) {
        return value == null ? "\u0000none" : value;
    }

    private static boolean importsFastApiSse(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import fastapi.sse").redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
