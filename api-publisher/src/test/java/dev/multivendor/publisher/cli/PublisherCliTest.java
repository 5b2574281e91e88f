package dev.multivendor.publisher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multivendor.contracts.kit.OnboardingKitSchema;
import dev.multivendor.publisher.testing.FakeTime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, in-process; dry runs and refusals never construct an AWS client. */
class PublisherCliTest {

    private static final String[] VENDOR_B = {"--contract", "support-tickets-api/v1", "--api-id", "f6g7h8i9j0",
            "--stage", "prod", "--region", "eu-north-1", "--backend-url", "https://tickets.vendor-b.example",
            "--origin-verify-secret-env", "ORIGIN_VERIFY_SECRET", "--version", "2.0.1", "--commit", "1a2b3c4",
            "--smoke-path", "/v1/tickets/smoke"};

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return new PublisherCli(env, () -> {
            throw new AssertionError("no AWS client may be built here");
        }, new FakeTime(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(base));
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    @Test
    void dryRunWritesTheDocumentWithTheSecretMaskedAndPrintsThePlannedCalls() throws Exception {
        int code = run(Map.of("ORIGIN_VERIFY_SECRET", "top-secret-value"), with(VENDOR_B, "--dry-run", "--out", dir.toString()));

        assertEquals(0, code, err.toString());
        String document = Files.readString(dir.resolve("openapi.json"));
        assertTrue(document.contains("\"integration.request.header.X-Origin-Verify\" : \"'***'\""), document);
        assertFalse(document.contains("top-secret-value"));
        assertFalse(out.toString().contains("top-secret-value"));
        String plan = Files.readString(dir.resolve("plan.txt"));
        assertTrue(plan.contains("PUT  /restapis/f6g7h8i9j0?mode=overwrite&failonwarnings=true"), plan);
        assertTrue(plan.contains("description: \"release 2.0.1 commit 1a2b3c4\""), plan);
        assertTrue(out.toString().contains("Planned calls (none made):"), out.toString());
    }

    @Test
    void dryRunOutputIsByteForByteTheSameOnEveryRun() throws Exception {
        run(Map.of("ORIGIN_VERIFY_SECRET", "x"), with(VENDOR_B, "--dry-run", "--out", dir.resolve("a").toString()));
        run(Map.of("ORIGIN_VERIFY_SECRET", "x"), with(VENDOR_B, "--dry-run", "--out", dir.resolve("b").toString()));

        assertEquals(Files.readString(dir.resolve("a/openapi.json")), Files.readString(dir.resolve("b/openapi.json")));
    }

    @Test
    void refusesToRunWhenTheSecretsEnvironmentVariableIsUnset() {
        int code = run(Map.of(), with(VENDOR_B, "--dry-run", "--out", dir.toString()));

        assertEquals(2, code);
        assertTrue(err.toString().startsWith("error: environment variable ORIGIN_VERIFY_SECRET (named by "
                + "--origin-verify-secret-env) is not set"), err.toString());
    }

    @Test
    void namesTheMissingFlagAndTheUnknownOne() {
        assertEquals(2, run(Map.of(), "--contract", "feedback-api/v1", "--lambda-arn",
                "arn:aws:lambda:eu-north-1:222222222222:function:f:live", "--region", "eu-north-1"));
        assertTrue(err.toString().contains("error: missing --kit FILE: the core team's onboarding kit for this vendor"),
                err.toString());

        err.reset();
        assertEquals(2, run(Map.of(), "--contract", "feedback-api/v1", "--secret", "x"));
        assertTrue(err.toString().contains("error: unknown argument --secret"), err.toString());
    }

    @Test
    void refusesTwoTargetsAndAnUnknownContract() {
        assertEquals(2, run(Map.of(), with(VENDOR_B, "--lambda-arn", "arn:aws:lambda:eu-north-1:222222222222:function:f:live")));
        assertTrue(err.toString().contains("give exactly one of --lambda-arn, --backend-url (got 2)"), err.toString());

        err.reset();
        assertEquals(2, run(Map.of(), "--contract", "billing-api/v9"));
        assertTrue(err.toString().contains("unknown contract billing-api/v9; known: feedback-api/v1, support-tickets-api/v1"),
                err.toString());
    }

    @Test
    void exitsWithThreeAndFileLineMessagesForAnInvalidDocument() {
        int code = run(Map.of("S", "x"), "--contract-file", "src/test/resources/contracts/integration-points-elsewhere.yaml",
                "--api-id", "f6g7h8i9j0", "--stage", "prod", "--region", "eu-north-1", "--backend-url",
                "https://tickets.vendor-b.example", "--origin-verify-secret-env", "S", "--version", "1", "--commit", "c",
                "--smoke-path", "/v1/tickets/x", "--dry-run", "--out", dir.toString());

        assertEquals(3, code);
        assertTrue(err.toString().contains("integration-points-elsewhere.yaml:9: operation createTicket (POST /v1/tickets)"),
                err.toString());
        assertTrue(err.toString().contains("Nothing was sent to API Gateway."));
        assertFalse(err.toString().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(dir.resolve("openapi.json")), "an invalid document is not written");
    }

    @Test
    void takesTheRegionAndCommitFromTheEnvironmentLikeACiRunner() {
        int code = run(Map.of("AWS_REGION", "eu-west-1", "GITHUB_SHA", "0123456789abcdef"), "--contract", "feedback-api/v1",
                "--lambda-arn", "arn:aws:lambda:eu-west-1:222222222222:function:f:live", "--api-id", "a1b2c3d4e5",
                "--stage", "dev", "--version", "1.4.0", "--smoke-path", "/v1/feedback?customerId=smoke", "--dry-run",
                "--out", dir.toString());

        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/dev/v1/feedback?customerId=smoke"),
                out.toString());
        assertTrue(out.toString().contains("release 1.4.0 commit 0123456789abcdef"), out.toString());
    }

    // ---- the onboarding kit (--kit FILE --stage NAME) ----

    private static final String[] VENDOR_A_RELEASE = {"--contract", "feedback-api/v1", "--lambda-arn",
            "arn:aws:lambda:eu-west-1:222222222222:function:vendor-a-feedback-api:live", "--version", "1.4.0",
            "--commit", "0123456789abcdef", "--smoke-path", "/v1/feedback?customerId=smoke", "--dry-run"};

    /** The schema's own example kit (vendor-a, API a1b2c3d4e5 in eu-west-1), optionally edited. */
    private Path kit(String... replacements) throws Exception {
        String text = OnboardingKitSchema.exampleText();
        for (int i = 0; i < replacements.length; i += 2) {
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        return Files.writeString(dir.resolve("onboarding-kit.json"), text);
    }

    @Test
    void takesTheApiIdRegionAndStageUrlFromTheKit() throws Exception {
        int code = run(Map.of("AWS_REGION", "us-east-1"), with(VENDOR_A_RELEASE, "--kit", kit().toString(),
                "--stage", "prod", "--out", dir.resolve("out").toString()));

        assertEquals(0, code, err.toString());
        String plan = Files.readString(dir.resolve("out/plan.txt"));
        assertTrue(plan.contains("PUT  /restapis/a1b2c3d4e5?mode=overwrite"), plan);
        assertTrue(out.toString().contains("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/v1/feedback"
                + "?customerId=smoke"), out.toString());
        assertTrue(out.toString().contains("-> API a1b2c3d4e5 stage prod"), out.toString());
    }

    @Test
    void flagsOverrideTheKit() throws Exception {
        int code = run(Map.of(), with(VENDOR_A_RELEASE, "--kit", kit().toString(), "--stage", "dev",
                "--api-id", "z9y8x7w6v5", "--invoke-url", "http://127.0.0.1:4566/restapis/z9y8x7w6v5/dev/_user_request_",
                "--out", dir.resolve("out").toString()));

        assertEquals(0, code, err.toString());
        assertTrue(Files.readString(dir.resolve("out/plan.txt")).contains("/restapis/z9y8x7w6v5?"));
        assertTrue(out.toString().contains("http://127.0.0.1:4566/restapis/z9y8x7w6v5/dev/_user_request_/v1/feedback"),
                out.toString());
    }

    @Test
    void anInvalidKitIsRefusedWithFileLineAndFieldAndNothingIsCalled() throws Exception {
        Path kit = kit("\"apiId\": \"a1b2c3d4e5\"", "\"apiID\": \"a1b2c3d4e5\"");

        int code = run(Map.of(), with(VENDOR_A_RELEASE, "--kit", kit.toString(), "--stage", "dev",
                "--out", dir.resolve("out").toString()));

        assertEquals(2, code);
        assertTrue(err.toString().contains("error: " + kit + ":6: field /apiID: is not a field of onboarding kit v1"),
                err.toString());
        assertTrue(err.toString().contains("error: " + kit + ":1: field /apiId: is missing"), err.toString());
        assertTrue(err.toString().contains("nothing was sent to API Gateway"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written for an unusable kit");
    }

    @Test
    void aMissingKitFileIsNamed() {
        int code = run(Map.of(), with(VENDOR_A_RELEASE, "--kit", dir.resolve("nope.json").toString(), "--stage", "dev"));

        assertEquals(2, code);
        assertTrue(err.toString().contains("error: " + dir.resolve("nope.json") + ":1: the kit: no such file"),
                err.toString());
    }

    @Test
    void aStageTheKitDoesNotHaveIsRefusedWithTheStagesItHas() throws Exception {
        int code = run(Map.of(), with(VENDOR_A_RELEASE, "--kit", kit().toString(), "--stage", "staging"));

        assertEquals(2, code);
        assertTrue(err.toString().contains("field /stages: has no stage \"staging\"; the kit's stages are dev, prod"),
                err.toString());
    }

    @Test
    void anotherVendorsKitIsRefused() throws Exception {
        int code = run(Map.of("ORIGIN_VERIFY_SECRET", "x"), "--contract", "support-tickets-api/v1", "--kit",
                kit().toString(), "--stage", "prod", "--backend-url", "https://tickets.vendor-b.example",
                "--origin-verify-secret-env", "ORIGIN_VERIFY_SECRET", "--version", "2.0.1", "--commit", "1a2b3c4",
                "--smoke-path", "/v1/tickets/smoke", "--dry-run");

        assertEquals(2, code);
        assertTrue(err.toString().contains(":3: field /vendorId: the kit is for vendor-a, but contract "
                + "support-tickets-api/v1 is vendor-b's"), err.toString());
    }

    @Test
    void aKitForAnotherKindOfIntegrationIsRefused() throws Exception {
        Path kit = kit("\"integration\": \"lambda\"", "\"integration\": \"http\"");

        int code = run(Map.of(), with(VENDOR_A_RELEASE, "--kit", kit.toString(), "--stage", "dev"));

        assertEquals(2, code);
        assertTrue(err.toString().contains(":8: field /integration: the kit says \"http\", but this release gives "
                + "--lambda-arn"), err.toString());
    }

    @Test
    void printsTheStagesDeployIdentityFromTheKitForACiStepsOutputs() throws Exception {
        int code = run(Map.of(), "--kit", kit().toString(), "--stage", "prod", "--print-identity");

        assertEquals(0, code, err.toString());
        assertEquals(String.join(System.lineSeparator(), "identity=prod", "kind=github-oidc",
                "role-arn=arn:aws:iam::111111111111:role/vendors/vendor-a-deploy", "region=eu-west-1",
                "api-id=a1b2c3d4e5", ""), out.toString());
    }

    @Test
    void aStageDeployedByTheIamUserHasNoRoleToPrint() throws Exception {
        Path kit = kit("\"identity\": \"dev\"", "\"identity\": \"iam-user\"");

        int code = run(Map.of(), "--kit", kit.toString(), "--stage", "dev", "--print-identity");

        assertEquals(2, code);
        assertTrue(err.toString().contains("field /identities/iam-user: stage dev is deployed by the iam-user identity "
                + "\"iam-user\", which has no role to assume"), err.toString());
        assertEquals("", out.toString());
    }
}
