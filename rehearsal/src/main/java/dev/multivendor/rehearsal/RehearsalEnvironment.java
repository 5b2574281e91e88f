package dev.multivendor.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multivendor.coreinfra.Registry;
import dev.multivendor.coreinfra.RegistryException;
import dev.multivendor.coreinfra.RegistryLoader;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rehearsed world: one emulated AWS account per party (core, each vendor), the stacks synthesized and applied
 * into them, the vendors' kits, sign-in and publishing the way the pipelines do it. {@link Rehearsal} drives it
 * step by step; other rehearsals (the gateway) use the same calls. Everything it writes stays under
 * {@link RehearsalConfig#workDir()}; {@link #close()} stops every process it started.
 */
public final class RehearsalEnvironment implements AutoCloseable {

    public static final String CORE = "core";
    public static final String VENDOR_A = "vendor-a";
    public static final String VENDOR_B = "vendor-b";
    /** Pipeline settings of each vendor (its workflow's publisher flags). */
    static final Map<String, String> CONTRACTS = Map.of(VENDOR_A, "feedback-api/v1", VENDOR_B, "support-tickets-api/v1");
    static final Map<String, String> SMOKE_PATHS = Map.of(VENDOR_A, "/v1/feedback?customerId=smoke-test",
            VENDOR_B, "/v1/tickets/00000000-0000-0000-0000-000000000000");
    static final Map<String, Integer> SMOKE_EXPECT = Map.of(VENDOR_A, 200, VENDOR_B, 404);
    /** The default backend for vendor B's integrations until its stack or the gateway gives a real one. */
    static final URI DEFAULT_VENDOR_B_BACKEND = URI.create("https://tickets.vendor-b.example");
    /** The stage vendor B's own-account stack is applied for (one stack per stage). */
    static final String VENDOR_B_STAGE = "dev";
    static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
    static final String OIDC_AUDIENCE = "sts.amazonaws.com";
    /** The core team's own credentials on its emulator (moto accepts any key; the account comes from MOTO_ACCOUNT_ID). */
    static final String ADMIN_KEY = "rehearsal-admin";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RehearsalConfig config;
    private final Registry registry;
    private final Map<String, MotoServer> emulators = new LinkedHashMap<>();
    private final List<ReleaseListener> listeners = new CopyOnWriteArrayList<>();
    private final String runId = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    private final String originVerifySecret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final KeyPair oidcKey;
    private final Path cliConfig;
    private Map<String, VendorKit> kits = Map.of();
    private Terraform core;
    private Terraform vendorA;
    private Terraform vendorB;
    private JsonNode vendorAOutputs;
    private JsonNode vendorBOutputs;
    private URI vendorBBackend;
    private String vendorBSecret;
    private DeployedRouteProbe probe;
    private StageEndpoint stageEndpoint;
    private ApiGatewayClient coreControlPlane;

    public RehearsalEnvironment(RehearsalConfig config) {
        this.config = config;
        try {
            this.registry = RegistryLoader.load(config.registry());
        } catch (RegistryException e) {
            throw new StepFailure("the vendor registry " + config.registry() + " is invalid: " + e.problems());
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            this.oidcKey = g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        resetWorkDir(config.workDir());
        this.cliConfig = Terraform.writeCliConfig(config.workDir().resolve("terraformrc"), config.tfMirror());
    }

    // ---------------------------------------------------------------- emulators

    /** Starts one moto_server per account: the core's and each vendor's from the registry. */
    public String startEmulators() {
        emulators.put(CORE, MotoServer.start(CORE, registry.coreAccountId(), true, logs(), Duration.ofSeconds(60)));
        for (Registry.Vendor v : registry.vendors()) {
            emulators.put(v.id(), MotoServer.start(v.id(), v.accountId(), false, logs(), Duration.ofSeconds(60)));
        }
        return String.join(", ", emulators.values().stream().map(m -> m.party() + " " + m.accountId() + " :"
                + m.port()).toList());
    }

    /** The emulated account of {@code party} ({@link #CORE} or a vendor id). */
    public MotoServer emulator(String party) {
        return Optional.ofNullable(emulators.get(party)).orElseThrow(() -> new StepFailure("no emulator for " + party
                + " (started: " + emulators.keySet() + ")"));
    }

    public URI coreEndpoint() {
        return emulator(CORE).endpoint();
    }

    public Registry registry() {
        return registry;
    }

    public RehearsalConfig config() {
        return config;
    }

    /** The core team's (administrator's) credentials on the core emulator. */
    public AwsCredentialsProvider coreAdminCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ADMIN_KEY, ADMIN_KEY));
    }

    /** An API Gateway client on the core account with the core team's credentials (snapshots, probes). */
    public synchronized ApiGatewayClient coreControlPlane() {
        if (coreControlPlane == null) {
            coreControlPlane = apiGateway(coreAdminCredentials());
        }
        return coreControlPlane;
    }

    /** An API Gateway client on the core emulator with the given credentials (e.g. a vendor's from {@link #signIn}). */
    public ApiGatewayClient apiGateway(AwsCredentialsProvider credentials) {
        return ApiGatewayClient.builder().endpointOverride(coreEndpoint()).region(region())
                .credentialsProvider(credentials).httpClient(http()).overrideConfiguration(calls()).build();
    }

    // ---------------------------------------------------------------- core

    /** Synthesizes the core stack (core-infra's own Main, in a child JVM) from the registry. */
    public String synthesizeCore() {
        Path out = config.workDir().resolve("core/cdktf.out");
        Processes.runOk("core synthesis", javaCommand(List.of("-Dcore.moduleDir=" + config.repoRoot()
                        .resolve("core-infra")), "dev.multivendor.coreinfra.Main", List.of()), config.repoRoot(),
                Map.of("CORE_VENDORS_FILE", config.registry().toString(), "CDKTF_OUTDIR", out.toString(),
                        "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20", "TMPDIR", tmp().toString()),
                config.callDeadline(), logs().resolve("synth-core.log"));
        core = new Terraform("core", out.resolve("stacks/core"), cliConfig, logs().resolve("terraform-core.log"),
                config.callDeadline());
        return config.repoRoot().relativize(core.dir().resolve("cdk.tf.json")).toString();
    }

    public String applyCore() {
        core.writeOverride(emulator(CORE), ADMIN_KEY, ADMIN_KEY, coreResourceOverrides());
        core.init();
        return "core account " + registry.coreAccountId() + ": " + core.apply();
    }

    /**
     * The one resource patch of the core stack, see README "Rehearsal patches": moto's PutRestApi cannot store a
     * MOCK integration without {@code httpMethod} and {@code uri}; the placeholder body gets both (API Gateway
     * ignores them for MOCK) in the override, not in the synthesized stack.
     */
    static ObjectNode coreResourceOverrides() {
        ObjectNode resources = JsonNodeFactory.instance.objectNode();
        resources.putObject("aws_api_gateway_rest_api").putObject("api").put("body",
                "${replace(each.value.body, \"{\\\"type\\\":\\\"mock\\\",\", "
                        + "\"{\\\"type\\\":\\\"mock\\\",\\\"httpMethod\\\":\\\"POST\\\",\\\"uri\\\":\\\"\\\",\")}");
        return resources;
    }

    /** Reads every vendor's onboarding kit from the core's outputs and saves each as the file a vendor receives. */
    public String readKits() {
        kits = VendorKit.fromOutputs(core.outputs());
        for (VendorKit kit : kits.values()) {
            write(kitFile(kit.vendorId()), kit.text());
        }
        return kits.values().stream().map(k -> k.vendorId() + " API " + k.apiId() + " (kit v" + k.kitVersion()
                + (k.kitVersion() == 0 ? ": flat, before v1" : "") + ")").reduce((a, b) -> a + ", " + b).orElse("");
    }

    public Map<String, VendorKit> kits() {
        return kits;
    }

    public VendorKit kit(String vendorId) {
        return Optional.ofNullable(kits.get(vendorId)).orElseThrow(() -> new StepFailure("no onboarding kit for "
                + vendorId + " in the core's outputs"));
    }

    public Path kitFile(String vendorId) {
        return config.workDir().resolve("kits/" + vendorId + ".json");
    }

    /** {@code terraform plan -detailed-exitcode} on the core, checked against the emulator allow-list. */
    public PlanCheck.Verdict planCore(String name) {
        Terraform.Plan plan = core.plan(config.workDir().resolve("core/" + name + ".tfplan"));
        write(config.workDir().resolve("core/" + name + ".plan.json"), plan.json().toString());
        PlanCheck.Verdict verdict = PlanCheck.check(plan.json(), PlanCheck.MOTO_GAPS);
        if (plan.exitCode() == 0 && !verdict.explained().isEmpty()) {
            throw new StepFailure("terraform plan exited 0 but its JSON lists changes: " + verdict.explained());
        }
        return verdict;
    }

    public String destroyCore() {
        String destroyed = core.destroy();
        int left = coreControlPlane().getRestApis(b -> b.limit(500)).items().size();
        if (left != 0) {
            throw new StepFailure(left + " REST API(s) left in the core account after destroy");
        }
        return destroyed + "; no REST API left in the core account";
    }

    // ---------------------------------------------------------------- vendor A

    /** Synthesizes vendor A's own-account stack (its own Main, child JVM) from its kit and its packaged jar. */
    public String synthesizeVendorA() {
        Path dir = config.workDir().resolve(VENDOR_A);
        Path kit = dir.resolve("onboarding-kit.json");
        write(kit, kit(VENDOR_A).text());
        Processes.runOk("vendor A synthesis", javaCommand(List.of("-Dvendora.infra.dir=" + dir),
                        "dev.multivendor.vendora.infra.Main", List.of(kit.getFileName().toString())), dir,
                Map.of("VENDOR_A_ARTIFACT", config.functionJar().toString(),
                        "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20", "TMPDIR", tmp().toString()),
                config.callDeadline(), logs().resolve("synth-vendor-a.log"));
        vendorA = new Terraform(VENDOR_A, dir.resolve("cdktf.out/stacks/vendor-a-lambda"), cliConfig,
                logs().resolve("terraform-vendor-a.log"), config.callDeadline());
        return config.repoRoot().relativize(vendorA.dir().resolve("cdk.tf.json")).toString();
    }

    public String applyVendorA() {
        MotoServer account = emulator(VENDOR_A);
        vendorA.writeOverride(account, ADMIN_KEY, ADMIN_KEY, vendorATimeouts());
        vendorA.init();
        String applied = vendorA.apply();
        vendorAOutputs = vendorA.outputs();
        String alias = functionAliasArn();
        if (!alias.contains(":" + account.accountId() + ":")) {
            throw new StepFailure("vendor A's function alias " + alias + " is not in vendor A's account "
                    + account.accountId());
        }
        return "account " + account.accountId() + ": " + applied + "; alias " + alias;
    }

    /** Terraform's own timeouts on the resources that wait (function, table): a stuck emulator fails them. */
    static ObjectNode vendorATimeouts() {
        ObjectNode resources = JsonNodeFactory.instance.objectNode();
        ObjectNode t = JsonNodeFactory.instance.objectNode().put("create", "2m").put("update", "2m")
                .put("delete", "2m");
        resources.putObject("aws_lambda_function").putObject("function").set("timeouts", t.deepCopy());
        resources.putObject("aws_dynamodb_table").putObject("feedback").set("timeouts", t.deepCopy());
        return resources;
    }

    /** vendor A's {@code function_alias_arn} output: what its release integrates. */
    public String functionAliasArn() {
        return vendorAOutputs.path("function_alias_arn").path("value").asText();
    }

    /**
     * Vendor A's operator step before a destroy: its table has deletion protection (the product keeps it), and
     * DeleteTable refuses such a table on AWS and on moto; the operator turns it off, then destroys.
     */
    public String destroyVendorA() {
        MotoServer account = emulator(VENDOR_A);
        String table = vendorAOutputs.path("table_name").path("value").asText();
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(account.endpoint()).region(region())
                .credentialsProvider(coreAdminCredentials()).httpClient(http()).overrideConfiguration(calls())
                .build()) {
            dynamo.updateTable(b -> b.tableName(table).deletionProtectionEnabled(false));
        }
        return "deletion protection of " + table + " turned off (operator step); " + vendorA.destroy();
    }

    // ---------------------------------------------------------------- vendor B

    /**
     * Why vendor B's own-account stack (Terraform HCL, vendor-b-http/infra) cannot be applied here, or null: it must
     * exist and its kit must be version 1 (the stack validates kitVersion).
     */
    public String vendorBStackMissing() {
        try (Stream<Path> files = Files.list(config.vendorBInfra())) {
            if (files.noneMatch(p -> p.getFileName().toString().endsWith(".tf"))) {
                return "vendor-b-http/infra has no Terraform files";
            }
        } catch (IOException e) {
            return "vendor-b-http/infra does not exist in this checkout";
        }
        if (kit(VENDOR_B).kitVersion() < 1) {
            return "vendor B's stack reads onboarding kit v1 and the core's output is the flat kit of before v1";
        }
        return null;
    }

    /**
     * Copies vendor B's stack (its .tf files) and applies it into vendor B's account with its kit, the way its
     * workflow does (variables for the stage, the image tag, its certificate, its account). The vendor's own
     * prerequisite comes first: a certificate for its load balancer in its account's ACM.
     */
    public String applyVendorB() {
        Path dir = config.workDir().resolve(VENDOR_B + "/stack");
        try (Stream<Path> files = Files.list(config.vendorBInfra())) {
            Files.createDirectories(dir);
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".tf")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new StepFailure("cannot copy vendor B's stack: " + e.getMessage(), e);
        }
        MotoServer account = emulator(VENDOR_B);
        write(dir.resolve("onboarding-kit.json"), kit(VENDOR_B).text());
        String certificate;
        try (AcmClient acm = AcmClient.builder().endpointOverride(account.endpoint()).region(region())
                .credentialsProvider(coreAdminCredentials()).httpClient(http()).overrideConfiguration(calls())
                .build()) {
            certificate = acm.requestCertificate(b -> b.domainName("tickets.vendor-b.example")
                    .validationMethod("DNS")).certificateArn();
        }
        ObjectNode vars = JsonNodeFactory.instance.objectNode();
        vars.put("kit_file", "onboarding-kit.json");
        vars.put("vendor_account_id", account.accountId());
        vars.put("stage", VENDOR_B_STAGE);
        vars.put("certificate_arn", certificate);
        vars.put("image_tag", "1.0.0");
        vars.put("customer_directory_url", "https://customers.vendor-b.example");
        write(dir.resolve("rehearsal.auto.tfvars.json"), vars.toPrettyString());
        vendorB = new Terraform(VENDOR_B, dir, cliConfig, logs().resolve("terraform-vendor-b.log"),
                config.callDeadline());
        // Its S3 backend is configured at init time in its workflow; here the state stays in the stack directory.
        vendorB.writeOverride(account, ADMIN_KEY, ADMIN_KEY, null, true);
        vendorB.init();
        String applied = vendorB.apply();
        vendorBOutputs = vendorB.outputs();
        return "account " + account.accountId() + ": " + applied + "; backend " + vendorBBackend();
    }

    /**
     * Vendor B's teardown: its database and load balancer have deletion protection (variable
     * {@code deletion_protection}, "turn off only to tear a stage down"); the operator applies with it off, then
     * destroys.
     */
    public String destroyVendorB() {
        vendorB.apply("-var=deletion_protection=false");
        return "deletion protection off (apply -var deletion_protection=false); " + vendorB.destroy();
    }

    /** Where vendor B's integrations point: set by the gateway (a running backend), else the stack's, else a default. */
    public void useVendorBBackend(URI backend) {
        this.vendorBBackend = backend;
    }

    public URI vendorBBackend() {
        if (vendorBBackend != null) {
            return vendorBBackend;
        }
        if (vendorBOutputs != null) {
            for (String name : List.of("backend_url", "service_url", "url")) {
                String v = vendorBOutputs.path(name).path("value").asText("");
                if (v.startsWith("http")) {
                    return URI.create(v);
                }
            }
        }
        return DEFAULT_VENDOR_B_BACKEND;
    }

    /**
     * The X-Origin-Verify secret vendor B's release sets on its integrations (its backend checks it): read from
     * vendor B's Secrets Manager when its stack is applied (the stack generates it), else one of this run.
     */
    public synchronized String originVerifySecret() {
        if (vendorBOutputs != null && vendorBSecret == null) {
            String arn = vendorBOutputs.path("origin_verify_secret_arn").path("value").asText("");
            if (!arn.isEmpty()) {
                try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                        .endpointOverride(emulator(VENDOR_B).endpoint()).region(region())
                        .credentialsProvider(coreAdminCredentials()).httpClient(http())
                        .overrideConfiguration(calls()).build()) {
                    vendorBSecret = secrets.getSecretValue(b -> b.secretId(arn)).secretString();
                }
            }
        }
        return vendorBSecret != null ? vendorBSecret : originVerifySecret;
    }

    // ---------------------------------------------------------------- sign-in and publishing

    /**
     * Signs in as {@code vendorId}'s pipeline for {@code stage}: a GitHub-style OIDC token whose subject the
     * deploy role's trust policy (read back from the core emulator) accepts, exchanged with
     * {@code AssumeRoleWithWebIdentity} on the core's STS; the credentials are checked with GetCallerIdentity.
     * moto neither verifies the token nor evaluates the trust policy; the subject check here is the rehearsal's.
     */
    public AwsSessionCredentials signIn(String vendorId, String stage) {
        VendorKit kit = kit(vendorId);
        String roleArn = kit.roleArn(stage);
        List<String> trusted = trustedSubjects(roleArn);
        List<String> kitSubjects = kit.subjects().getOrDefault(stage, List.of());
        String subject = (kitSubjects.isEmpty() ? trusted : kitSubjects).stream()
                .filter(s -> s.endsWith(":environment:" + stage)).findFirst()
                .orElseThrow(() -> new StepFailure("no OIDC subject for stage " + stage + " of " + vendorId
                        + " (kit: " + kitSubjects + ", trust: " + trusted + ")"));
        if (trusted.stream().noneMatch(t -> globMatches(t, subject))) {
            throw new StepFailure("the trust policy of " + roleArn + " does not accept subject " + subject
                    + " (it accepts " + trusted + ")");
        }
        String session = vendorId + "-" + stage + "-" + runId;
        AssumeRoleWithWebIdentityResponse assumed;
        try (StsClient sts = sts(AnonymousCredentialsProvider.create())) {
            assumed = sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName(session)
                    .webIdentityToken(oidcToken(subject)).durationSeconds(3600));
        }
        AwsSessionCredentials credentials = AwsSessionCredentials.create(assumed.credentials().accessKeyId(),
                assumed.credentials().secretAccessKey(), assumed.credentials().sessionToken());
        GetCallerIdentityResponse who;
        try (StsClient sts = sts(StaticCredentialsProvider.create(credentials))) {
            who = sts.getCallerIdentity();
        }
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        String expected = "arn:aws:sts::" + kit.coreAccountId() + ":assumed-role/" + roleName + "/" + session;
        if (!expected.equals(who.arn()) || !kit.coreAccountId().equals(who.account())) {
            throw new StepFailure("signed in as " + who.arn() + " (account " + who.account() + "), expected "
                    + expected);
        }
        return credentials;
    }

    /** The OIDC subjects the role's trust policy accepts ({@code token.actions.githubusercontent.com:sub}). */
    List<String> trustedSubjects(String roleArn) {
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        String document;
        try (IamClient iam = IamClient.builder().endpointOverride(coreEndpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(coreAdminCredentials()).httpClient(http()).overrideConfiguration(calls())
                .build()) {
            document = URLDecoder.decode(iam.getRole(b -> b.roleName(roleName)).role().assumeRolePolicyDocument(),
                    StandardCharsets.UTF_8);
        }
        return subjectsOf(document);
    }

    static List<String> subjectsOf(String trustPolicy) {
        List<String> subjects = new ArrayList<>();
        try {
            for (JsonNode statement : JSON.readTree(trustPolicy).path("Statement")) {
                statement.path("Condition").fields().forEachRemaining(op -> {
                    JsonNode values = op.getValue().path("token.actions.githubusercontent.com:sub");
                    if (values.isTextual()) {
                        subjects.add(values.asText());
                    }
                    values.forEach(v -> subjects.add(v.asText()));
                });
            }
        } catch (IOException e) {
            throw new StepFailure("the deploy role's trust policy is not JSON: " + e.getMessage(), e);
        }
        return subjects;
    }

    static boolean globMatches(String pattern, String value) {
        return value.matches(Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
    }

    /** A GitHub Actions-shaped ID token for {@code subject}, signed with this run's own key. */
    private String oidcToken(String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", "rehearsal-" + runId);
        ObjectNode claims = JSON.createObjectNode().put("iss", GITHUB_ISSUER).put("aud", OIDC_AUDIENCE)
                .put("sub", subject).put("iat", now).put("nbf", now).put("exp", now + 300);
        try {
            String signingInput = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + b64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(oidcKey.getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rsa.sign());
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the default smoke-test target (the deployed-route probe), e.g. with the rehearsal gateway. */
    public void useStageEndpoint(StageEndpoint endpoint) {
        this.stageEndpoint = endpoint;
    }

    public synchronized StageEndpoint stageEndpoint() {
        if (stageEndpoint == null) {
            probe = new DeployedRouteProbe(this::coreControlPlane);
            stageEndpoint = probe;
        }
        return stageEndpoint;
    }

    public void onRelease(ReleaseListener listener) {
        listeners.add(listener);
    }

    /**
     * Publishes {@code vendorId}'s contract to its API's {@code stage} as {@code version}, as its pipeline does: signed
     * in through STS as its deploy identity, the real api-publisher CLI jar, the kit, the control plane at the core
     * emulator. Fails unless the publisher exits 0; then tells every {@link ReleaseListener}.
     */
    public Release publish(String vendorId, String stage, String version) {
        return publish(vendorId, vendorId, stage, version);
    }

    /**
     * The same, to the API of {@code apiOf}: only for showing that a misdirected release is caught (a vendor's
     * pipeline configured with another vendor's API id, {@code --api-id} overriding its own kit's).
     */
    public Release publish(String vendorId, String apiOf, String stage, String version) {
        VendorKit kit = kit(vendorId);
        String apiId = kit(apiOf).apiId();
        AwsSessionCredentials credentials = signIn(vendorId, stage);
        StageEndpoint.SmokeTarget smoke = stageEndpoint().smokeTarget(vendorId, apiId, stage,
                SMOKE_PATHS.get(vendorId), SMOKE_EXPECT.get(vendorId));
        List<String> args = new ArrayList<>(List.of("--contract", CONTRACTS.get(vendorId)));
        if (kit.kitVersion() >= 1) {
            args.addAll(List.of("--kit", kitFile(vendorId).toString()));
            if (!apiOf.equals(vendorId)) {
                args.addAll(List.of("--api-id", apiId));
            }
        } else {
            args.addAll(List.of("--api-id", apiId, "--region", kit.region()));
        }
        args.addAll(List.of("--stage", stage, "--endpoint-url", coreEndpoint().toString(),
                "--invoke-url", smoke.invokeUrl().toString(), "--version", version, "--commit", "rehearsal-" + runId,
                "--smoke-path", smoke.smokePath(), "--smoke-expect", Integer.toString(smoke.expectStatus()),
                "--smoke-attempts", "3", "--smoke-interval-seconds", "1", "--max-attempts", "5"));
        if (VENDOR_A.equals(vendorId)) {
            args.addAll(List.of("--lambda-arn", functionAliasArn()));
        } else {
            args.addAll(List.of("--backend-url", vendorBBackend().toString(),
                    "--origin-verify-secret-env", "ORIGIN_VERIFY_SECRET"));
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", config.publisherJar().toString()));
        command.addAll(args);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        env.put("AWS_REGION", kit.region());
        env.put("ORIGIN_VERIFY_SECRET", originVerifySecret());
        String output = Processes.runOk("publish " + vendorId + " " + version, command, config.workDir(), env,
                config.callDeadline(), logs().resolve("publish-" + vendorId + ".log"));
        Matcher m = Pattern.compile("created deployment (\\S+) on stage").matcher(output);
        String deploymentId = m.find() ? m.group(1) : "";
        Release release = new Release(vendorId, apiId, stage, version, deploymentId, output);
        listeners.forEach(l -> l.released(release));
        return release;
    }

    /** The control plane's view of one vendor's API (definition, deployments, stages), for byte comparison. */
    public ApiSnapshot snapshot(String vendorId) {
        return ApiSnapshot.take(coreControlPlane(), kit(vendorId).apiId());
    }

    /** Keeps a snapshot under the work directory (snapshots/NAME.json) for reading after the run. */
    public Path save(String name, ApiSnapshot snapshot) {
        Path file = config.workDir().resolve("snapshots/" + name + ".json");
        write(file, snapshot.text());
        return file;
    }

    // ---------------------------------------------------------------- helpers

    public Region region() {
        return Region.of(registry.region());
    }

    private StsClient sts(AwsCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(coreEndpoint()).region(region()).credentialsProvider(credentials)
                .httpClient(http()).overrideConfiguration(calls()).build();
    }

    private static software.amazon.awssdk.http.SdkHttpClient http() {
        return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30)).build();
    }

    /** Every SDK call has a deadline and at most two retries: an emulator that hangs fails the step, not the build. */
    private static ClientOverrideConfiguration calls() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(60))
                .apiCallAttemptTimeout(Duration.ofSeconds(30))
                .retryStrategy(RetryMode.STANDARD).build();
    }

    private Path tmp() {
        Path dir = config.workDir().resolve("tmp");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private Path logs() {
        return config.workDir().resolve("logs");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private List<String> javaCommand(List<String> jvmArgs, String mainClass, List<String> args) {
        List<String> c = new ArrayList<>();
        c.add(javaExecutable());
        // jsii unpacks its runtime into the temporary directory: keep that under target/ too.
        c.add("-Djava.io.tmpdir=" + tmp());
        c.addAll(jvmArgs);
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add(mainClass);
        c.addAll(args);
        return c;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void resetWorkDir(Path dir) {
        if (!dir.normalize().toString().contains("target")) {
            throw new IllegalArgumentException("the rehearsal only writes under a target/ directory, not " + dir);
        }
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            Files.createDirectories(dir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ports of the emulators, to check they are free again after {@link #close()}. */
    public List<Integer> ports() {
        return emulators.values().stream().map(MotoServer::port).toList();
    }

    /** Stops every emulator and the probe; safe to call more than once. */
    @Override
    public void close() {
        if (probe != null) {
            probe.close();
        }
        if (coreControlPlane != null) {
            coreControlPlane.close();
        }
        emulators.values().forEach(MotoServer::close);
        Processes.stopAll();
    }
}
