package dev.multivendor.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lab 03's "which pipelines would my change start?" command, on this repository's workflows. */
class WhichWorkflowsTest {

    private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    @Test
    void aChangeToVendorBStartsOnlyVendorBsPipelineAndLeavesVendorAsIdle() {
        List<String> lines = WhichWorkflows.lines(ROOT, List.of("vendor-b-http/src/main/resources/application.yml"));

        assertEquals("  vendor-b-http/src/main/resources/application.yml -> vendor-b-http", lines.get(1));
        assertEquals("workflows started: vendor-b-http", lines.get(2));
        assertTrue(lines.get(3).startsWith("workflows idle:") && lines.get(3).contains("vendor-a-lambda"), lines.get(3));
    }

    @Test
    void withoutChangesItSaysNothingWouldStart() {
        assertTrue(WhichWorkflows.lines(ROOT, List.of()).get(0).startsWith("no changed files"));
    }
}
