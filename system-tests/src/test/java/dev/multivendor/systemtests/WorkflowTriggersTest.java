package dev.multivendor.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which workflows a change starts: a vendor's change runs only its own pipeline; a vendor's contract runs that
 * vendor's pipeline only, what all contracts share and the publisher run both vendors'; the kit schema runs the
 * core's too (it produces the kits); the core's change runs only the core's (plus the repository checks). The
 * test prints the whole table (path changed -> workflows started).
 */
class WorkflowTriggersTest {

    private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final List<Workflow> WORKFLOWS = Workflow.loadAll(ROOT);

    private static final Set<String> ALL = Set.of("core-infra", "shared-contracts", "system-tests", "vendor-a-lambda",
            "vendor-b-http");
    /** What a change to the root build or the toolchain starts: every workflow, the nightly rehearsal's too. */
    private static final Set<String> ALL_AND_REHEARSAL = Set.of("core-infra", "rehearsal", "shared-contracts",
            "system-tests", "vendor-a-lambda", "vendor-b-http");

    /**
     * One representative changed file per top-level entry (more where a folder serves several consumers, as
     * shared-contracts does), and the workflows it must start, exactly.
     */
    private static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            Map.entry("vendor-a-lambda/src/main/java/dev/multivendor/vendora/FeedbackApplication.java", Set.of("vendor-a-lambda")),
            Map.entry("vendor-a-lambda/infra/pom.xml", Set.of("vendor-a-lambda")),
            Map.entry("vendor-b-http/src/main/resources/application.yml", Set.of("vendor-b-http")),
            // Per contract: a vendor's contract starts that vendor's pipeline, never the other's.
            Map.entry("shared-contracts/src/main/resources/contracts/feedback-api/v1/openapi.yaml",
                    Set.of("shared-contracts", "vendor-a-lambda", "system-tests")),
            Map.entry("shared-contracts/src/main/resources/contracts/support-tickets-api/v1/openapi.yaml",
                    Set.of("shared-contracts", "vendor-b-http", "system-tests")),
            Map.entry("shared-contracts/src/main/resources/contracts/conventions/problem-details.yaml",
                    Set.of("shared-contracts", "vendor-a-lambda", "vendor-b-http", "system-tests")),
            // The kit schema: the core produces kits, both vendors consume them.
            Map.entry("shared-contracts/src/main/resources/onboarding-kit/v1/onboarding-kit.schema.json", ALL),
            Map.entry("shared-contracts/src/released/support-tickets-api/1.0.0.yaml", Set.of("shared-contracts", "system-tests")),
            Map.entry("shared-contracts/src/test/java/dev/multivendor/contracts/ContractExamplesTest.java",
                    Set.of("shared-contracts", "system-tests")),
            Map.entry("infra-support/src/main/java/dev/multivendor/infrasupport/StateBackend.java",
                    Set.of("core-infra", "vendor-a-lambda", "system-tests")),
            Map.entry("core-infra/vendors.yaml", Set.of("core-infra", "system-tests")),
            Map.entry("api-publisher/src/main/java/dev/multivendor/publisher/Publisher.java",
                    Set.of("vendor-a-lambda", "vendor-b-http", "system-tests")),
            Map.entry("rehearsal/pom.xml", Set.of("rehearsal")),
            Map.entry(".github/workflows/rehearsal.yml", Set.of("rehearsal", "system-tests")),
            Map.entry("system-tests/pom.xml", Set.of("system-tests")),
            Map.entry("docs/README.md", Set.of("system-tests")),
            Map.entry("docs/labs/02-onboard-a-third-vendor/vendor-c.yaml", Set.of("system-tests")),
            Map.entry("vendor-b-http/README.md", Set.of("vendor-b-http", "system-tests")),
            Map.entry(".github/workflows/vendor-a-lambda.yml", Set.of("vendor-a-lambda", "system-tests")),
            Map.entry(".github/workflows/core-infra.yml", Set.of("core-infra", "system-tests")),
            Map.entry(".github/actions/setup-toolchain/Dockerfile", ALL_AND_REHEARSAL),
            Map.entry(".github/CODEOWNERS", Set.of("system-tests")),
            Map.entry(".ci/run", Set.of()),
            Map.entry(".mvn/wrapper/maven-wrapper.properties", ALL_AND_REHEARSAL),
            Map.entry("pom.xml", ALL_AND_REHEARSAL),
            Map.entry("README.md", Set.of("system-tests")));

    private static Set<String> startedByPush(String file) {
        return WORKFLOWS.stream().filter(w -> w.startsOnPush("main", List.of(file))).map(Workflow::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> startedByPullRequest(String file) {
        return WORKFLOWS.stream().filter(w -> w.startsOnPullRequest("main", List.of(file))).map(Workflow::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void eachFoldersChangeStartsExactlyTheWorkflowsThatDependOnIt() {
        Map<String, Set<String>> actual = new TreeMap<>();
        Map<String, Set<String>> expected = new TreeMap<>();
        EXPECTED.forEach((file, workflows) -> {
            actual.put(file, startedByPush(file));
            expected.put(file, new TreeSet<>(workflows));
        });
        System.out.print(table(actual));
        assertEquals(expected, actual);
    }

    @Test
    void aChangeToOneVendorsContractNeverStartsTheOtherVendorsPipeline() {
        assertFalse(startedByPush("shared-contracts/src/main/resources/contracts/support-tickets-api/v1/openapi.yaml")
                .contains("vendor-a-lambda"));
        assertFalse(startedByPush("shared-contracts/src/main/resources/contracts/feedback-api/v1/openapi.yaml")
                .contains("vendor-b-http"));
    }

    @Test
    void theTriggerTableHasOneRowPerPathWithTheWorkflowsItStarts() {
        String table = table(new TreeMap<>(Map.of("pom.xml", new TreeSet<>(Set.of("core-infra", "system-tests")),
                ".ci/run", new TreeSet<String>())));

        assertEquals(String.join("\n",
                "Workflows a push to main starts, per changed path:",
                "  path changed -> workflows started",
                "  .ci/run      -> (none)",
                "  pom.xml      -> core-infra, system-tests",
                ""), table);
    }

    /** The table the workshop shows: path changed -> workflows started, paths sorted, columns aligned. */
    static String table(Map<String, Set<String>> startedByPath) {
        String header = "path changed";
        int width = Math.max(header.length(), startedByPath.keySet().stream().mapToInt(String::length).max().orElse(0));
        StringBuilder out = new StringBuilder("Workflows a push to main starts, per changed path:\n");
        out.append("  ").append(pad(header, width)).append(" -> workflows started\n");
        startedByPath.forEach((path, workflows) -> out.append("  ").append(pad(path, width)).append(" -> ")
                .append(workflows.isEmpty() ? "(none)" : String.join(", ", workflows)).append('\n'));
        return out.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    @Test
    void pullRequestsStartTheSameWorkflowsAsPushesToMain() {
        EXPECTED.keySet().forEach(file -> assertEquals(startedByPush(file), startedByPullRequest(file), file));
    }

    @Test
    void everyTopLevelFolderHasADecidedExpectation() throws IOException {
        Set<String> covered = EXPECTED.keySet().stream().map(f -> f.contains("/") ? f.substring(0, f.indexOf('/')) : f)
                .collect(Collectors.toSet());
        try (Stream<Path> entries = Files.list(ROOT)) {
            List<String> missing = entries.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(".git") && !n.equals(".idea") && !n.equals("target") && !n.equals(".notes"))
                    .filter(n -> Files.isDirectory(ROOT.resolve(n)))
                    .filter(n -> !covered.contains(n)).sorted().collect(Collectors.toList());
            assertEquals(List.of(), missing, "top-level folders without an expected set of workflows above");
        }
    }

    @Test
    void aVendorsReleaseTagStartsOnlyThatVendorsWorkflow() {
        assertEquals(Set.of("vendor-a-lambda"), started("vendor-a/v1.4.0"));
        assertEquals(Set.of("vendor-b-http"), started("vendor-b/v2.0.1"));
        assertEquals(Set.of(), started("v1.0.0"));
    }

    @Test
    void aChangeToBothVendorsFoldersStartsBothAndNothingElse() {
        Set<String> started = WORKFLOWS.stream()
                .filter(w -> w.startsOnPush("main", List.of("vendor-a-lambda/pom.xml", "vendor-b-http/pom.xml")))
                .map(Workflow::id).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("vendor-a-lambda", "vendor-b-http"), started);
    }

    @Test
    void pushesToOtherBranchesStartNothing() {
        assertTrue(WORKFLOWS.stream().noneMatch(w -> w.startsOnPush("feature/x", List.of("vendor-a-lambda/pom.xml"))));
    }

    private static Set<String> started(String tag) {
        return WORKFLOWS.stream().filter(w -> w.startsOnTag(tag)).map(Workflow::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
