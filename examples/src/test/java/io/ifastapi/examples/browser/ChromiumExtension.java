package io.ifastapi.examples.browser;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a test class against a real headless Chromium, driven by Selenium through chromedriver, and hands it a
 * {@link Browser} as a parameter (of a {@code @BeforeAll} method, a constructor or a test). The browser is
 * started once per test class and closed after it.
 *
 * <p>The binaries are found from the environment ({@code CHROMIUM}, {@code CHROMEDRIVER}), then {@code PATH}, then
 * {@code /usr/bin}. When one is missing the tests are skipped, saying how to install them
 * ({@code apt-get install chromium chromium-driver}); with {@code CI=true} they fail instead, so that a CI machine
 * without a browser cannot pass by skipping.
 */
public final class ChromiumExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
        ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ChromiumExtension.class);
    static final String INSTALL = "apt-get install chromium chromium-driver";

    /** Where the two binaries are, or what is missing. */
    record Binaries(Path chromium, Path chromedriver, List<String> problems) {
        boolean found() {
            return problems.isEmpty();
        }

        String explanation() {
            return "No browser for the browser tests: " + String.join("; ", problems) + ". Install them with `"
                    + INSTALL + "` (Debian), or point CHROMIUM and CHROMEDRIVER at the binaries.";
        }
    }

    static Binaries locate(Function<String, String> env) {
        List<String> problems = new ArrayList<>();
        Path chromium = find("CHROMIUM", List.of("chromium", "chromium-browser"), env, problems);
        Path chromedriver = find("CHROMEDRIVER", List.of("chromedriver"), env, problems);
        return new Binaries(chromium, chromedriver, problems);
    }

    private static Path find(String variable, List<String> names, Function<String, String> env, List<String> problems) {
        String override = env.apply(variable);
        if (override != null && !override.isBlank()) {
            Path path = Path.of(override.trim());
            if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                return path;
            }
            problems.add(variable + "=" + override + " is not an executable file");
            return null;
        }
        List<Path> dirs = new ArrayList<>();
        String pathVar = env.apply("PATH");
        if (pathVar != null) {
            for (String dir : pathVar.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        dirs.add(Path.of("/usr/bin"));
        for (Path dir : dirs) {
            for (String name : names) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        problems.add(names.getFirst() + " is not on PATH nor in /usr/bin (set " + variable + " to override)");
        return null;
    }

    private static boolean ci() {
        return "true".equalsIgnoreCase(String.valueOf(System.getenv("CI")).trim());
    }

    private static Binaries binaries(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("binaries", key -> locate(System::getenv), Binaries.class);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Binaries binaries = binaries(context);
        if (binaries.found()) {
            return ConditionEvaluationResult.enabled("Chromium at " + binaries.chromium() + ", chromedriver at "
                    + binaries.chromedriver());
        }
        if (ci()) {
            return ConditionEvaluationResult.enabled("CI=true: a missing browser fails the tests"); // see beforeAll
        }
        return ConditionEvaluationResult.disabled(binaries.explanation() + " (Skipped; with CI=true this fails.)");
    }

    /** Only reached when the binaries are there, or with CI=true: then a missing browser is an error. */
    @Override
    public void beforeAll(ExtensionContext context) {
        requireBinaries(context);
    }

    /** The same, for an extension registered on a test method. */
    @Override
    public void beforeEach(ExtensionContext context) {
        requireBinaries(context);
    }

    private static void requireBinaries(ExtensionContext context) {
        Binaries binaries = binaries(context);
        if (!binaries.found()) {
            fail(binaries.explanation() + " CI=true, so this is a failure, not a skip.");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        Binaries binaries = binaries(context);
        Path log = Path.of("target", "browser", "chromedriver.log");
        // Closed by JUnit when the class's store is closed, after its @AfterAll methods (AutoCloseable store values).
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Browser.class, key -> {
            try {
                return Browser.start(binaries.chromedriver(), binaries.chromium(), log);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("Could not start Chromium through chromedriver (log: "
                        + log.toAbsolutePath() + "): " + e.getMessage(), e);
            }
        }, Browser.class);
    }

    /** For tests of this class: locate with a given environment. */
    static Binaries locate(Map<String, String> env) {
        return locate(env::get);
    }
}
