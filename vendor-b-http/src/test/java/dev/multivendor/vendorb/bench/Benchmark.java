package dev.multivendor.vendorb.bench;

import com.sun.net.httpserver.HttpServer;
import dev.multivendor.vendorb.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the packaged service against a JVM floor in one run, on loopback only, bounded in time (about a minute):
 * time from launch to a healthy answer, RSS idle and under load, and throughput with p50/p99 latency for
 * {@code GET /health} (both), {@code GET /v1/tickets/{id}} (read) and {@code POST /v1/tickets} (write, which calls a
 * stub customer directory running in this process). Uses {@code wrk} when it is on the PATH, otherwise a Java load
 * generator with the same shape (fixed connections, fixed duration).
 *
 * <p>Settings (system properties): {@code bench.jar} (target/vendor-b-http-runnable.jar), {@code bench.launches} (5),
 * {@code bench.seconds} (5), {@code bench.concurrency} (16), {@code bench.tool} (auto, wrk or java),
 * {@code bench.jvmArgs} (extra JVM options for both processes, space-separated).
 */
public final class Benchmark {

    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** JDK 25 has the AOT cache (JEP 514's one-step training); older JDKs get an AppCDS archive. */
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;
    private static final String TUNING = AOT_CACHE ? "AOT cache + C1" : "AppCDS + C1";
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    private final Path jar = Path.of(System.getProperty("bench.jar", "target/vendor-b-http-runnable.jar"));
    private final int launches = Integer.getInteger("bench.launches", 5);
    private final Duration loadFor = Duration.ofSeconds(Integer.getInteger("bench.seconds", 5));
    private final int concurrency = Integer.getInteger("bench.concurrency", 16);
    private final List<String> jvmArgs = Arrays.stream(System.getProperty("bench.jvmArgs", "").split(" "))
            .filter(s -> !s.isBlank()).toList();
    private final boolean useWrk;
    private final Path workDir = Path.of("target", "benchmark");
    private TestDatabase database;
    private String databaseUrl;

    private Benchmark() {
        String tool = System.getProperty("bench.tool", "auto");
        this.useWrk = tool.equals("wrk") || (tool.equals("auto") && WrkLoad.available());
    }

    public static void main(String[] args) throws Exception {
        new Benchmark().run();
    }

    private void run() throws Exception {
        if (!Files.isRegularFile(jar)) {
            System.err.println("benchmark: " + jar + " not found; build it first with "
                    + "./mvnw -pl vendor-b-http -am package -DskipTests");
            System.exit(2);
        }
        Files.createDirectories(workDir);
        // PostgreSQL behind the read and the write, as deployed: the same embedded server the tests use.
        database = TestDatabase.start(workDir.resolve("postgres"), 0, true);
        databaseUrl = database.database("tickets");
        HttpServer directory = stubDirectory();
        String directoryUrl = "http://127.0.0.1:" + directory.getAddress().getPort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> floorCommand = command(java, "-jar", floorJar().toString());
        List<String> appCommand = command(java, "-jar", jar.toString());
        System.out.printf(Locale.ROOT, "vendor-b-http benchmark: %s, %d cores, %s, load %s x %d s x %d connections%n",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), jvmArgs.isEmpty() ? "default JVM options" : jvmArgs,
                useWrk ? "wrk" : "java-httpclient (wrk not on PATH)", loadFor.toSeconds(), concurrency);
        System.out.println("load average at the start: " + loadAverage() + "; Micronaut AOT in the jar: "
                + (micronautAot() ? "yes" : "no (built with -Dmicronaut.aot.enabled=false)"));
        try {
            Side floor = measure("floor", floorCommand, directoryUrl, false);
            Side app = measure("app", appCommand, directoryUrl, true);
            report(floor, app);
        } finally {
            database.close();
            directory.stop(0);
            // HttpServer.stop leaves the executor's (non-daemon) threads alive: without this the JVM never exits.
            ((ExecutorService) directory.getExecutor()).shutdownNow();
        }
    }

    /**
     * The floor as a jar of its own, so it is launched exactly like the application ({@code java -jar}) and, like
     * it, can be archived by AppCDS / the AOT cache (which refuse class directories).
     */
    private Path floorJar() throws IOException {
        Path jarFile = workDir.resolve("jvm-floor.jar");
        String entry = JvmFloor.class.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, JvmFloor.class.getName());
        try (InputStream in = JvmFloor.class.getClassLoader().getResourceAsStream(entry);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jarFile), manifest)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jarFile;
    }

    private List<String> command(String java, String... rest) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmArgs);
        command.addAll(List.of(rest));
        return command;
    }

    /** One side's figures. */
    private record Side(double medianStartMillis, double minStartMillis, double tunedMedianStartMillis,
                        long idleRssKb, LoadResult health, LoadResult read, LoadResult write) {
    }

    private Side measure(String name, List<String> command, String directoryUrl, boolean full) throws Exception {
        double tuned = tunedStartMillis(name, command, directoryUrl);
        List<Double> starts = new ArrayList<>();
        Process process = null;
        int port = 0;
        for (int i = 0; i < launches; i++) {
            port = freePort();
            long launched = System.nanoTime();
            process = launch(command, port, directoryUrl, name);
            awaitHealthy(process, port);
            starts.add((System.nanoTime() - launched) / 1e6);
            if (i < launches - 1) {
                stop(process);
            }
        }
        Thread.sleep(1_000); // let start-up garbage and JIT threads settle before reading idle RSS
        RssSampler rss = new RssSampler(process.pid());
        long idle = rss.currentKb();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            LoadResult health = load(base.resolve("/health"), null, 200, rss);
            LoadResult read = null;
            LoadResult write = null;
            if (full) {
                String body = Files.readString(Path.of("src/test/resources/events/create-ticket.json"));
                HttpResponse<String> created = PROBE.send(JavaLoad.postJson(base.resolve("/v1/tickets"), body),
                        HttpResponse.BodyHandlers.ofString());
                Matcher id = ID.matcher(created.body());
                if (created.statusCode() != 201 || !id.find()) {
                    throw new IllegalStateException("could not create the ticket to read: " + created.body());
                }
                read = load(base.resolve("/v1/tickets/" + id.group(1)), null, 200, rss);
                write = load(base.resolve("/v1/tickets"), body, 201, rss);
            }
            Collections.sort(starts);
            return new Side(starts.get(starts.size() / 2), starts.get(0), tuned, idle, health, read, write);
        } finally {
            stop(process);
        }
    }

    /**
     * Median launch-to-healthy with start-up tuning any deployment can use, recorded by one training launch as a
     * container build would: on JDK 25+ an AOT cache (JEP 483/514), before that an application class-data-sharing
     * archive; both with C1 only.
     */
    private double tunedStartMillis(String name, List<String> command, String directoryUrl) throws Exception {
        Path archive = workDir.resolve(name + (AOT_CACHE ? ".aot" : ".jsa")).toAbsolutePath();
        Files.deleteIfExists(archive);
        int port = freePort();
        Process training = launch(insertAfterJava(command,
                (AOT_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archive), port,
                directoryUrl, name + "-training");
        awaitHealthy(training, port);
        stop(training); // SIGTERM: the JVM exits normally and writes the archive
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run wrote no " + archive + "; see target/benchmark/");
        }
        List<String> tuned = insertAfterJava(command,
                (AOT_CACHE ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive, "-XX:TieredStopAtLevel=1");
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < launches; i++) {
            port = freePort();
            long launched = System.nanoTime();
            Process process = launch(tuned, port, directoryUrl, name + "-tuned");
            awaitHealthy(process, port);
            starts.add((System.nanoTime() - launched) / 1e6);
            stop(process);
        }
        Collections.sort(starts);
        return starts.get(starts.size() / 2);
    }

    private static List<String> insertAfterJava(List<String> command, String... options) {
        List<String> result = new ArrayList<>(command);
        result.addAll(1, List.of(options));
        return result;
    }

    private LoadResult load(URI uri, String postBody, int expectedStatus, RssSampler rss) throws Exception {
        if (useWrk) {
            return WrkLoad.run(uri.toString(), postBody, concurrency, loadFor, rss, workDir);
        }
        HttpRequest request = postBody == null ? JavaLoad.get(uri) : JavaLoad.postJson(uri, postBody);
        // A one-second warm-up, so that both sides are measured with their hot paths compiled.
        JavaLoad.run(request, expectedStatus, concurrency, Duration.ofSeconds(1), new RssSampler(-1));
        return JavaLoad.run(request, expectedStatus, concurrency, loadFor, rss);
    }

    private Process launch(List<String> command, int port, String directoryUrl, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.remove("MICRONAUT_ENVIRONMENTS");
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        env.put("CUSTOMER_DIRECTORY_URL", directoryUrl);
        env.put("DATASOURCES_DEFAULT_URL", databaseUrl);
        env.put("DATASOURCES_DEFAULT_USERNAME", TestDatabase.USER);
        env.put("DATASOURCES_DEFAULT_PASSWORD", "");
        return builder.start();
    }

    private static void awaitHealthy(Process process, int port) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited with " + process.exitValue() + "; see target/benchmark/");
            }
            try {
                if (PROBE.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("not healthy within 30 s");
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** An instant customer directory on loopback, so the write measures this service, not a slow stub. */
    private static HttpServer stubDirectory() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // see JvmFloor
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/customers/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/customers/".length());
            byte[] body = ("{\"id\":\"" + id + "\",\"tier\":\"gold\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    private void report(Side floor, Side app) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-34s %14s %14s %10s%n", "metric", "JVM floor", "vendor-b-http", "ratio");
        row("launch to healthy, median ms", floor.medianStartMillis(), app.medianStartMillis(), "%.0f");
        row("launch to healthy, best ms", floor.minStartMillis(), app.minStartMillis(), "%.0f");
        row("  with " + TUNING + ", median ms", floor.tunedMedianStartMillis(), app.tunedMedianStartMillis(), "%.0f");
        row("RSS idle, MB", floor.idleRssKb() / 1024.0, app.idleRssKb() / 1024.0, "%.1f");
        row("RSS under load (peak), MB", floor.health().peakRssKb() / 1024.0,
                Math.max(app.health().peakRssKb(), app.write().peakRssKb()) / 1024.0, "%.1f");
        row("GET /health req/s", floor.health().throughput(), app.health().throughput(), "%.0f");
        row("GET /health p50 ms", floor.health().p50Millis(), app.health().p50Millis(), "%.2f");
        row("GET /health p99 ms", floor.health().p99Millis(), app.health().p99Millis(), "%.2f");
        row("read GET /v1/tickets/{id} req/s", floor.health().throughput(), app.read().throughput(), "%.0f");
        row("read p50 ms", floor.health().p50Millis(), app.read().p50Millis(), "%.2f");
        row("read p99 ms", floor.health().p99Millis(), app.read().p99Millis(), "%.2f");
        row("write POST /v1/tickets req/s", floor.health().throughput(), app.write().throughput(), "%.0f");
        row("write p50 ms", floor.health().p50Millis(), app.write().p50Millis(), "%.2f");
        row("write p99 ms", floor.health().p99Millis(), app.write().p99Millis(), "%.2f");
        System.out.println();
        System.out.printf(Locale.ROOT, "ratio = vendor-b-http / floor; read and write rows compare with the floor's "
                + "GET /health. Errors (unexpected status or I/O): floor %d, app health %d, read %d, write %d.%n",
                floor.health().errors(), app.health().errors(), app.read().errors(), app.write().errors());
        System.out.printf(Locale.ROOT, "Target: healthy in under 500 ms -> median %.0f ms (%s), with %s "
                        + "%.0f ms (%s). Load average at the end: %s%n",
                app.medianStartMillis(), app.medianStartMillis() < 500 ? "met" : "NOT met", TUNING,
                app.tunedMedianStartMillis(), app.tunedMedianStartMillis() < 500 ? "met" : "NOT met",
                loadAverage());
    }

    /** Whether the jar carries Micronaut AOT's generated classes. */
    private boolean micronautAot() throws IOException {
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(e -> e.getName().contains("/aot/generated/"));
        }
    }

    /** Other work on the machine skews every figure; printed so a reader can tell a quiet run from a busy one. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void row(String metric, double floor, double app, String format) {
        System.out.printf(Locale.ROOT, "%-34s %14s %14s %9.2fx%n", metric, String.format(Locale.ROOT, format, floor),
                String.format(Locale.ROOT, format, app), app / floor);
    }
}
