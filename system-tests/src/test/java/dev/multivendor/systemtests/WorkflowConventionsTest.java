package dev.multivendor.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The house rules for workflows: least privilege, pinned actions, per-deploy concurrency, tested on 17 and 25. */
class WorkflowConventionsTest {

    private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final List<Workflow> WORKFLOWS = Workflow.loadAll(ROOT);
    private static final Pattern USES = Pattern.compile("^\\s*(?:-\\s+)?uses:\\s*(\\S+)(.*)$", Pattern.MULTILINE);
    private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w.-]+(/[\\w./-]+)?@[0-9a-f]{40}");
    private static final Pattern VERSION_COMMENT = Pattern.compile("\\s+# v\\d+(\\.\\d+){0,2}\\s*");

    @Test
    void thereIsOneWorkflowPerDeployablePlusContractsAndRepositoryChecks() {
        assertEquals(List.of("core-infra", "shared-contracts", "system-tests", "vendor-a-lambda", "vendor-b-http"),
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
    void everyActionIsPinnedToACommitWithItsVersionInAComment() {
        List<String> unpinned = new ArrayList<>();
        for (Workflow w : WORKFLOWS) {
            Matcher m = USES.matcher(w.text());
            while (m.find()) {
                if (!PINNED.matcher(m.group(1)).matches() || !VERSION_COMMENT.matcher(m.group(2)).matches()) {
                    unpinned.add(w + ": " + m.group().trim());
                }
            }
        }
        assertEquals(List.of(), unpinned);
    }

    @Test
    void eachVendorPipelineBuildsItsModuleAloneAndReleasesWithThePublisher() {
        for (String vendor : List.of("vendor-a-lambda", "vendor-b-http")) {
            Workflow w = WORKFLOWS.stream().filter(x -> x.id().equals(vendor)).findFirst().orElseThrow();
            assertTrue(w.text().contains("./mvnw -pl " + vendor + " -am verify"), vendor + " builds its module alone");
            assertTrue(w.text().contains("java -jar api-publisher/target/api-publisher-*-cli.jar"), vendor + " publishes");
            assertTrue(w.text().contains("--commit \"$GITHUB_SHA\""), vendor + " records the commit in the deployment");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTestMatrixCoversJdk17And25WithTheMavenCache() {
        for (Workflow w : WORKFLOWS) {
            Map<String, Map<String, Object>> jobs = (Map<String, Map<String, Object>>) w.document().get("jobs");
            jobs.forEach((name, job) -> {
                if (job.get("strategy") instanceof Map<?, ?> strategy && strategy.get("matrix") instanceof Map<?, ?> matrix) {
                    assertEquals(List.of("17", "25"), matrix.get("java"), w + " job " + name);
                }
            });
            assertTrue(w.text().contains("cache: maven"), w + " caches ~/.m2");
        }
    }
}
