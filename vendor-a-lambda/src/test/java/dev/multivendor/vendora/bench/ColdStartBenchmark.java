package dev.multivendor.vendora.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Cold start of the packaged Spring Cloud Function handler against the framework-free baseline, in the same run:
 * each sample is a fresh JVM, timed from launch to the first API Gateway event answered (wall time, and the JVM's
 * CPU time up to then); runs alternate between the two handlers and medians are reported, plainly and with an
 * AppCDS archive per handler.
 *
 * <p>Run from vendor-a-lambda/ after {@code ./mvnw -pl vendor-a-lambda -am package -DskipTests}:
 * {@code java -cp target/test-classes:target/vendor-a-lambda-1.0.0-SNAPSHOT-aws.jar dev.multivendor.vendora.bench.ColdStartBenchmark [runs [plain]]}
 * ({@code plain}: without the AppCDS round).
 */
public final class ColdStartBenchmark {

    /** What Lambda's java17 and java21 runtimes use by default (C1 only, serial GC), plus a heap like a 1 GB function's. */
    static final List<String> LAMBDA_LIKE_FLAGS =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m");
    static final String EVENT = "src/test/resources/events/create-feedback.json";
    static final int WARM_INVOCATIONS = 2000;

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path artifact = findArtifact();
        Path work = Path.of("target", "bench");
        Files.createDirectories(work);
        // AppCDS only archives classes from jars, not directories: package the probe and baseline classes.
        Path benchJar = jarBenchClasses(work.resolve("bench.jar"));
        String classpath = artifact + java.io.File.pathSeparator + benchJar;
        System.out.printf(Locale.ROOT, "artifact: %s (%,d bytes)%njava: %s%nflags: %s%nevent: %s (POST /v1/feedback, in-memory store)%nruns: %d per handler and mode, median reported%n%n",
                artifact, Files.size(artifact), Runtime.version(), String.join(" ", LAMBDA_LIKE_FLAGS), EVENT, runs);

        List<String> modes = args.length > 1 && args[1].equals("plain") ? List.of("plain JVM") : List.of("plain JVM", "AppCDS");
        for (String mode : modes) {
            List<String> scfExtra = new ArrayList<>();
            List<String> plainExtra = new ArrayList<>();
            if (mode.equals("AppCDS")) {
                scfExtra.add("-XX:SharedArchiveFile=" + train(classpath, "scf", work));
                plainExtra.add("-XX:SharedArchiveFile=" + train(classpath, "plain", work));
            }
            List<Sample> scf = new ArrayList<>();
            List<Sample> plain = new ArrayList<>();
            probe(classpath, "scf", scfExtra, 0); // one unmeasured run each: the OS page cache, not the JVM, warms up
            probe(classpath, "plain", plainExtra, 0);
            for (int i = 0; i < runs; i++) {
                scf.add(probe(classpath, "scf", scfExtra, WARM_INVOCATIONS));
                plain.add(probe(classpath, "plain", plainExtra, WARM_INVOCATIONS));
            }
            report(mode, median(scf), median(plain), scf, plain);
        }
    }

    private static void report(String mode, Sample scf, Sample plain, List<Sample> scfAll, List<Sample> plainAll) {
        System.out.printf(Locale.ROOT, "== %s%n", mode);
        System.out.printf(Locale.ROOT, "%-28s %12s %12s %10s%n", "", "SCF handler", "framework-free", "ratio");
        System.out.printf(Locale.ROOT, "%-28s %12d %12d %9.2fx%n", "cold start, median (ms)", scf.coldMillis, plain.coldMillis,
                (double) scf.coldMillis / plain.coldMillis);
        System.out.printf(Locale.ROOT, "%-28s %12d %12d %9.2fx%n", "CPU to 1st answer (ms)", scf.cpuMillis, plain.cpuMillis,
                (double) scf.cpuMillis / plain.cpuMillis);
        System.out.printf(Locale.ROOT, "%-28s %12d %12d %9.2fx%n", "classes loaded at 1st answer", scf.classes, plain.classes,
                (double) scf.classes / plain.classes);
        System.out.printf(Locale.ROOT, "%-28s %12.1f %12.1f %9.2fx%n", "warm invocation, median (us)", scf.warmNanos / 1000.0,
                plain.warmNanos / 1000.0, (double) scf.warmNanos / plain.warmNanos);
        System.out.printf(Locale.ROOT, "%-28s %12.1f %12.1f %9.2fx%n", "heap after 1st call (MB)", scf.heapBytes / 1e6,
                plain.heapBytes / 1e6, (double) scf.heapBytes / plain.heapBytes);
        System.out.printf(Locale.ROOT, "cold starts (ms): SCF %s, framework-free %s%n%n",
                scfAll.stream().map(s -> s.coldMillis).toList(), plainAll.stream().map(s -> s.coldMillis).toList());
    }

    private static Sample median(List<Sample> samples) {
        long[] cold = samples.stream().mapToLong(s -> s.coldMillis).sorted().toArray();
        long[] warm = samples.stream().mapToLong(s -> s.warmNanos).sorted().toArray();
        long[] heap = samples.stream().mapToLong(s -> s.heapBytes).sorted().toArray();
        long[] classes = samples.stream().mapToLong(s -> s.classes).sorted().toArray();
        long[] cpu = samples.stream().mapToLong(s -> s.cpuMillis).sorted().toArray();
        return new Sample(cold[cold.length / 2], warm[warm.length / 2], heap[heap.length / 2], classes[classes.length / 2],
                cpu[cpu.length / 2]);
    }

    private static String train(String classpath, String kind, Path work) throws Exception {
        Path archive = work.resolve(kind + ".jsa").toAbsolutePath();
        Files.deleteIfExists(archive);
        probe(classpath, kind, List.of("-XX:ArchiveClassesAtExit=" + archive), 50);
        if (!Files.exists(archive)) {
            throw new IllegalStateException("the JVM wrote no AppCDS archive at " + archive);
        }
        return archive.toString();
    }

    private static Sample probe(String classpath, String kind, List<String> extraFlags, int warm) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_LIKE_FLAGS);
        command.addAll(extraFlags);
        command.addAll(List.of("-cp", classpath, ColdStartProbe.class.getName(), kind, EVENT, Integer.toString(warm)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("FEEDBACK_TABLE"); // both handlers use the in-memory store
        if (kind.equals("scf")) {
            // As the infra module deploys it: FunctionInvoker skips scanning jar manifests for Start-Class.
            builder.environment().put("MAIN_CLASS", "dev.multivendor.vendora.FeedbackApplication");
        }
        long launched = System.nanoTime();
        Process process = builder.start();
        long coldMillis = -1;
        long heap = 0;
        long warmNanos = 0;
        long classes = 0;
        long cpuMillis = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("BENCH answered ")) {
                    coldMillis = (System.nanoTime() - launched) / 1_000_000;
                    if (!line.equals("BENCH answered 201")) {
                        throw new IllegalStateException(kind + " answered " + line + " instead of 201");
                    }
                } else if (line.startsWith("BENCH cpuMillis ")) {
                    cpuMillis = Long.parseLong(line.substring(16));
                } else if (line.startsWith("BENCH classesLoaded ")) {
                    classes = Long.parseLong(line.substring(20));
                } else if (line.startsWith("BENCH heapBytes ")) {
                    heap = Long.parseLong(line.substring(16));
                } else if (line.startsWith("BENCH warmMedianNanos ")) {
                    warmNanos = Long.parseLong(line.substring(22));
                }
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || coldMillis < 0) {
            throw new IllegalStateException(kind + " probe failed: " + String.join(" ", command));
        }
        return new Sample(coldMillis, warmNanos, heap, classes, cpuMillis);
    }

    private static Path findArtifact() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-aws.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no target/*-aws.jar: run ./mvnw -pl vendor-a-lambda -am package -DskipTests first, from the repository root, then this from vendor-a-lambda/"));
        }
    }

    private static Path jarBenchClasses(Path jar) throws IOException {
        Path classes = Path.of("target", "test-classes");
        Path bench = classes.resolve("dev/multivendor/vendora/bench");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> entries = Files.list(bench)) {
            for (Path classFile : entries.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
        }
        return jar;
    }

    private record Sample(long coldMillis, long warmNanos, long heapBytes, long classes, long cpuMillis) {
    }
}
