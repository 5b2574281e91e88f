package dev.multivendor.publisher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multivendor.contracts.ApiContract;
import dev.multivendor.contracts.kit.OnboardingKitSchema;
import dev.multivendor.publisher.testing.ReleaseFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code -cli} jar as a pipeline runs it: a separate JVM, credentials from the SDK's default chain
 * (environment variables here, the OIDC role in CI), WireMock as the control plane and the stage.
 */
class PublisherCliJarIT {

    private static final String API = "a1b2c3d4e5";

    @TempDir
    Path home;

    private record Exit(int code, String out, String err) {
    }

    private Exit run(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("publisher.cliJar", "target/api-publisher-cli.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        // Nothing from the developer's machine: no ~/.aws, no instance metadata lookups.
        builder.environment().putAll(Map.of("HOME", home.toString(), "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_CONFIG_FILE", home.resolve("none").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString()));
        builder.environment().putAll(extraEnv);
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the CLI finished within 60 s");
        return new Exit(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String[] vendorA(ReleaseFixture f, String... more) {
        List<String> args = new ArrayList<>(List.of("--contract", "feedback-api/v1", "--api-id", API, "--stage", "prod",
                "--region", ReleaseFixture.REGION, "--endpoint-url", f.controlPlane.baseUrl(),
                "--invoke-url", f.stage.baseUrl() + "/prod", "--lambda-arn", ReleaseFixture.LAMBDA_ALIAS,
                "--version", "1.4.0", "--commit", "9c3b7aa", "--smoke-path", "/v1/feedback?customerId=smoke-test",
                "--smoke-attempts", "1"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void publishesFromTheOnboardingKitWithTheSchemaAndValidatorInsideTheJar() throws Exception {
        // The schema's example kit is vendor A's API a1b2c3d4e5 in eu-west-1; the stage URL is overridden to WireMock
        // (the kit's invokeUrl must be https, the fixture serves http).
        Path kit = Files.writeString(home.resolve("onboarding-kit.json"), OnboardingKitSchema.exampleText());
        try (ReleaseFixture f = new ReleaseFixture()) {
            f.stubStageServing(API, "d1prev");
            f.stubImportAndDeploy(API);
            f.stubSmoke(ApiContract.FEEDBACK_V1, 200);

            Exit exit = run(KEYS, "--contract", "feedback-api/v1", "--kit", kit.toString(), "--stage", "prod",
                    "--endpoint-url", f.controlPlane.baseUrl(), "--invoke-url", f.stage.baseUrl() + "/prod",
                    "--lambda-arn", ReleaseFixture.LAMBDA_ALIAS, "--version", "1.4.0", "--commit", "9c3b7aa",
                    "--smoke-path", "/v1/feedback?customerId=smoke-test", "--smoke-attempts", "1");

            assertEquals(0, exit.code(), exit.out() + exit.err());
            assertTrue(exit.out().contains("OK: published deployment d2next on stage prod"), exit.out());
            assertEquals("", exit.err(), "nothing on stderr");
        }
    }

    @Test
    void refusesABrokenKitFromTheJarNamingFileLineAndField() throws Exception {
        Path kit = Files.writeString(home.resolve("onboarding-kit.json"),
                OnboardingKitSchema.exampleText().replace("\"coreAccountId\": \"111111111111\"", "\"coreAccountId\": \"1111\""));

        Exit exit = run(KEYS, "--contract", "feedback-api/v1", "--kit", kit.toString(), "--stage", "prod",
                "--lambda-arn", ReleaseFixture.LAMBDA_ALIAS, "--version", "1.4.0", "--commit", "9c3b7aa",
                "--smoke-path", "/v1/feedback", "--dry-run", "--out", home.resolve("out").toString());

        assertEquals(2, exit.code(), exit.out() + exit.err());
        assertTrue(exit.err().startsWith("error: " + kit + ":5: field /coreAccountId: does not match the regex pattern"),
                exit.err());
    }

    private static final Map<String, String> KEYS = Map.of("AWS_ACCESS_KEY_ID", ReleaseFixture.ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY", "test-secret-key");

    @Test
    void publishesWithCredentialsFromTheDefaultChainAndExitsZero() throws Exception {
        try (ReleaseFixture f = new ReleaseFixture()) {
            f.stubStageServing(API, "d1prev");
            f.stubImportAndDeploy(API);
            f.stubSmoke(ApiContract.FEEDBACK_V1, 200);

            Exit exit = run(KEYS, vendorA(f));

            assertEquals(0, exit.code(), exit.out() + exit.err());
            assertTrue(exit.out().contains("OK: published deployment d2next on stage prod"), exit.out());
            assertTrue(f.controlPlaneRequests().stream().allMatch(r -> r.getHeader("Authorization")
                    .contains("Credential=" + ReleaseFixture.ACCESS_KEY + "/")), "signed with the environment's key");
            assertEquals("", exit.err(), "nothing on stderr, no SLF4J warning");
        }
    }

    @Test
    void exitsFiveSayingItRolledBackWhenTheSmokeTestFails() throws Exception {
        try (ReleaseFixture f = new ReleaseFixture()) {
            f.stubStageServing(API, "d1prev");
            f.stubDeployThenRollback(API);
            f.stubSmoke(ApiContract.FEEDBACK_V1, 503);

            Exit exit = run(KEYS, vendorA(f));

            assertEquals(5, exit.code(), exit.out() + exit.err());
            assertTrue(exit.err().contains("FAILED: smoke test failed after 1 attempt(s): GET " + f.stage.baseUrl()
                    + "/prod/v1/feedback?customerId=smoke-test answered 503, expected 200; rolled stage prod back to the"
                    + " definition of deployment d1prev (new deployment d3back)"), exit.err());
        }
    }

    @Test
    void exitsFourWithoutAStackTraceWhenNoCredentialsAreFound() throws Exception {
        try (ReleaseFixture f = new ReleaseFixture()) {
            Exit exit = run(Map.of(), vendorA(f));

            assertEquals(4, exit.code(), exit.out() + exit.err());
            assertTrue(exit.err().startsWith("error: GetStage GET /restapis/a1b2c3d4e5/stages/prod failed after 1 attempt: Unable to load credentials"), exit.err());
            assertFalse(exit.err().contains("\tat "), exit.err());
            assertEquals(List.of(), f.controlPlane.getAllServeEvents(), "nothing was sent unsigned");
        }
    }

    @Test
    void exitsThreeNamingTheFileAndLineForABadDocument() throws Exception {
        try (ReleaseFixture f = new ReleaseFixture()) {
            Exit exit = run(KEYS, "--contract-file", Path.of("src/test/resources/contracts/not-openapi.yaml").toAbsolutePath()
                            .toString(), "--api-id", API, "--stage", "prod", "--region", "eu-north-1", "--endpoint-url",
                    f.controlPlane.baseUrl(), "--lambda-arn", ReleaseFixture.LAMBDA_ALIAS, "--version", "1", "--commit", "c",
                    "--smoke-path", "/v1/things");

            assertEquals(3, exit.code(), exit.out() + exit.err());
            assertTrue(exit.err().contains("not-openapi.yaml:"), exit.err());
            assertFalse(exit.err().contains("\tat "), exit.err());
            assertEquals(List.of(), f.controlPlane.getAllServeEvents());
        }
    }
}
