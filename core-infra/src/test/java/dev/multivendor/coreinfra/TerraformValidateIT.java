package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code terraform validate} on the synthesized stack, offline: the AWS provider comes from a local filesystem
 * mirror (system property {@code tf.pluginMirror}, env TF_PROVIDER_MIRROR, default /opt/tf-plugins). Skipped with a
 * message when terraform or the mirror is absent.
 */
class TerraformValidateIT {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        Assumptions.assumeTrue(onPath("terraform"), "terraform is not on the PATH: skipping terraform validate");
        Path mirror = Path.of(System.getProperty("tf.pluginMirror",
                System.getenv().getOrDefault("TF_PROVIDER_MIRROR", "/opt/tf-plugins")));
        Assumptions.assumeTrue(Files.isDirectory(mirror.resolve("registry.terraform.io/hashicorp/aws")),
                "no local AWS provider mirror at " + mirror + " (set -Dtf.pluginMirror): skipping terraform validate");

        Path dir = Synths.moduleDir().resolve("target").resolve(dirName).toAbsolutePath();
        Files.createDirectories(dir);
        // The prebuilt provider bindings pin AWS provider 5.23.1 exactly; the mirror holds a newer 5.x.
        ObjectNode json = (ObjectNode) stack.json();
        ((ObjectNode) json.path("terraform").path("required_providers").path("aws")).put("version", "~> 5.23");
        Files.writeString(dir.resolve("cdk.tf.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        Path cliConfig = dir.resolve("terraformrc");
        Files.writeString(cliConfig, "provider_installation {\n  filesystem_mirror {\n    path    = \""
                + mirror.toAbsolutePath().toString().replace("\\", "/") + "\"\n    include = [\"registry.terraform.io/*/*\"]\n  }\n"
                + "  direct {\n    exclude = [\"registry.terraform.io/*/*\"]\n  }\n}\n");

        Result init = run(dir, cliConfig, "terraform", "init", "-backend=false", "-input=false", "-no-color");
        assertEquals(0, init.exit, "terraform init failed:\n" + init.output);
        Result validate = run(dir, cliConfig, "terraform", "validate", "-json", "-no-color");
        System.out.println("terraform validate: " + validate.output.strip());
        JsonNode report = JSON.readTree(validate.output);
        assertTrue(report.path("valid").asBoolean(), "terraform validate reported problems:\n" + validate.output);
        assertEquals(0, report.path("error_count").asInt(), validate.output);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, Path cliConfig, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        pb.environment().put("TF_IN_AUTOMATION", "1");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out + "\n(timed out)");
        }
        return new Result(p.exitValue(), out);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
