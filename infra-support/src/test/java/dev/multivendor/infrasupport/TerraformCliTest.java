package dev.multivendor.infrasupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerraformCliTest {

    @Test
    void theMirrorIsTfProviderMirrorOrTheDefault() {
        assertEquals(Path.of("/srv/mirror"), TerraformCli.mirror(Map.of("TF_PROVIDER_MIRROR", "/srv/mirror")));
        assertEquals(Path.of(TerraformCli.DEFAULT_MIRROR), TerraformCli.mirror(Map.of("TF_PROVIDER_MIRROR", " ")));
        assertEquals(Path.of(TerraformCli.DEFAULT_MIRROR), TerraformCli.mirror(Map.of()));
    }

    @Test
    void theCliConfigurationTakesProvidersFromTheMirrorAndNeverFromTheNetwork(@TempDir Path dir) throws Exception {
        Path file = TerraformCli.writeCliConfig(dir.resolve("sub/terraform.rc"), Path.of("/srv/mirror"));

        String text = Files.readString(file);
        assertTrue(text.contains("filesystem_mirror {\n    path    = \"/srv/mirror\""), text);
        assertTrue(text.contains("direct {\n    exclude = [\"registry.terraform.io/*/*\"]"), text);
        assertEquals(file.toAbsolutePath().toString(), TerraformCli.environment(file).get("TF_CLI_CONFIG_FILE"));
    }

    @Test
    void withoutTerraformOnThePathTheReasonSaysHowToInstallIt() {
        String reason = TerraformCli.unavailable(Map.of("PATH", "")).orElseThrow();

        assertTrue(reason.startsWith("terraform is not on the PATH: install Terraform"), reason);
    }

    @Test
    void withAnEmptyMirrorTheReasonNamesTheVariable(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fake = Files.writeString(bin.resolve("terraform"), "#!/bin/sh\n");
        assertTrue(fake.toFile().setExecutable(true));

        String reason = TerraformCli.unavailable(Map.of("PATH", bin.toString(), "TF_PROVIDER_MIRROR",
                dir.resolve("empty").toString())).orElseThrow();

        assertTrue(reason.startsWith("no AWS provider in the mirror " + dir.resolve("empty") + " (TF_PROVIDER_MIRROR)"),
                reason);
    }

    @Test
    void theExactProviderPinOfASynthesizedStackIsRelaxedToTheMirrorsMajorVersion() throws Exception {
        ObjectNode stack = (ObjectNode) new ObjectMapper().readTree(
                "{\"terraform\":{\"required_providers\":{\"aws\":{\"source\":\"aws\",\"version\":\"5.23.1\"}}}}");

        TerraformCli.allowMirroredProvider(stack);

        assertEquals(TerraformCli.PROVIDER_CONSTRAINT, stack.at("/terraform/required_providers/aws/version").asText());
    }
}
