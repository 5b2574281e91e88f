package dev.multivendor.publisher.cli;

import dev.multivendor.contracts.ApiContract;
import dev.multivendor.contracts.kit.InvalidKitException;
import dev.multivendor.contracts.kit.OnboardingKit;
import dev.multivendor.publisher.ControlPlane;
import dev.multivendor.publisher.ControlPlaneException;
import dev.multivendor.publisher.IntegrationTarget;
import dev.multivendor.publisher.InvalidDocumentException;
import dev.multivendor.publisher.PublishRequest;
import dev.multivendor.publisher.PublishResult;
import dev.multivendor.publisher.Publisher;
import dev.multivendor.publisher.RetryPolicy;
import dev.multivendor.publisher.SmokeTest;
import dev.multivendor.publisher.SourceDocument;
import dev.multivendor.publisher.Time;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * {@code java -jar api-publisher-cli.jar --contract feedback-api/v1 --kit onboarding-kit.json --stage prod ...}: the
 * command a vendor pipeline runs. The API id, region and stage URL come from the core team's onboarding kit
 * (validated against its schema in shared-contracts); {@code --api-id}, {@code --region} and {@code --invoke-url}
 * override them, or replace the kit altogether. Exit codes: 0 published, 2 usage, 3 invalid document (nothing called), 4 control plane
 * call failed, 5 smoke test failed and rolled back, 6 smoke test failed without rollback. See the README.
 */
public final class PublisherCli {

    static final int OK = 0;
    static final int USAGE = 2;
    static final int INVALID_DOCUMENT = 3;
    static final int CONTROL_PLANE_FAILED = 4;
    static final int ROLLED_BACK = 5;
    static final int FAILED_WITHOUT_ROLLBACK = 6;

    private static final Set<String> VALUED = Set.of("--contract", "--contract-file", "--kit", "--api-id", "--stage", "--region",
            "--endpoint-url", "--invoke-url", "--lambda-arn", "--backend-url", "--origin-verify-secret-env",
            "--version", "--commit", "--smoke-path", "--smoke-expect", "--smoke-attempts", "--smoke-interval-seconds",
            "--max-attempts", "--out");
    private static final Set<String> SWITCHES = Set.of("--dry-run", "--client-certificate", "--print-identity", "--help");

    private final Map<String, String> env;
    private final Supplier<AwsCredentialsProvider> credentials;
    private final Time time;
    private final PrintStream out;
    private final PrintStream err;

    public PublisherCli(Map<String, String> env, Supplier<AwsCredentialsProvider> credentials, Time time,
                        PrintStream out, PrintStream err) {
        this.env = env;
        this.credentials = credentials;
        this.time = time;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new PublisherCli(System.getenv(), () -> DefaultCredentialsProvider.builder().build(), Time.SYSTEM,
                System.out, System.err).run(args);
        System.exit(code);
    }

    public int run(String[] args) {
        try {
            Arguments a = new Arguments(args, VALUED, SWITCHES);
            if (a.has("--help")) {
                out.print(usage());
                return OK;
            }
            if (a.has("--print-identity")) {
                return printIdentity(a);
            }
            PublishRequest request = request(a);
            if (a.has("--dry-run")) {
                return dryRun(request, Path.of(a.get("--out").orElse("target/publish")));
            }
            Optional<URI> endpoint = a.get("--endpoint-url").map(u -> uri("--endpoint-url", u));
            RetryPolicy policy = RetryPolicy.defaults().withMaxAttempts(positive(a, "--max-attempts",
                    RetryPolicy.defaults().maxAttempts()));
            try (ControlPlane controlPlane = new ControlPlane(
                    ControlPlane.client(request.region(), endpoint, credentials.get()), policy, time,
                    new SecureRandom(), out::println)) {
                Publisher publisher = new Publisher(controlPlane, new SmokeTest(SmokeTest.defaultHttpClient(), time,
                        out::println), out::println);
                PublishResult result = publisher.publish(request);
                switch (result.outcome()) {
                    case PUBLISHED:
                        out.println("OK: " + result.detail());
                        return OK;
                    case ROLLED_BACK:
                        err.println("FAILED: " + result.detail());
                        return ROLLED_BACK;
                    default:
                        err.println("FAILED: " + result.detail());
                        return FAILED_WITHOUT_ROLLBACK;
                }
            }
        } catch (UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help for the flags.");
            return USAGE;
        } catch (InvalidKitException e) {
            e.problems().forEach(problem -> err.println("error: " + problem));
            err.println("The onboarding kit is not usable as it is; nothing was sent to API Gateway.");
            return USAGE;
        } catch (InvalidDocumentException e) {
            err.println("error: " + e.getMessage());
            err.println("Nothing was sent to API Gateway.");
            return INVALID_DOCUMENT;
        } catch (ControlPlaneException e) {
            err.println("error: " + e.getMessage());
            err.println(e.retryable()
                    ? "The stage still serves its previous deployment unless a deployment was reported above; rerunning is safe."
                    : "Rerunning will not help until the cause above is fixed; rerunning is safe.");
            return CONTROL_PLANE_FAILED;
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            // e.g. no credentials in the default chain: the SDK's message says where it looked.
            err.println("error: " + e.getMessage());
            return CONTROL_PLANE_FAILED;
        }
    }

    private PublishRequest request(Arguments a) throws InvalidKitException {
        a.exactlyOne(List.of("--contract", "--contract-file"));
        SourceDocument source = a.get("--contract").map(key -> SourceDocument.of(ApiContract.find(key)
                        .orElseThrow(() -> new UsageException("unknown contract " + key + "; known: " + Arrays.stream(
                                ApiContract.values()).map(ApiContract::key).collect(Collectors.joining(", "))))))
                .orElseGet(() -> SourceDocument.read(Path.of(a.require("--contract-file", "a contract file"))));

        a.exactlyOne(List.of("--lambda-arn", "--backend-url"));
        IntegrationTarget target;
        if (a.has("--lambda-arn")) {
            if (a.has("--origin-verify-secret-env") || a.has("--client-certificate")) {
                throw new UsageException("--origin-verify-secret-env and --client-certificate go with --backend-url");
            }
            target = new IntegrationTarget.LambdaAlias(a.require("--lambda-arn", ""));
        } else {
            a.exactlyOne(List.of("--origin-verify-secret-env", "--client-certificate"));
            Optional<String> secret = a.get("--origin-verify-secret-env").map(name -> {
                // The secret comes from the environment, never from a flag: flags show up in CI logs and `ps`.
                String value = env.get(name);
                if (value == null || value.isBlank()) {
                    throw new UsageException("environment variable " + name + " (named by --origin-verify-secret-env) is not set");
                }
                return value;
            });
            target = new IntegrationTarget.HttpBackend(uri("--backend-url", a.require("--backend-url", "")), secret);
        }

        Optional<String> kitFile = a.get("--kit");
        Optional<OnboardingKit> kit = kitFile.isPresent()
                ? Optional.of(OnboardingKit.load(Path.of(kitFile.get()))) : Optional.empty();
        if (kit.isPresent()) {
            checkKitFits(kit.get(), a, target);
        }
        // Looked up in the order of --help, so the first missing flag is the one reported.
        if (kit.isEmpty() && !a.has("--api-id")) {
            throw new UsageException("missing --kit FILE: the core team's onboarding kit for this vendor (or --api-id, "
                    + "--region and --invoke-url without a kit)");
        }
        String stage = a.require("--stage", "the stage to deploy, e.g. dev or prod");
        Optional<OnboardingKit.Stage> kitStage = kit.isPresent() ? Optional.of(kit.get().stage(stage)) : Optional.empty();
        String apiId = a.get("--api-id").or(() -> kit.map(OnboardingKit::apiId)).orElseThrow();
        String region = a.get("--region").or(() -> kit.map(OnboardingKit::region))
                .or(() -> Optional.ofNullable(env.get("AWS_REGION")))
                .or(() -> Optional.ofNullable(env.get("AWS_DEFAULT_REGION")))
                .orElseThrow(() -> new UsageException("missing --region (or AWS_REGION): the core account's region"));
        Optional<URI> invokeUrl = a.get("--invoke-url").map(u -> uri("--invoke-url", u))
                .or(() -> kitStage.map(s -> uri("--kit stages." + stage + ".invokeUrl", s.invokeUrl())));
        String version = a.require("--version", "the release version, e.g. 1.4.0; it goes into the deployment description");
        String commit = a.get("--commit").or(() -> Optional.ofNullable(env.get("GITHUB_SHA")))
                .orElseThrow(() -> new UsageException("missing --commit (or GITHUB_SHA): it goes into the deployment description"));
        return new PublishRequest(source, target, apiId, stage, region, version, commit, invokeUrl,
                a.require("--smoke-path", "the path (and query) to GET on the stage after deploying, e.g. /v1/feedback?customerId=smoke"),
                a.integer("--smoke-expect", 200),
                positive(a, "--smoke-attempts", 5),
                Duration.ofSeconds(a.integer("--smoke-interval-seconds", 3)));
    }

    /**
     * {@code --kit FILE --stage NAME --print-identity}: validates the kit and prints who deploys the stage and where,
     * as {@code key=value} lines a CI step appends to its outputs (GitHub: {@code >> "$GITHUB_OUTPUT"}), so the
     * pipeline signs in with the kit's role without picking JSON fields itself. Calls nothing.
     */
    private int printIdentity(Arguments a) throws InvalidKitException {
        OnboardingKit kit = OnboardingKit.load(Path.of(a.require("--kit", "the core team's onboarding kit")));
        String stageName = a.require("--stage", "the stage to deploy, e.g. dev or prod");
        OnboardingKit.Stage stage = kit.stage(stageName);
        OnboardingKit.Identity identity = kit.identities().get(stage.identity());
        if (identity.roleArn().isEmpty()) {
            throw new InvalidKitException(kit.problem("/identities/" + stage.identity(), "stage " + stageName
                    + " is deployed by the " + identity.kind() + " identity \"" + identity.name() + "\", which has no "
                    + "role to assume: sign in with its access keys instead"));
        }
        out.println("identity=" + identity.name());
        out.println("kind=" + identity.kind());
        out.println("role-arn=" + identity.roleArn().get());
        out.println("region=" + kit.region());
        out.println("api-id=" + kit.apiId());
        return OK;
    }

    /** The kit must be for the contract's vendor and for the kind of integration being released. */
    private static void checkKitFits(OnboardingKit kit, Arguments a, IntegrationTarget target)
            throws InvalidKitException {
        Optional<ApiContract> contract = a.get("--contract").flatMap(ApiContract::find);
        if (contract.isPresent() && !contract.get().vendorId().equals(kit.vendorId())) {
            throw new InvalidKitException(kit.problem("/vendorId", "the kit is for " + kit.vendorId()
                    + ", but contract " + contract.get().key() + " is " + contract.get().vendorId()
                    + "'s: use that vendor's kit"));
        }
        String integration = target instanceof IntegrationTarget.LambdaAlias ? "lambda" : "http";
        if (!integration.equals(kit.integration())) {
            throw new InvalidKitException(kit.problem("/integration", "the kit says \"" + kit.integration()
                    + "\", but this release gives " + (integration.equals("lambda") ? "--lambda-arn" : "--backend-url")
                    + "; the core team's API for " + kit.vendorId() + " expects "
                    + (kit.integration().equals("lambda") ? "--lambda-arn" : "--backend-url")));
        }
    }

    private int dryRun(PublishRequest request, Path dir) {
        Publisher.Prepared prepared = Publisher.prepare(request);
        List<String> plan = Publisher.plan(request);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("openapi.json"), prepared.redacted(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("plan.txt"), String.join("\n", plan) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot write the dry-run output under " + dir + ": " + e.getMessage());
        }
        out.println("Dry run: " + request.source().name() + " -> API " + request.apiId() + " stage " + request.stage()
                + " (" + request.target().describe() + ")");
        out.println("Document valid; written to " + dir.resolve("openapi.json") + " (secrets masked).");
        out.println("Planned calls (none made):");
        plan.forEach(line -> out.println("  " + line));
        return OK;
    }

    private static int positive(Arguments a, String name, int fallback) {
        int value = a.integer(name, fallback);
        if (value < 1) {
            throw new UsageException(name + " must be at least 1");
        }
        return value;
    }

    private static URI uri(String flag, String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new UsageException(flag + " must be an absolute URL, got \"" + value + "\"");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException(flag + " is not a URL: " + e.getMessage());
        }
    }

    static String usage() {
        return """
                Usage: java -jar api-publisher-cli.jar [flags]
                Publishes a vendor's contract to its own API Gateway REST API: adds the integrations, validates,
                imports (PutRestApi overwrite), deploys, smoke-tests, and rolls back when the smoke test fails.

                  --contract KEY                 contract from shared-contracts, e.g. feedback-api/v1
                  --contract-file PATH           or an OpenAPI 3.0 file
                  --kit FILE                     the core team's onboarding kit (JSON, schema onboarding-kit v1): gives
                                                 the API id, region and the stage's invoke URL
                  --stage NAME                   stage to deploy, e.g. dev or prod (a stage of the kit)
                  --api-id ID                    the vendor's REST API id (overrides the kit's apiId)
                  --region REGION                core account region (overrides the kit's; default: AWS_REGION)
                  --endpoint-url URL             API Gateway endpoint override (tests, local emulators)
                  --invoke-url URL               stage base URL (overrides the kit's; without a kit
                                                 https://ID.execute-api.REGION.amazonaws.com/STAGE)
                  --lambda-arn ARN               integration target: a Lambda alias ARN, or
                  --backend-url URL              an HTTP backend base URL, with exactly one of
                    --origin-verify-secret-env NAME  env var holding the X-Origin-Verify secret, or
                    --client-certificate             the stage's client certificate (mTLS) proves the gateway
                  --version VERSION              release version, into the deployment description
                  --commit SHA                   commit, into the deployment description (default: GITHUB_SHA)
                  --smoke-path PATH              GET on the stage after deploying, e.g. /v1/feedback?customerId=smoke
                  --smoke-expect STATUS          expected status (default 200)
                  --smoke-attempts N             attempts before declaring failure (default 5)
                  --smoke-interval-seconds S     wait between attempts (default 3)
                  --max-attempts N               attempts per control-plane call on 429/5xx/reset (default 150)
                  --dry-run                      write the final document and the planned calls; call nothing
                  --print-identity               with --kit and --stage only: print the stage's deploy identity
                                                 (identity, kind, role-arn, region, api-id as key=value lines)
                  --out DIR                      where --dry-run writes (default target/publish)

                Credentials come from the AWS SDK default chain (e.g. the role assumed through GitHub OIDC).
                Exit codes: 0 published, 2 usage, 3 invalid document, 4 control-plane call failed,
                            5 smoke test failed and rolled back, 6 smoke test failed, no rollback.
                """;
    }
}
