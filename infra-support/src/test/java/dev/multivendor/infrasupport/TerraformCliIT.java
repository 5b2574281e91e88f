package dev.multivendor.infrasupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real terraform, offline, with the AWS provider from the mirror. Skipped with the reason where it cannot run. */
class TerraformCliIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String PROVIDER = "{\"terraform\":{\"required_providers\":{\"aws\":{\"source\":"
            + "\"hashicorp/aws\",\"version\":\"" + TerraformCli.PROVIDER_CONSTRAINT + "\"}}},"
            + "\"provider\":{\"aws\":[{\"region\":\"eu-west-1\"}]},";

    @TempDir
    Path dir;

    @BeforeEach
    void terraformCanRunOffline() {
        Optional<String> reason = TerraformCli.unavailable(System.getenv());
        assumeTrue(reason.isEmpty(), () -> reason.orElse("") + ": skipping");
    }

    @Test
    void aValidConfigurationValidatesWithTheMirroredProvider() throws Exception {
        Files.writeString(dir.resolve("main.tf.json"), PROVIDER
                + "\"resource\":{\"aws_cloudwatch_log_group\":{\"logs\":{\"name\":\"/example\"}}}}");

        TerraformCli.Result result = TerraformCli.validate(dir, TerraformCli.mirror(System.getenv()), TIMEOUT);

        assertEquals(0, result.exit(), result.output());
        JsonNode report = new ObjectMapper().readTree(result.output());
        assertTrue(report.path("valid").asBoolean(), result.output());
    }

    @Test
    void anUnknownArgumentIsReportedInvalid() throws Exception {
        Files.writeString(dir.resolve("main.tf.json"), PROVIDER
                + "\"resource\":{\"aws_cloudwatch_log_group\":{\"logs\":{\"nmae\":\"/example\"}}}}");

        TerraformCli.Result result = TerraformCli.validate(dir, TerraformCli.mirror(System.getenv()), TIMEOUT);

        JsonNode report = new ObjectMapper().readTree(result.output());
        assertFalse(report.path("valid").asBoolean(), result.output());
        assertTrue(result.output().contains("nmae"), result.output());
    }
}
