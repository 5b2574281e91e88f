package dev.multivendor.coreinfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./mvnw -q -pl core-infra test-compile exec:exec@benchmark -DskipTests}: synthesizes generated registries
 * of 1, 10 and 100 vendors, each as a fresh {@code java ... Main} process (what a core engineer runs), and prints
 * median wall time and peak memory (JVM plus the jsii node child) with ratios against the 1-vendor baseline of the
 * same run. Target: 100 vendors in at most 1.3x the time of 1 vendor. A test source: it measures, it is not shipped.
 */
final class Benchmark {

    private static final int[] SIZES = {1, 10, 100};
    private static final int ROUNDS = 3;
    private static final double TARGET = 1.3;
    private static final Pattern RESOURCES =
            Pattern.compile("resources jvmPeakKb=(-?\\d+) childPeakKb=(-?\\d+) cpuMs=(-?\\d+)");

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/benchmark");
        Files.createDirectories(work);
        Map<Integer, Path> registries = new LinkedHashMap<>();
        for (int n : SIZES) {
            Path file = work.resolve("registry-" + n + ".yaml");
            Files.writeString(file, registry(n));
            registries.put(n, file);
        }
        System.out.printf(Locale.ROOT, "core-infra synth benchmark: %d rounds per size, fresh JVM each, median; "
                + "warming up (jsii package cache, page cache)...%n", ROUNDS);
        run(registries.get(1), work.resolve("out-warmup"));

        Map<Integer, List<Run>> runs = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int n : SIZES) {   // interleaved, so drift in machine load hits every size alike
                runs.computeIfAbsent(n, k -> new ArrayList<>()).add(run(registries.get(n), work.resolve("out-" + n)));
            }
        }
        Run base = median(runs.get(1));
        double baseMin = runs.get(1).stream().mapToDouble(Run::seconds).min().orElseThrow();
        double baseCpu = medianCpu(runs.get(1));
        System.out.printf(Locale.ROOT, "%7s %9s %7s %7s %6s %7s %6s %8s %9s %9s %6s%n", "vendors", "median s",
                "x time", "min s", "x min", "CPU s", "x CPU", "JVM MB", "node MB", "total MB", "x mem");
        for (int n : SIZES) {
            Run m = median(runs.get(n));
            double min = runs.get(n).stream().mapToDouble(Run::seconds).min().orElseThrow();
            double cpu = medianCpu(runs.get(n));
            System.out.printf(Locale.ROOT, "%7d %9.2f %7.2f %7.2f %6.2f %7.2f %6.2f %8.0f %9.0f %9.0f %6.2f%n", n,
                    m.seconds, m.seconds / base.seconds, min, min / baseMin, cpu / 1000, cpu / baseCpu,
                    m.jvmKb / 1024.0, m.childKb / 1024.0, (m.jvmKb + m.childKb) / 1024.0,
                    (double) (m.jvmKb + m.childKb) / (base.jvmKb + base.childKb));
        }
        double ratio = median(runs.get(100)).seconds / base.seconds;
        double cpuRatio = medianCpu(runs.get(100)) / medianCpu(runs.get(1));
        System.out.printf(Locale.ROOT, "100 vendors take %.2fx the wall time (%.2fx the CPU time) of 1 vendor: "
                + "target <= %.1fx %s%n", ratio, cpuRatio, TARGET, ratio <= TARGET ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "load average now: %s (wall ratios are noisy when other work shares the "
                + "cores; the CPU ratio is not)%n", loadAverage());
    }

    private record Run(double seconds, long jvmKb, long childKb, long cpuMs) {
    }

    /** CPU time (JVM + node, user + system) is what the synth costs; wall time also counts waiting for cores. */
    private static double medianCpu(List<Run> runs) {
        return runs.stream().mapToDouble(Run::cpuMs).sorted().toArray()[runs.size() / 2];
    }

    private static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(a.seconds, b.seconds));
        return sorted.get(sorted.size() / 2);
    }

    private static Run run(Path registry, Path outdir) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName());
        pb.environment().put("CORE_VENDORS_FILE", registry.toString());
        pb.environment().put("CDKTF_OUTDIR", outdir.toString());
        pb.environment().put("CORE_REPORT_RESOURCES", "1");
        pb.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("synth of " + registry + " failed (exit " + exit + "):\n" + err);
        }
        Matcher m = RESOURCES.matcher(err);
        long jvm = -1;
        long child = -1;
        long cpu = -1;
        if (m.find()) {
            jvm = Long.parseLong(m.group(1));
            child = Long.parseLong(m.group(2));
            cpu = Long.parseLong(m.group(3));
        }
        return new Run(seconds, jvm, child, cpu);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** A valid registry of n vendors whose stage limits fit the default account quota. */
    static String registry(int n) {
        StringBuilder b = new StringBuilder("""
                region: eu-west-1
                coreAccountId: "111111111111"
                defaults: {rateLimit: 10, burstLimit: 20}
                vendors:
                """);
        for (int i = 0; i < n; i++) {
            String id = String.format(Locale.ROOT, "vendor-%03d", i);
            b.append("  - id: ").append(id).append('\n')
                    .append("    accountId: \"").append(String.format(Locale.ROOT, "2%011d", i)).append("\"\n")
                    .append("    integration: ").append(i % 2 == 0 ? "lambda" : "http").append('\n')
                    .append("    owners: {team: Team ").append(i).append(", email: team").append(i)
                    .append("@example.com}\n")
                    .append("    stages: [dev, prod]\n")
                    .append("    ci: {kind: github-oidc, repository: org-").append(i).append("/api, repositoryId: \"")
                    .append(1000 + i).append("\", repositoryOwnerId: \"").append(2000 + i).append("\"}\n");
        }
        return b.toString();
    }
}
