package dev.multivendor.rehearsal.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multivendor.contracts.ApiContract;
import dev.multivendor.coreinfra.Registry;
import dev.multivendor.coreinfra.RegistryException;
import dev.multivendor.coreinfra.RegistryLoader;
import dev.multivendor.coreinfra.VendorApis;
import dev.multivendor.rehearsal.gateway.LoadGenerator.Sample;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Requests through the rehearsal gateway into both vendors' real backends, and vendor A released under live traffic
 * to vendor B: the source's promise of independent release cycles, shown with traffic.
 *
 * <p>On its own: one moto_server as the core account's control plane, the two vendors' REST APIs created as the core
 * creates them (an empty shell each), each vendor published with the packaged api-publisher CLI exactly as its
 * pipeline runs it, and the core's stage guardrails (throttling and access log format from the vendor registry)
 * applied to the stage after each first release. Vendor A's packaged function runs through the Lambda Runtime API
 * with DynamoDB Local as its table; vendor B's packaged service runs in its deployed configuration with a real
 * PostgreSQL. Skipped with a message when moto_server or a packaged artifact is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveTrafficRehearsalIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STAGE = "prod";
    private static final double VENDOR_B_RPS = Double.parseDouble(System.getProperty("rehearsal.load.vendorB", "100"));
    private static final double VENDOR_A_RPS = Double.parseDouble(System.getProperty("rehearsal.load.vendorA", "5"));
    /** Load before anything is measured: the JVMs behind the gateway compile their hot paths first. */
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("rehearsal.load.warmUpSeconds", 10));
    private static final Duration BEFORE = Duration.ofSeconds(Long.getLong("rehearsal.load.beforeSeconds", 8));
    private static final Duration AFTER = Duration.ofSeconds(Long.getLong("rehearsal.load.afterSeconds", 4));
    private static final int VALIDATE_EVERY = Integer.getInteger("rehearsal.load.validateEvery", 5);
    private static final AtomicLong VALIDATED = new AtomicLong();
    private static final String VENDOR_B_SECRET = "vendor-b-origin-secret-" + UUID.randomUUID();
    private static final Path OUT = Path.of("target", "live-traffic");

    private Path functionJar;
    private MotoControlPlane moto;
    private VendorABackend vendorA;
    private VendorBBackend vendorB;
    private LambdaRuntime lambdas;
    private RehearsalGateway gateway;
    private String apiA;
    private String apiB;
    private Contracts contractA;
    private Contracts contractB;
    private final List<String> createdTickets = new ArrayList<>();
    private final ConcurrentLinkedQueue<ServedRequest> servedA = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> accessLogLines = new ConcurrentHashMap<>();
    private BufferedWriter accessLog;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void setUpBothVendorsBehindTheGateway() throws Exception {
        functionJar = Artifacts.vendorAFunction();
        Path serviceJar = Artifacts.vendorBService();
        Path publisher = Artifacts.publisherCli();
        Files.createDirectories(OUT);
        moto = MotoControlPlane.startOrSkip(OUT.resolve("moto-core.log"));
        // The core creates each vendor's API shell; the vendors own the definitions and deployments.
        apiA = moto.createApi("vendor-a-api");
        apiB = moto.createApi("vendor-b-api");

        vendorA = VendorABackend.start();
        vendorB = VendorBBackend.start(serviceJar, VENDOR_B_SECRET, OUT.resolve("vendor-b-http.log"));
        lambdas = new LambdaRuntime(OUT.resolve("lambda"), line -> log("lambda: " + line));
        // Vendor A's account publishes version 1 of its function behind alias release-1 (SnapStart: initialized now).
        lambdas.register(vendorA.function("release-1", functionJar, apiA));
        accessLog = Files.newBufferedWriter(OUT.resolve("access.log"), StandardCharsets.UTF_8);
        gateway = RehearsalGateway.start(moto.reader(), lambdas, new RehearsalGateway.Config(MotoControlPlane.ACCOUNT, 0,
                Duration.ofMillis(100), line -> log("gateway: " + line), line -> {
                    accessLogLines.computeIfAbsent(line.apiId(), k -> new AtomicLong()).incrementAndGet();
                    write(line.apiId() + "/" + line.stage() + " " + line.line());
                }));
        gateway.addListener(served -> {
            if (served.apiId().equals(apiA)) {
                servedA.add(served);
            }
        });
        contractA = new Contracts(ApiContract.FEEDBACK_V1, gateway.invokeUrl(apiA, STAGE).getPath());
        contractB = new Contracts(ApiContract.SUPPORT_TICKETS_V1, gateway.invokeUrl(apiB, STAGE).getPath());

        PublisherCli.Run b = publishVendorB(publisher);
        assertEquals(0, b.exitCode(), b.output());
        PublisherCli.Run a = publishVendorA(publisher, "release-1", "1.0.0");
        assertEquals(0, a.exitCode(), a.output());
        applyCoreStageSettings(apiA, "vendor-a");
        applyCoreStageSettings(apiB, "vendor-b");
        gateway.refresh();
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {gateway, lambdas, vendorB, vendorA, moto, accessLog}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    /** Both vendors answer through their own API, every answer valid against the vendor's contract. */
    @Test
    @Order(1)
    void servesBothVendorsThroughTheirOwnApisWithAnswersValidAgainstTheirContracts() throws Exception {
        List<String> problems = new ArrayList<>();
        HttpResponse<String> ticket = check(problems, contractB, 201, request(apiB, "/v1/tickets").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload("create-ticket.json"))));
        String ticketId = JSON.readTree(ticket.body()).path("id").asText();
        check(problems, contractB, 200, request(apiB, "/v1/tickets/" + ticketId).GET());
        check(problems, contractB, 404, request(apiB, "/v1/tickets/" + UUID.randomUUID()).GET());
        check(problems, contractB, 400, request(apiB, "/v1/tickets").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"\",\"subject\":\"\"}")));

        HttpResponse<String> feedback = check(problems, contractA, 201, request(apiA, "/v1/feedback")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload("new-feedback.json"))));
        String feedbackId = JSON.readTree(feedback.body()).path("id").asText();
        check(problems, contractA, 200, request(apiA, "/v1/feedback/" + feedbackId).GET());
        check(problems, contractA, 200, request(apiA, "/v1/feedback?customerId=cust-1042&limit=10").GET());
        check(problems, contractA, 404, request(apiA, "/v1/feedback/" + UUID.randomUUID()).GET());
        check(problems, contractA, 400, request(apiA, "/v1/feedback").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"rating\":9}")));

        HttpResponse<String> notDeployed = client.send(request(apiA, "/v1/tickets").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, notDeployed.statusCode(), "vendor A's API has no /v1/tickets: API Gateway's own answer");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(accessLogLines.getOrDefault(apiA, new AtomicLong()).get() >= 6, "one access log line per request");
    }

    /** Vendor B's backend refuses a request that did not come through vendor B's API (no origin secret). */
    @Test
    @Order(2)
    void refusesARequestToVendorBsBackendThatDidNotComeThroughItsApi() throws Exception {
        HttpResponse<String> direct = client.send(HttpRequest.newBuilder(vendorB.url().resolve("/v1/tickets/" + UUID.randomUUID()))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> forged = client.send(HttpRequest.newBuilder(vendorB.url().resolve("/v1/tickets/" + UUID.randomUUID()))
                .timeout(Duration.ofSeconds(10)).header("X-Origin-Verify", "guessed-" + UUID.randomUUID()).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(403, direct.statusCode(), direct.body());
        assertEquals(403, forged.statusCode(), forged.body());
        log("direct request to vendor B's backend without the origin secret: " + direct.statusCode() + " " + direct.body());
    }

    /**
     * The independent release under load: vendor B gets a steady load through its API while vendor A publishes and
     * deploys release 2. Vendor B: zero failed requests, its deployment, definition, stage settings and deployments
     * untouched. Vendor A: its answers switch from release 1 to release 2; its failed requests are counted (target 0).
     */
    @Test
    @Order(3)
    void releasesVendorAWhileVendorBServesLoadWithoutASingleFailedRequest() throws Exception {
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> created = client.send(request(apiB, "/v1/tickets").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload("create-ticket.json"))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            createdTickets.add(JSON.readTree(created.body()).path("id").asText());
        }
        ControlPlaneReader reader = moto.reader();
        IndependentReleaseCheck.ControlPlaneState bBefore = IndependentReleaseCheck.capture(reader, apiB, "vendor-b-api", STAGE);
        String servedBBefore = gateway.deployed(apiB, STAGE).orElseThrow().deploymentId();
        String aBefore = gateway.deployed(apiA, STAGE).orElseThrow().deploymentId();

        Release release;
        List<Sample> samples;
        long loadStart;
        long releaseStart;
        long releaseEnd;
        try (LoadGenerator load = new LoadGenerator(Duration.ofSeconds(30))) {
            loadStart = System.nanoTime();
            load.start(List.of(vendorBTarget(load), vendorATarget(load)));
            Thread.sleep(WARM_UP.plus(BEFORE).toMillis());
            releaseStart = System.nanoTime();
            // Vendor A's release: a new function version in its own account (SnapStart initializes it when
            // published), then its pipeline publishes the API definition pointing at it and deploys.
            lambdas.register(vendorA.function("release-2", functionJar, apiA));
            PublisherCli.Run run = publishVendorA(Artifacts.publisherCli(), "release-2", "2.0.0");
            releaseEnd = System.nanoTime();
            release = new Release(run.exitCode(), run.output());
            Thread.sleep(AFTER.toMillis());
            load.stop();
            samples = load.samples();
        }
        long end = System.nanoTime();
        IndependentReleaseCheck.ControlPlaneState bAfter = IndependentReleaseCheck.capture(reader, apiB, "vendor-b-api", STAGE);
        String servedBAfter = gateway.deployed(apiB, STAGE).orElseThrow().deploymentId();

        long warm = loadStart + WARM_UP.toNanos();
        List<LoadReport.Row> rows = List.of(
                LoadReport.row(samples, "vendor-b", "before release", warm, releaseStart),
                LoadReport.row(samples, "vendor-b", "during release", releaseStart, end),
                LoadReport.row(samples, "vendor-a", "before release", warm, releaseStart),
                LoadReport.row(samples, "vendor-a", "during release", releaseStart, end));
        String newDeployment = gateway.deployed(apiA, STAGE).orElseThrow().deploymentId();
        List<ServedRequest> a = new ArrayList<>(servedA);
        Optional<Long> firstNew = a.stream().filter(s -> s.deploymentId().equals(newDeployment)).map(ServedRequest::startNanos)
                .min(Long::compare);
        Optional<Long> lastOld = a.stream().filter(s -> s.deploymentId().equals(aBefore)).map(ServedRequest::startNanos)
                .max(Long::compare);
        long onRelease2 = a.stream().filter(s -> s.startNanos() >= releaseStart && s.integrationUri().contains(":release-2/")).count();
        long failedA = samples.stream().filter(s -> s.vendor().equals("vendor-a") && s.sentNanos() >= warm && s.failure().isPresent()).count();
        long failedB = samples.stream().filter(s -> s.vendor().equals("vendor-b") && s.sentNanos() >= warm && s.failure().isPresent()).count();
        List<String> violations = IndependentReleaseCheck.violations("vendor-b", bBefore, bAfter, servedBBefore, servedBAfter,
                failedB);

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Independent release under load: vendor B %.0f req/s, vendor A %.0f req/s"
                + " through the rehearsal gateway (stage %s); vendor A releases 2.0.0 at +%.1f s; load average %s%n",
                VENDOR_B_RPS, VENDOR_A_RPS, STAGE, seconds(releaseStart - warm), loadAverage()));
        report.append(LoadReport.table(rows));
        report.append(String.format(Locale.ROOT, "vendor A switch: publish started +%.1f s, deployment %s created (\"%s\"),"
                        + " first request on it +%s s, last request on deployment %s +%s s, publish finished +%.1f s;"
                        + " %d request(s) served by release-2 during the window%n",
                seconds(releaseStart - warm), newDeployment, release.description(),
                firstNew.map(t -> String.format(Locale.ROOT, "%.2f", seconds(t - warm))).orElse("never"),
                aBefore, lastOld.map(t -> String.format(Locale.ROOT, "%.2f", seconds(t - warm))).orElse("never"),
                seconds(releaseEnd - warm), onRelease2));
        report.append("vendor A failed requests: ").append(failedA).append(" (target 0); vendor B failed requests: ")
                .append(failedB).append(" (must be 0)\n");
        report.append("vendor B's API during vendor A's release: ").append(violations.isEmpty()
                ? "deployment " + servedBAfter + ", definition, stage settings and deployments unchanged" : violations).append('\n');
        samples.stream().filter(s -> s.failure().isPresent()).limit(5)
                .forEach(s -> report.append("  failed: ").append(s.vendor()).append(' ').append(s.failure().get()).append('\n'));
        log(report.toString());
        Files.writeString(OUT.resolve("independent-release.txt"), report.toString());

        // The promise is judged against a clean baseline: if vendor B's requests already failed before vendor A's
        // release started, this machine cannot carry the load at all, and nothing can be said about the release.
        assumeTrue(rows.get(0).failed() == 0, "this machine could not serve vendor B's " + VENDOR_B_RPS + " req/s even"
                + " before vendor A's release (" + rows.get(0).failed() + " of " + rows.get(0).requests() + " failed, load"
                + " average " + loadAverage() + "): the independent-release measurement is void, not failed. Rerun on a"
                + " quieter machine or with a lower -Drehearsal.load.vendorB.\n" + report);
        assertEquals(0, release.exitCode(), release.output());
        assertNotEquals(aBefore, newDeployment, "vendor A's stage serves its new deployment");
        assertTrue(firstNew.isPresent() && onRelease2 > 0, "vendor A's traffic reached release 2");
        assertTrue(violations.isEmpty(), String.join("\n", violations));
        assertEquals(0, failedA, "vendor A's failed requests during its own release");
        assertTrue(rows.get(0).requests() > 0 && rows.get(1).requests() > 0, "vendor B had load before and during");
    }

    /**
     * The independence check has teeth: a "release of vendor A" that also deploys vendor B's API (a pipeline
     * pointed at the wrong API id) is reported, even though vendor B's requests keep succeeding.
     */
    @Test
    @Order(4)
    void theIndependenceCheckFailsWhenAReleaseOfVendorAChangesVendorBsDeployment() throws Exception {
        ControlPlaneReader reader = moto.reader();
        IndependentReleaseCheck.ControlPlaneState before = IndependentReleaseCheck.capture(reader, apiB, "vendor-b-api", STAGE);
        String servedBefore = gateway.deployed(apiB, STAGE).orElseThrow().deploymentId();
        List<Sample> samples;
        try (LoadGenerator load = new LoadGenerator(Duration.ofSeconds(30))) {
            load.start(List.of(vendorBTarget(load)));
            Thread.sleep(1000);
            PublisherCli.Run run = publishVendorA(Artifacts.publisherCli(), "release-2", "2.0.1");
            assertEquals(0, run.exitCode(), run.output());
            // The faulty step: vendor A's pipeline also deploys the API id of vendor B.
            moto.deploy(apiB, STAGE, "vendor A pipeline 2.0.1 deployed the wrong API");
            gateway.refresh();
            Thread.sleep(1000);
            load.stop();
            samples = load.samples();
        }
        IndependentReleaseCheck.ControlPlaneState after = IndependentReleaseCheck.capture(reader, apiB, "vendor-b-api", STAGE);
        long failed = samples.stream().filter(s -> s.failure().isPresent()).count();

        List<String> violations = IndependentReleaseCheck.violations("vendor-b", before, after, servedBefore,
                gateway.deployed(apiB, STAGE).orElseThrow().deploymentId(), failed);

        log("independence check after a faulty vendor A release: " + violations);
        assertFalse(violations.isEmpty(), "the check must fail when vendor B's API was deployed by vendor A's release");
        assertTrue(violations.stream().anyMatch(v -> v.contains("moved from deployment")), violations.toString());
    }

    /**
     * Vendor A cannot point its API at vendor B's backend with success: it can publish such a definition (its own
     * API, its own identity), but without vendor B's origin secret the backend refuses every request, so the
     * publisher's smoke test fails and clients get vendor B's 403, never vendor B's data.
     */
    @Test
    @Order(5)
    void vendorAsApiPointedAtVendorBsBackendDoesNotSucceed() throws Exception {
        PublisherCli.Run run = PublisherCli.publish(Artifacts.publisherCli(), moto.endpoint(), gateway.invokeUrl(apiA, STAGE),
                apiA, STAGE, List.of("--contract", "support-tickets-api/v1", "--backend-url", vendorB.url().toString(),
                        "--origin-verify-secret-env", "VENDOR_A_GUESS"),
                Map.of("VENDOR_A_GUESS", "vendor-a-guess-" + UUID.randomUUID()), "rogue-1",
                "/v1/tickets/" + (createdTickets.isEmpty() ? UUID.randomUUID() : createdTickets.get(0)), 200);
        gateway.refresh();
        HttpResponse<String> through = client.send(request(apiA, "/v1/tickets/"
                + (createdTickets.isEmpty() ? UUID.randomUUID() : createdTickets.get(0))).GET().build(), HttpResponse.BodyHandlers.ofString());

        log("vendor A's API pointed at vendor B's backend: publisher exit " + run.exitCode() + ", a client gets "
                + through.statusCode() + " " + through.body());
        assertNotEquals(0, run.exitCode(), "the publisher's smoke test must fail: " + run.output());
        assertEquals(403, through.statusCode(), through.body());
        assertFalse(through.body().contains("customerId"), "no ticket data crosses to vendor A's API");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private PublisherCli.Run publishVendorB(Path publisher) throws IOException, InterruptedException {
        return PublisherCli.publish(publisher, moto.endpoint(), gateway.invokeUrl(apiB, STAGE), apiB, STAGE,
                List.of("--contract", "support-tickets-api/v1", "--backend-url", vendorB.url().toString(),
                        "--origin-verify-secret-env", "VENDOR_B_ORIGIN_SECRET"),
                Map.of("VENDOR_B_ORIGIN_SECRET", VENDOR_B_SECRET), "1.0.0", "/v1/tickets/" + UUID.randomUUID(), 404);
    }

    private PublisherCli.Run publishVendorA(Path publisher, String alias, String version) throws IOException, InterruptedException {
        return PublisherCli.publish(publisher, moto.endpoint(), gateway.invokeUrl(apiA, STAGE), apiA, STAGE,
                List.of("--contract", "feedback-api/v1", "--lambda-arn", VendorABackend.FUNCTION + ":" + alias),
                Map.of(), version, "/v1/feedback?customerId=smoke-test", 200);
    }

    /**
     * The core's guardrails on a vendor's stage, as its Terraform sets them (UpdateStage: method settings and access
     * log settings). moto 5.2.1 replaces the stage on CreateDeployment and so drops them; the rehearsal applies them
     * after each vendor's first release, as a core re-apply would (on AWS they survive a deployment).
     */
    private void applyCoreStageSettings(String apiId, String vendor) {
        Registry.Stage limits = registeredStage(vendor);
        moto.client.updateStage(r -> r.restApiId(apiId).stageName(STAGE).patchOperations(
                p -> p.op("replace").path("/*/*/throttling/rateLimit").value(Double.toString(limits.rateLimit())),
                p -> p.op("replace").path("/*/*/throttling/burstLimit").value(Integer.toString(limits.burstLimit())),
                p -> p.op("replace").path("/accessLogSettings/destinationArn")
                        .value("arn:aws:logs:eu-west-1:111111111111:log-group:/aws/apigateway/" + vendor + "/" + STAGE),
                p -> p.op("replace").path("/accessLogSettings/format").value(VendorApis.ACCESS_LOG_FORMAT)));
    }

    /** The vendor's stage as the core's registry (core-infra/vendors.yaml) registers it. */
    private static Registry.Stage registeredStage(String vendor) {
        Path registry = Path.of(System.getProperty("rehearsal.moduleDir", ".")).resolve("../core-infra/vendors.yaml");
        try {
            return RegistryLoader.load(registry.normalize()).vendors().stream().filter(v -> v.id().equals(vendor))
                    .flatMap(v -> v.stages().stream()).filter(st -> st.name().equals(STAGE)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(vendor + " has no " + STAGE + " stage in " + registry));
        } catch (RegistryException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private LoadGenerator.Target vendorBTarget(LoadGenerator load) {
        AtomicLong n = new AtomicLong();
        String create = payload("create-ticket.json");
        return new LoadGenerator.Target("vendor-b", VENDOR_B_RPS, () -> {
            long i = n.incrementAndGet();
            HttpRequest.Builder builder = load.request(uri(apiB, i % 5 == 0 ? "/v1/tickets"
                    : "/v1/tickets/" + createdTickets.get((int) (i % createdTickets.size())))).header("X-Request-Id", "load-b-" + i);
            return (i % 5 == 0 ? builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(create))
                    : builder.GET()).build();
        }, (request, response) -> expect(contractB, request, response));
    }

    private LoadGenerator.Target vendorATarget(LoadGenerator load) {
        AtomicLong n = new AtomicLong();
        String create = payload("new-feedback.json");
        return new LoadGenerator.Target("vendor-a", VENDOR_A_RPS, () -> {
            long i = n.incrementAndGet();
            HttpRequest.Builder builder = load.request(uri(apiA, i % 4 == 0 ? "/v1/feedback"
                    : "/v1/feedback?customerId=cust-1042&limit=5")).header("X-Request-Id", "load-a-" + i);
            return (i % 4 == 0 ? builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(create))
                    : builder.GET()).build();
        }, (request, response) -> expect(contractA, request, response));
    }

    /**
     * A load request succeeds with 201 for a POST, 200 for a GET; one answer in {@link #VALIDATE_EVERY} is also
     * validated against the contract (every one would cost the machine more CPU than the services under test).
     */
    private static Optional<String> expect(Contracts contract, HttpRequest request, HttpResponse<String> response) {
        int expected = request.method().equals("POST") ? 201 : 200;
        if (response.statusCode() != expected) {
            return Optional.of(request.method() + " " + request.uri().getPath() + " -> " + response.statusCode() + " "
                    + response.body());
        }
        return VALIDATED.incrementAndGet() % VALIDATE_EVERY == 0 ? contract.violations(request, response) : Optional.empty();
    }

    private HttpResponse<String> check(List<String> problems, Contracts contract, int status, HttpRequest.Builder builder)
            throws IOException, InterruptedException {
        HttpRequest request = builder.header("X-Request-Id", "rehearsal-" + UUID.randomUUID()).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            problems.add(request.method() + " " + request.uri().getPath() + ": expected " + status + ", got "
                    + response.statusCode() + " " + response.body());
        }
        contract.violations(request, response).ifPresent(problems::add);
        return response;
    }

    private HttpRequest.Builder request(String apiId, String pathAndQuery) {
        return HttpRequest.newBuilder(uri(apiId, pathAndQuery)).timeout(Duration.ofSeconds(60));
    }

    private URI uri(String apiId, String pathAndQuery) {
        return URI.create(gateway.invokeUrl(apiId, STAGE) + pathAndQuery);
    }

    private static String payload(String name) {
        try (InputStream in = LiveTrafficRehearsalIT.class.getResourceAsStream("/gateway/payloads/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void log(String line) {
        System.out.println(line);
    }

    private synchronized void write(String line) {
        try {
            accessLog.write(line);
            accessLog.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the publisher printed about the deployment it created. */
    private record Release(int exitCode, String output) {
        private static final Pattern CREATED = Pattern.compile("created deployment (\\S+) on stage \\S+ \\(\"([^\"]*)\"\\)");

        String description() {
            Matcher m = CREATED.matcher(output);
            return m.find() ? m.group(2) : "?";
        }
    }
}
