package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multivendor.infrasupport.StateBackend;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core stack's state (infra-support's StateBackend with the CORE prefix): a local file unless CORE_STATE_BUCKET
 * names the S3 bucket CI plans and applies with.
 */
class StateBackendTest {

    @Test
    void withoutABucketTheStateIsALocalFileOutsideTheSynthOutput() {
        StateBackend backend = CoreSynth.stateBackend(Map.of("CORE_STATE_LOCK_TABLE", "ignored-without-bucket"));

        assertTrue(backend.isLocal());
        assertEquals(CoreSynth.LOCAL_STATE_PATH, backend.localPath());
        JsonNode terraform = Synths.synth("shipped", Synths.shipped()).json().path("terraform").path("backend");
        assertEquals(CoreSynth.LOCAL_STATE_PATH, terraform.path("local").path("path").asText());
        assertFalse(terraform.has("s3"));
    }

    @Test
    void aBucketFromTheEnvironmentGivesAnEncryptedS3BackendInTheRegistrysRegion() {
        StateBackend backend = CoreSynth.stateBackend(Map.of(
                "CORE_STATE_BUCKET", "core-tfstate-111111111111", "CORE_STATE_LOCK_TABLE", "core-tflock"));

        JsonNode json = CoreSynth.synthesize(Synths.shipped(),
                Synths.moduleDir().resolve("target/synth-tests/s3-backend"), backend).json();

        JsonNode backends = json.path("terraform").path("backend");
        assertFalse(backends.has("local"), backends.toString());
        JsonNode s3 = backends.path("s3");
        assertEquals("core-tfstate-111111111111", s3.path("bucket").asText());
        assertEquals(CoreSynth.DEFAULT_STATE_KEY, s3.path("key").asText());
        assertEquals("eu-west-1", s3.path("region").asText());
        assertEquals("core-tflock", s3.path("dynamodb_table").asText());
        assertTrue(s3.path("encrypt").asBoolean(), s3.toString());
        assertEquals("s3://core-tfstate-111111111111/core-infra/terraform.tfstate (lock table core-tflock)",
                backend.describe());
    }

    @Test
    void aBlankBucketMeansLocalAndABlankKeyMeansTheDefaultKey() {
        assertTrue(CoreSynth.stateBackend(Map.of("CORE_STATE_BUCKET", "  ")).isLocal());
        StateBackend s3 = CoreSynth.stateBackend(Map.of("CORE_STATE_BUCKET", "b", "CORE_STATE_KEY", ""));
        assertEquals(CoreSynth.DEFAULT_STATE_KEY, s3.key());
        assertTrue(s3.lockTable().isEmpty());
    }
}
