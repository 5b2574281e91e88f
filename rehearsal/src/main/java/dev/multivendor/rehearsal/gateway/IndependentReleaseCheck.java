package dev.multivendor.rehearsal.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * The source's promise, checked with traffic: while one vendor releases, another vendor's API is untouched (same
 * deployment, same definition, same stage settings, no new deployment) and none of its requests fails.
 */
public final class IndependentReleaseCheck {

    /** What the control plane says about one vendor's stage at one moment. */
    public record ControlPlaneState(DeployedStage stage, List<String> deployments) {
    }

    private IndependentReleaseCheck() {
    }

    /** Reads one vendor's stage and deployments from the control plane. */
    public static ControlPlaneState capture(ControlPlaneReader reader, String apiId, String apiName, String stage) {
        DeployedStage deployed = reader.read(apiId, apiName, stage)
                .orElseThrow(() -> new IllegalStateException("stage " + stage + " of API " + apiId + " serves no deployment"));
        return new ControlPlaneState(deployed, reader.deployments(apiId));
    }

    /**
     * Everything that breaks the promise for {@code otherVendor} while someone else released: empty when it held.
     *
     * @param before          the other vendor's state before the release
     * @param after           the same after it
     * @param servedBefore    the deployment the gateway served the other vendor from before the release
     * @param servedAfter     the same after it
     * @param failedRequests  the other vendor's failed requests during the release
     */
    public static List<String> violations(String otherVendor, ControlPlaneState before, ControlPlaneState after,
                                          String servedBefore, String servedAfter, long failedRequests) {
        List<String> violations = new ArrayList<>();
        DeployedStage b = before.stage();
        DeployedStage a = after.stage();
        if (!b.deploymentId().equals(a.deploymentId())) {
            violations.add(otherVendor + "'s stage " + b.stageName() + " moved from deployment " + b.deploymentId() + " to "
                    + a.deploymentId());
        }
        if (!b.routes().equals(a.routes())) {
            violations.add(otherVendor + "'s deployed definition changed: " + b.routes().size() + " method(s) before, "
                    + a.routes().size() + " after");
        }
        if (!b.settings().equals(a.settings())) {
            violations.add(otherVendor + "'s stage settings changed: " + b.settings() + " -> " + a.settings());
        }
        if (!before.deployments().equals(after.deployments())) {
            List<String> added = new ArrayList<>(after.deployments());
            added.removeAll(before.deployments());
            violations.add(otherVendor + "'s API got new deployments " + added);
        }
        if (!servedBefore.equals(servedAfter)) {
            violations.add("the gateway served " + otherVendor + " from deployment " + servedBefore + " before and "
                    + servedAfter + " after");
        }
        if (failedRequests > 0) {
            violations.add(failedRequests + " of " + otherVendor + "'s requests failed during the release");
        }
        return violations;
    }
}
