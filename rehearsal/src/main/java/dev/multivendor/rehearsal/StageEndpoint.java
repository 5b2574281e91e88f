package dev.multivendor.rehearsal;

import java.net.URI;

/**
 * Where a release's smoke test goes. moto has no API Gateway data plane in server mode, so the rehearsal supplies
 * one: by default {@link DeployedRouteProbe}; the rehearsal gateway (package {@code gateway}) replaces it with a
 * data plane that forwards to the vendors' backends ({@link RehearsalEnvironment#useStageEndpoint}).
 */
public interface StageEndpoint {

    /** The smoke test the publisher runs: its {@code --invoke-url}, {@code --smoke-path} and {@code --smoke-expect}. */
    record SmokeTarget(URI invokeUrl, String smokePath, int expectStatus) {
    }

    /**
     * @param pipelineSmokePath   what the vendor's pipeline GETs after deploying
     * @param pipelineExpect      the status its pipeline expects from its backend
     */
    SmokeTarget smokeTarget(String vendorId, String apiId, String stage, String pipelineSmokePath, int pipelineExpect);
}
