package dev.multivendor.rehearsal;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rehearsal itself, against real moto_server processes and real terraform, in one run: every step of the
 * release flow passes, and one extra release of vendor A misdirected to vendor B's API (vendor A's pipeline given
 * vendor B's kit) fails its step because vendor B's API changed. Skipped, naming what is missing, when moto_server,
 * terraform, the provider mirror or the packaged artifacts are not there.
 */
class RehearsalIT {

    @Test
    void theReleaseFlowPassesAndAReleaseThatChangesAnotherVendorsApiFails() {
        RehearsalConfig config = RehearsalConfig.fromEnvironment();
        String missing = config.missing();
        Assumptions.assumeTrue(missing == null, () -> "skipping the emulator rehearsal: " + missing);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        StepTable table = new Rehearsal(config, new PrintStream(progress, true, StandardCharsets.UTF_8),
                Rehearsal.Variant.MISDIRECTED_RELEASE).run();

        System.out.println("rehearsal with one misdirected release (expected to fail exactly that step):");
        table.print(System.out);
        List<StepTable.Row> failed = table.rows().stream().filter(r -> r.result() == StepTable.Result.FAIL).toList();
        assertEquals(List.of(Rehearsal.MISDIRECTED_RELEASE), failed.stream().map(StepTable.Row::name).toList(),
                "only the misdirected release may fail:\n" + progress.toString(StandardCharsets.UTF_8));
        assertTrue(failed.get(0).detail().contains("changed vendor B's API")
                && failed.get(0).detail().contains("/deployments"), failed.get(0).detail());
        for (String step : List.of("core plan after both releases", Rehearsal.INDEPENDENT_RELEASE, "destroy the core stack",
                "stop the emulators")) {
            assertTrue(table.rows().stream().anyMatch(r -> r.name().startsWith(step)
                    && r.result() == StepTable.Result.PASS), step + " did not pass");
        }
        assertEquals(0, Processes.running(), "processes left running");
    }
}
