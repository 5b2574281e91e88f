package dev.multivendor.rehearsal;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rehearsal itself, against real moto_server processes and real terraform. Skipped, naming what is missing,
 * when moto_server, terraform, the provider mirror or the packaged artifacts are not there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RehearsalIT {

    @Test
    @Order(1)
    void theWholeReleaseFlowPassesOnTheEmulator() {
        StepTable table = run(Rehearsal.Variant.NORMAL);

        List<StepTable.Row> failed = table.rows().stream().filter(r -> r.result() == StepTable.Result.FAIL).toList();
        assertTrue(failed.isEmpty(), "failed steps: " + failed);
        assertTrue(table.rows().stream().anyMatch(r -> r.name().startsWith("core plan after both releases")
                && r.result() == StepTable.Result.PASS), "the core plan step did not run");
        assertTrue(table.rows().stream().anyMatch(r -> r.name().startsWith("vendor A releases 1.1.0")
                && r.result() == StepTable.Result.PASS), "the independent release step did not run");
        assertEquals(0, Processes.running(), "processes left running");
    }

    @Test
    @Order(2)
    void aReleaseOfVendorAThatChangesVendorBsApiFailsTheRehearsal() {
        StepTable table = run(Rehearsal.Variant.MISDIRECTED_RELEASE);

        List<String> failed = table.rows().stream().filter(r -> r.result() == StepTable.Result.FAIL)
                .map(StepTable.Row::name).collect(Collectors.toList());
        assertEquals(List.of("vendor A releases 1.1.0; vendor B's API byte-identical"), failed);
        StepTable.Row row = table.rows().stream().filter(r -> r.name().startsWith("vendor A releases")).findFirst()
                .orElseThrow();
        assertTrue(row.detail().contains("changed vendor B's API") && row.detail().contains("/deployments"),
                row.detail());
        // Teardown still ran completely.
        assertTrue(table.rows().stream().filter(r -> r.name().startsWith("destroy"))
                .allMatch(r -> r.result() == StepTable.Result.PASS));
        assertFalse(table.rows().get(table.rows().size() - 1).result() == StepTable.Result.FAIL);
    }

    private static StepTable run(Rehearsal.Variant variant) {
        RehearsalConfig config = RehearsalConfig.fromEnvironment();
        String missing = config.missing();
        Assumptions.assumeTrue(missing == null, () -> "skipping the emulator rehearsal: " + missing);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        StepTable table = new Rehearsal(config, new PrintStream(progress, true, StandardCharsets.UTF_8), variant).run();
        System.out.println("rehearsal (" + variant + "):");
        table.print(System.out);
        return table;
    }
}
