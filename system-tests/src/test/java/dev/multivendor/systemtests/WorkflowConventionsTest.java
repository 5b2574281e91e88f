package dev.multivendor.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The house rules for workflows: least privilege, pinned actions, per-deploy concurrency, tested on 17 and 25, one
 * toolchain action with versions pinned once, one Maven build per job, the onboarding kit passed as a file.
 */
class WorkflowConventionsTest {

    private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final List<Workflow> WORKFLOWS = Workflow.loadAll(ROOT);
    private static final Pattern USES = Pattern.compile("^\\s*(?:-\\s+)?uses:\\s*(\\S+)(.*)$", Pattern.MULTILINE);
    private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w.-]+(/[\\w./-]+)?@[0-9a-f]{40}");
    private static final String TOOLCHAIN_ACTION = "./.github/actions/setup-toolchain";
    private static final Pattern VERSION_COMMENT = Pattern.compile("\\s+# v\\d+(\\.\\d+){0,2}\\s*");

    @Test
    void thereIsOneWorkflowPerDeployablePlusContractsRepositoryChecksAndTheRehearsal() {
        assertEquals(List.of("core-infra", "rehearsal", "shared-contracts", "system-tests", "vendor-a-lambda",
                        "vendor-b-http"),
                WORKFLOWS.stream().map(Workflow::id).toList());
    }

    @Test
    void everyWorkflowOpensWithACommentSayingWhatItDoesAndWhatTriggersIt() {
        for (Workflow w : WORKFLOWS) {
            String header = w.text().lines().takeWhile(l -> l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
            assertTrue(header.lines().count() >= 3, w + " opens with a comment block");
            assertTrue(header.contains("Triggers:"), w + " says what triggers it");
        }
    }

    @Test
    void everyWorkflowGrantsOnlyReadAccessToContentsByDefault() {
        for (Workflow w : WORKFLOWS) {
            assertEquals(Map.of("contents", "read"), w.document().get("permissions"), w.file());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyJobsInAnEnvironmentGetAnOidcTokenAndEachOfThemIsSerialised() {
        for (Workflow w : WORKFLOWS) {
            Map<String, Map<String, Object>> jobs = (Map<String, Map<String, Object>>) w.document().get("jobs");
            jobs.forEach((name, job) -> {
                Object permissions = job.get("permissions");
                boolean oidc = permissions instanceof Map<?, ?> p && "write".equals(p.get("id-token"));
                boolean deploys = job.containsKey("environment");
                assertEquals(deploys, oidc, w + " job " + name + ": id-token: write exactly when it deploys");
                if (deploys) {
                    assertTrue(job.get("concurrency") instanceof Map, w + " job " + name + " has a concurrency group");
                    assertEquals(Map.of("contents", "read", "id-token", "write"), permissions, w + " job " + name);
                }
            });
        }
    }

    @Test
    void everyActionIsPinnedToACommitWithItsVersionInAComment() throws Exception {
        Map<String, String> files = new java.util.TreeMap<>();
        WORKFLOWS.forEach(w -> files.put(w.file(), w.text()));
        Path action = ROOT.resolve(".github/actions/setup-toolchain/action.yml");
        files.put(ROOT.relativize(action).toString(), Files.readString(action));
        List<String> unpinned = new ArrayList<>();
        files.forEach((file, text) -> {
            Matcher m = USES.matcher(text);
            while (m.find()) {
                if (m.group(1).equals(TOOLCHAIN_ACTION)) {
                    continue; // in this repository, so pinned by the commit that runs it
                }
                if (!PINNED.matcher(m.group(1)).matches() || !VERSION_COMMENT.matcher(m.group(2)).matches()) {
                    unpinned.add(file + ": " + m.group().trim());
                }
            }
        });
        assertEquals(List.of(), unpinned);
    }

    @Test
    void eachVendorPipelineBuildsItsModulesOnceAndReleasesWithThePublisherFromTheKitFile() {
        for (String vendor : List.of("vendor-a-lambda", "vendor-b-http")) {
            Workflow w = WORKFLOWS.stream().filter(x -> x.id().equals(vendor)).findFirst().orElseThrow();
            assertTrue(Pattern.compile("\\./mvnw -B -pl " + Pattern.quote(vendor) + "[\\w,/-]* -am verify").matcher(w.text())
                    .find(), vendor + " builds its modules in one reactor build");
            assertTrue(w.text().contains("java -jar api-publisher/target/api-publisher-*-cli.jar"), vendor + " publishes");
            assertTrue(w.text().contains("--kit \"$RUNNER_TEMP/onboarding-kit.json\" --stage \"$API_STAGE\""),
                    vendor + " passes the kit file to the publisher");
            assertTrue(w.text().contains("--commit \"$GITHUB_SHA\""), vendor + " records the commit in the deployment");
        }
    }

    @Test
    void noWorkflowPicksOnboardingKitFieldsWithFromJson() {
        for (Workflow w : WORKFLOWS) {
            assertFalse(w.text().contains("fromJSON("), w + " reads the kit through the tools, which validate it");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyJobRunsAtMostOneMavenBuild() {
        Pattern mvnw = Pattern.compile("(^|[\\s;&|(])\\./mvnw\\b");
        for (Workflow w : WORKFLOWS) {
            Map<String, Map<String, Object>> jobs = (Map<String, Map<String, Object>>) w.document().get("jobs");
            jobs.forEach((name, job) -> {
                long builds = 0;
                for (Map<String, Object> step : (List<Map<String, Object>>) job.get("steps")) {
                    Object run = step.get("run");
                    if (run != null) {
                        builds += mvnw.matcher(run.toString()).results().count();
                    }
                }
                assertTrue(builds <= 1, w + " job " + name + " starts " + builds + " Maven builds; one reactor build "
                        + "(-pl a,b,c -am) builds shared modules once");
            });
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyJobSetsUpItsToolchainWithTheSharedActionAndNoWorkflowPinsAToolItself() {
        for (Workflow w : WORKFLOWS) {
            Map<String, Map<String, Object>> jobs = (Map<String, Map<String, Object>>) w.document().get("jobs");
            jobs.forEach((name, job) -> {
                List<Object> uses = ((List<Map<String, Object>>) job.get("steps")).stream()
                        .map(step -> step.get("uses")).filter(u -> u != null).toList();
                assertTrue(uses.contains(TOOLCHAIN_ACTION), w + " job " + name + " uses " + TOOLCHAIN_ACTION);
            });
            for (String direct : List.of("actions/setup-java@", "actions/setup-node@", "hashicorp/setup-terraform@",
                    "terraform_version:", "node-version:")) {
                assertFalse(w.text().contains(direct), w + " installs or pins a tool itself (" + direct + ")");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theToolchainActionReadsEachVersionFromTheDockerfileDependabotUpdatesAndCachesMaven() throws Exception {
        Path dir = ROOT.resolve(".github/actions/setup-toolchain");
        String dockerfile = Files.readString(dir.resolve("Dockerfile"));
        for (String image : List.of("eclipse-temurin", "node", "hashicorp/terraform")) {
            assertTrue(Pattern.compile("^FROM " + Pattern.quote(image) + ":\\S+", Pattern.MULTILINE).matcher(dockerfile)
                    .find(), "the Dockerfile pins " + image);
        }
        Matcher node = Pattern.compile("^FROM node:(\\d+)", Pattern.MULTILINE).matcher(dockerfile);
        assertTrue(node.find() && Integer.parseInt(node.group(1)) >= 20, "Node.js 20 or newer");

        Map<String, Object> action = new Yaml().load(Files.readString(dir.resolve("action.yml")));
        Map<String, Object> runs = (Map<String, Object>) action.get("runs");
        assertEquals("composite", runs.get("using"));
        String text = Files.readString(dir.resolve("action.yml"));
        assertTrue(text.contains("cache: maven"), "the action caches ~/.m2");
        assertFalse(Pattern.compile("(java-version|node-version|terraform_version): ['\"]?\\d").matcher(text).find(),
                "no version literal in the action: they come from the Dockerfile");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTestMatrixCoversJdk17And25() {
        for (Workflow w : WORKFLOWS) {
            Map<String, Map<String, Object>> jobs = (Map<String, Map<String, Object>>) w.document().get("jobs");
            jobs.forEach((name, job) -> {
                if (job.get("strategy") instanceof Map<?, ?> strategy && strategy.get("matrix") instanceof Map<?, ?> matrix) {
                    assertEquals(List.of("17", "25"), matrix.get("java"), w + " job " + name);
                }
            });
        }
    }
}
