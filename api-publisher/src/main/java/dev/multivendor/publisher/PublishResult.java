package dev.multivendor.publisher;

import java.util.Optional;

/**
 * How a release ended.
 *
 * @param deploymentId         the deployment created for this release
 * @param previousDeploymentId what the stage served before, empty on a first release
 * @param rollbackDeploymentId the deployment that restored the previous definition, when there was a rollback
 */
public record PublishResult(Outcome outcome, String deploymentId, Optional<String> previousDeploymentId,
                            Optional<String> rollbackDeploymentId, String detail) {

    public enum Outcome {
        /** Imported, deployed, smoke test passed. */
        PUBLISHED,
        /** Smoke test failed; the previous definition was re-imported and deployed again. */
        ROLLED_BACK,
        /** Smoke test failed and there was nothing to roll back to, or the rollback itself failed. */
        FAILED_WITHOUT_ROLLBACK
    }

    public boolean succeeded() {
        return outcome == Outcome.PUBLISHED;
    }
}
