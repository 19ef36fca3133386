package io.ifastapi.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's two commands work where the default {@code java} is older than 21 (Debian bookworm's is 17): they run
 * through {@code bin/with-jdk}, which finds a JDK 21+ and points both JAVA_HOME and PATH at it, and {@code .ci/run}
 * runs the README's own test command.
 */
@DisabledOnOs(OS.WINDOWS)
class ReadmeCommandsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path WITH_JDK = ROOT.resolve("bin/with-jdk");
    /** The JDK running this test: 21 or newer, since the build requires it. */
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));

    private record Run(int status, String out) {
    }

    /** The shell blocks of the README's "Two commands" section. */
    private static List<String> readmeCommands() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("## Two commands");
        assertThat(start).as("README.md has a 'Two commands' section").isNotNegative();
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        List<String> commands = new ArrayList<>();
        Matcher block = Pattern.compile("```sh\\n(.*?)\\n```", Pattern.DOTALL).matcher(section);
        while (block.find()) {
            commands.add(block.group(1).strip());
        }
        return commands;
    }

    @Test
    void everyJavaAndMavenCommandOfTheReadmeGoesThroughWithJdk() throws IOException {
        List<String> commands = readmeCommands();
        assertThat(commands).hasSize(2);
        for (String command : commands) {
            for (String step : command.split("&&")) {
                assertThat(step.strip()).as("a step of `%s`", command).startsWith("bin/with-jdk ");
            }
        }
        assertThat(commands.get(0)).contains("java -jar examples/target/ifastapi-demo.jar");
    }

    @Test
    void ciRunsTheReadmesTestCommand() throws IOException {
        String testCommand = readmeCommands().get(1);
        List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(ci.getLast()).isEqualTo(testCommand);
    }

    @Test
    void withJdkSkipsAJavaHomeOlderThan21(@TempDir Path dir) throws Exception {
        Path old = fakeJdk(dir.resolve("jdk-17"), "17.0.15");
        Run run = run(Map.of("JAVA_HOME", old.toString(), "PATH", THIS_JDK.resolve("bin") + ":/usr/bin:/bin"),
                WITH_JDK.toString(), "sh", "-c", "echo \"$JAVA_HOME\"; command -v java; java -version 2>&1");
        assertThat(run.status()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(Path.of(lines[0])).isNotEqualTo(old);
        assertThat(lines[1]).as("java on PATH").isEqualTo(lines[0] + "/bin/java");
        assertThat(majorVersion(run.out())).isGreaterThanOrEqualTo(21);
    }

    @Test
    void withJdkKeepsAJavaHomeOf21OrNewerAndPrintsItWithoutACommand() throws Exception {
        Run run = run(Map.of("JAVA_HOME", THIS_JDK.toString(), "PATH", "/usr/bin:/bin"), WITH_JDK.toString());
        assertThat(run.status()).isZero();
        assertThat(run.out().strip()).isEqualTo(THIS_JDK.toString());
    }

    private static Path fakeJdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        for (String tool : List.of("java", "javac")) {
            Path script = home.resolve("bin").resolve(tool);
            Files.writeString(script, "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2025-04-15' >&2\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }

    private static int majorVersion(String javaVersionOutput) {
        Matcher m = Pattern.compile("version \"(\\d+)").matcher(javaVersionOutput);
        assertThat(m.find()).as("a version in: %s", javaVersionOutput).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static Run run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }
}
