package dev.multivendor.coreinfra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multivendor.infrasupport.TerraformCli;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code terraform validate} on the synthesized stack, offline: infra-support's {@link TerraformCli} takes the AWS
 * provider from the local filesystem mirror in {@code TF_PROVIDER_MIRROR} (default /opt/tf-plugins). Skipped, with
 * what is missing and how to get it, when terraform or the mirror is absent.
 */
class TerraformValidateIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @Test
    void theSynthesizedStackOfFiveVendorsIsValidTerraform() throws Exception {
        validate(Synths.synth("five-vendors",
                Synths.parse(Synths.resource("registries/five-vendors.yaml"), "five-vendors.yaml")), "terraform-validate");
    }

    @Test
    void theShippedRegistryIsValidTerraform() throws Exception {
        validate(Synths.synth("shipped", Synths.shipped()), "terraform-validate-shipped");
    }

    @Test
    void theSingleAccountExampleRegistryIsValidTerraform() throws Exception {
        validate(Synths.synth("single-account-example", Synths.parse(Synths.read(Synths.moduleDir()
                .resolve("examples/vendors-single-account.yaml")), "vendors-single-account.yaml")),
                "terraform-validate-single-account-example");
    }

    @Test
    void theSingleAccountStackIsValidTerraform() throws Exception {
        validate(Synths.synth("single-account",
                        Synths.parse(Synths.resource("registries/single-account.yaml"), "single-account.yaml")),
                "terraform-validate-single-account");
    }

    @Test
    void theStackWithACustomDomainIsValidTerraform() throws Exception {
        validate(Synths.synth("custom-domain", Synths.customDomain()), "terraform-validate-custom-domain");
    }

    @Test
    void theSingleAccountStackWithACustomDomainIsValidTerraform() throws Exception {
        validate(Synths.synth("single-account-custom-domain", Synths.singleAccountCustomDomain()),
                "terraform-validate-single-account-custom-domain");
    }

    private static void validate(SynthesizedStack stack, String dirName) throws Exception {
        Map<String, String> env = System.getenv();
        TerraformCli.unavailable(env).ifPresent(reason -> Assumptions.abort(reason + "; skipping terraform validate"));

        Path dir = Synths.moduleDir().resolve("target").resolve(dirName).toAbsolutePath();
        Files.createDirectories(dir);
        ObjectNode json = TerraformCli.allowMirroredProvider((ObjectNode) stack.json());
        Files.writeString(dir.resolve("cdk.tf.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));

        TerraformCli.Result validate = TerraformCli.validate(dir, TerraformCli.mirror(env), TIMEOUT);
        System.out.println("terraform validate: " + validate.output().strip());
        JsonNode report = report(validate);
        assertTrue(report.path("valid").asBoolean(), "terraform validate reported problems:\n" + validate.output());
        assertEquals(0, report.path("error_count").asInt(), validate.output());
    }

    /** validate's JSON report; anything else (init failed, a timeout) fails with terraform's own output. */
    private static JsonNode report(TerraformCli.Result result) {
        try {
            JsonNode report = JSON.readTree(result.output());
            if (report != null && report.isObject()) {
                return report;
            }
        } catch (JsonProcessingException e) {
            // falls through to the failure below, which shows what terraform printed
        }
        return fail("terraform did not report JSON (exit " + result.exit() + "):\n" + result.output());
    }
}
