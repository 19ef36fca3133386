package io.ifastapi.examples.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The catalog's /openapi.json is the same, byte for byte (key and path order included), in this JVM and in two
 * fresh ones: nothing in it depends on hash order, identity or time. That it is generated once and then served as
 * is, is OpenApiDocumentTest's and TypedInputsTest's part.
 */
class DocumentStabilityTest {

    @Test
    void sameBytesAcrossRestarts() throws Exception {
        String here = new String(PrintOpenApi.document(), StandardCharsets.UTF_8);
        // One run with other identity hash codes (-XX:hashCode=2 makes them all 1): no order may depend on them.
        String first = inFreshJvm("-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2");
        String second = inFreshJvm();
        assertThat(here).startsWith("{\"openapi\":\"3.1.0\"").contains("\"Body_upload_upload_post\"");
        assertThat(first).isEqualTo(here);
        assertThat(second).isEqualTo(here);
    }

    private static String inFreshJvm(String... options) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<String>();
        command.add(java);
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                PrintOpenApi.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the JVM ends").isTrue();
        assertThat(process.exitValue()).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
