package dev.multivendor.vendora.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code terraform validate} on the synthesized stack, offline, with a local provider mirror. Skipped (with the
 * reason) when terraform or the mirror is absent. The mirror directory: TF_PROVIDER_MIRROR, default /opt/tf-plugins.
 */
class TerraformValidateIT {

    @Test
    void terraformFindsTheSynthesizedStackValid() throws Exception {
        Path terraform = onPath("terraform");
        assumeTrue(terraform != null, "terraform is not on the PATH: skipping terraform validate");
        Path mirror = Path.of(System.getenv().getOrDefault("TF_PROVIDER_MIRROR", "/opt/tf-plugins"));
        assumeTrue(Files.isDirectory(mirror), "no Terraform provider mirror at " + mirror
                + " (set TF_PROVIDER_MIRROR): skipping terraform validate, which cannot download providers offline");

        Path dir = Files.createDirectories(Path.of("target", "terraform-validate"));
        Files.write(dir.resolve("function.jar"), new byte[0]); // filebase64sha256 needs a file to exist
        ObjectNode stack = (ObjectNode) new ObjectMapper().readTree(Synth.json(StateBackend.local(), "function.jar"));
        // cdktf-provider-aws 18.0.3 pins exactly 5.23.1; the local mirror has a newer 5.x (FACTS.md).
        ((ObjectNode) stack.at("/terraform/required_providers/aws")).put("version", "~> 5.23");
        Files.writeString(dir.resolve("cdk.tf.json"), stack.toPrettyString());
        Path cliConfig = dir.resolve("terraform.rc");
        Files.writeString(cliConfig, "provider_installation {\n  filesystem_mirror {\n    path = \""
                + mirror.toAbsolutePath().toString().replace("\\", "/") + "\"\n  }\n  direct {\n"
                + "    exclude = [\"registry.terraform.io/*/*\"]\n  }\n}\n");

        Result init = run(dir, cliConfig, terraform.toString(), "init", "-backend=false", "-input=false", "-no-color");
        assertEquals(0, init.exit, init.output);
        Result validate = run(dir, cliConfig, terraform.toString(), "validate", "-no-color");
        assertEquals(0, validate.exit, validate.output);
        assertTrue(validate.output.contains("The configuration is valid"), validate.output);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, Path cliConfig, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("TF_CLI_CONFIG_FILE", cliConfig.toAbsolutePath().toString());
        builder.environment().put("TF_IN_AUTOMATION", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "terraform finished within two minutes");
        return new Result(process.exitValue(), output);
    }

    private static Path onPath(String program) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
