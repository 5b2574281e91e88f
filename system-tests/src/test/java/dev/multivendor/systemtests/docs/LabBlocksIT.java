package dev.multivendor.systemtests.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the lab blocks that need no cloud account, exactly as a workshop participant would: with bash, from the
 * repository root. A block preceded by {@code <!-- lab-check: run -->} must exit 0; {@code <!-- lab-check: run,
 * expect "text" -->} also requires that text in its output. Integration test: the blocks call {@code ./mvnw} and
 * run the built jars, which the reactor builds before this module.
 */
class LabBlocksIT {

    private static final Pattern EXPECT = Pattern.compile("expect \"([^\"]+)\"");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);

    private final Path root = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    @TestFactory
    Stream<DynamicTest> labBlocksMarkedRunnableRunWithoutACloudAccount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path lab : LabCommandsTest.labs(root)) {
            for (Markdown.CodeBlock block : LabCommandsTest.shellBlocks(lab)) {
                if (block.marker() == null || !block.marker().startsWith("lab-check: run")) {
                    continue;
                }
                String name = root.relativize(lab) + ":" + block.line();
                tests.add(DynamicTest.dynamicTest(name, () -> run(name, block)));
            }
        }
        assertTrue(tests.size() >= 3, "expected runnable lab blocks, found " + tests.size());
        return tests.stream();
    }

    private void run(String name, Markdown.CodeBlock block) throws Exception {
        Path log = Files.createTempFile("lab-block", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", String.join("\n", block.lines()))
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        Process process = builder.start();
        boolean finished = process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(finished, name + " did not finish within " + RUN_TIMEOUT + ":\n" + tail(output));
        assertEquals(0, process.exitValue(), name + " failed:\n" + tail(output));
        Matcher expect = EXPECT.matcher(block.marker());
        while (expect.find()) {
            assertTrue(output.contains(expect.group(1)),
                    name + ": output lacks \"" + expect.group(1) + "\":\n" + tail(output));
        }
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : "…" + output.substring(output.length() - 4000);
    }
}
