package dev.multivendor.infrasupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.TerraformStack;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateBackendTest {

    private static final String LOCAL = "terraform.example.tfstate";
    private static final String DEFAULT_KEY = "example/terraform.tfstate";

    private static StateBackend fromEnv(Map<String, String> env) {
        return StateBackend.fromEnvironment(env, "EXAMPLE", DEFAULT_KEY, LOCAL);
    }

    @Test
    void withoutABucketTheStateIsTheLocalFile() {
        StateBackend backend = fromEnv(Map.of("EXAMPLE_STATE_LOCK_TABLE", "ignored-without-bucket"));

        assertTrue(backend.isLocal());
        assertEquals("local file " + LOCAL, backend.describe());
    }

    @Test
    void aBlankBucketMeansLocalAndABlankKeyOrLockTableMeansTheDefault() {
        assertTrue(fromEnv(Map.of("EXAMPLE_STATE_BUCKET", "  ")).isLocal());

        StateBackend s3 = fromEnv(Map.of("EXAMPLE_STATE_BUCKET", " b ", "EXAMPLE_STATE_KEY", "",
                "EXAMPLE_STATE_LOCK_TABLE", " "));
        assertEquals("b", s3.bucket());
        assertEquals(DEFAULT_KEY, s3.key());
        assertTrue(s3.lockTable().isEmpty());
        assertEquals("s3://b/" + DEFAULT_KEY, s3.describe());
    }

    @Test
    void eachStackReadsOnlyItsOwnPrefix() {
        assertTrue(fromEnv(Map.of("CORE_STATE_BUCKET", "core-bucket")).isLocal());
    }

    @Test
    void anS3BackendWithoutAKeyCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class,
                () -> new StateBackend("b", " ", java.util.Optional.empty(), LOCAL));
    }

    @Test
    void theLocalBackendIsWrittenWithItsRelativePath() throws Exception {
        JsonNode backend = synth(StateBackend.local(LOCAL)).path("terraform").path("backend");

        assertEquals(LOCAL, backend.path("local").path("path").asText());
        assertFalse(backend.has("s3"));
    }

    @Test
    void theS3BackendIsEncryptedInTheGivenRegionWithTheLockTable() throws Exception {
        JsonNode s3 = synth(fromEnv(Map.of("EXAMPLE_STATE_BUCKET", "state-bucket", "EXAMPLE_STATE_KEY", "k/state",
                "EXAMPLE_STATE_LOCK_TABLE", "locks"))).path("terraform").path("backend").path("s3");

        assertEquals("state-bucket", s3.path("bucket").asText());
        assertEquals("k/state", s3.path("key").asText());
        assertEquals("eu-west-1", s3.path("region").asText());
        assertEquals("locks", s3.path("dynamodb_table").asText());
        assertTrue(s3.path("encrypt").asBoolean());
    }

    private static JsonNode synth(StateBackend backend) throws Exception {
        App app = Testing.app();
        TerraformStack stack = new TerraformStack(app, "example");
        backend.addTo(stack, "eu-west-1");
        return new ObjectMapper().readTree(Testing.synth(stack));
    }
}
