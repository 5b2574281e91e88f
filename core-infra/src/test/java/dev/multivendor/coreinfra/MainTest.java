package dev.multivendor.coreinfra;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command's contract on bad input: a message naming file, line, vendor and field; exit 1; nothing written. */
class MainTest {

    @Test
    void exitsWithOneAndWritesNothingWhenTheRegistryIsInvalid() throws Exception {
        Path dir = Synths.moduleDir().resolve("target").resolve("main-test");
        Files.createDirectories(dir);
        Path registry = dir.resolve("bad-vendors.yaml");
        Files.writeString(registry, Synths.read(Synths.moduleDir().resolve("vendors.yaml"))
                .replace("integration: http", "integration: soap"));
        Path out = dir.resolve("cdktf.out");
        deleteRecursively(out);

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        pb.environment().put("CORE_VENDORS_FILE", registry.toString());
        pb.environment().put("CDKTF_OUTDIR", out.toString());
        Process p = pb.start();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "Main should end");

        assertEquals(1, p.exitValue(), "exit code; stderr:\n" + stderr);
        assertTrue(stderr.contains("bad-vendors.yaml:"), "names the file: " + stderr);
        assertTrue(stderr.matches("(?s).*bad-vendors\\.yaml:\\d+: vendor 'vendor-b', field 'integration': .*'soap'.*"),
                "names line, vendor and field: " + stderr);
        assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), "no stack trace: " + stderr);
        assertFalse(Files.exists(out), "nothing may be written for an invalid registry");
    }

    @Test
    void theSummaryNamesTheCustomDomainAndEachVendorsHostOnIt() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Main.printSummary(new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8),
                Synths.synth("custom-domain", Synths.customDomain()), 1.0);
        String summary = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("\n  custom domain api.example.com: vendor-a -> feedback.api.example.com (prod), "
                + "vendor-b -> vendor-b.api.example.com (prod), vendor-c -> vendor-c.api.example.com (prod)\n"), summary);

        java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
        Main.printSummary(new java.io.PrintStream(plain, true, StandardCharsets.UTF_8),
                Synths.synth("shipped", Synths.shipped()), 1.0);
        assertFalse(plain.toString(StandardCharsets.UTF_8).contains("custom domain"), "no domain, no domain line");
    }

    private static void deleteRecursively(Path p) throws java.io.IOException {
        if (Files.exists(p)) {
            try (var walk = Files.walk(p)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }
}
