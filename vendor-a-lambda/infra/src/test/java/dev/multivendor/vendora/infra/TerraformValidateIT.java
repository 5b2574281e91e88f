package dev.multivendor.vendora.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multivendor.infrasupport.TerraformCli;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code terraform validate} on the synthesized stack, offline, with the provider from the local mirror
 * (TF_PROVIDER_MIRROR; see infra-support's TerraformCli). Skipped, with what is missing, without terraform or mirror.
 */
class TerraformValidateIT {

    @Test
    void terraformFindsTheSynthesizedStackValid() throws Exception {
        Optional<String> unavailable = TerraformCli.unavailable(System.getenv());
        assumeTrue(unavailable.isEmpty(), () -> unavailable.orElse("") + ": skipping terraform validate");

        Path dir = Files.createDirectories(Path.of("target", "terraform-validate"));
        Files.write(dir.resolve("function.jar"), new byte[0]); // filebase64sha256 needs a file to exist
        ObjectMapper json = new ObjectMapper();
        ObjectNode stack = (ObjectNode) json.readTree(Synth.json(Synth.localState(), "function.jar"));
        Files.writeString(dir.resolve("cdk.tf.json"), TerraformCli.allowMirroredProvider(stack).toPrettyString());

        TerraformCli.Result validate = TerraformCli.validate(dir, TerraformCli.mirror(System.getenv()),
                Duration.ofMinutes(2));

        assertEquals(0, validate.exit(), validate.output());
        JsonNode report = json.readTree(validate.output());
        assertTrue(report.path("valid").asBoolean(), validate.output());
        assertEquals(0, report.path("error_count").asInt(), validate.output());
    }
}
