package dev.multivendor.rehearsal;

import java.util.List;

/**
 * The source's promise on the control plane: one vendor's release leaves another vendor's API exactly as it was
 * (byte-identical definition, deployments and stages), and does change its own API (a new deployment).
 */
public final class IndependenceCheck {

    public record Result(boolean independent, List<String> otherChanges, int ownNewDeployments, String otherSha256) {

        public String describe() {
            if (!independent) {
                return otherChanges.isEmpty()
                        ? "the releasing vendor's own API got no new deployment (" + ownNewDeployments + ")"
                        : otherChanges.size() + " difference(s): " + String.join("; ",
                        otherChanges.subList(0, Math.min(5, otherChanges.size())));
            }
            return "vendor B's API byte-identical (sha256 " + otherSha256.substring(0, 16) + "...), vendor A's API "
                    + ownNewDeployments + " new deployment(s)";
        }
    }

    private IndependenceCheck() {
    }

    /**
     * @param otherBefore / otherAfter the other vendor's API around the release
     * @param ownBefore / ownAfter     the releasing vendor's API around the release
     */
    public static Result check(ApiSnapshot otherBefore, ApiSnapshot otherAfter, ApiSnapshot ownBefore,
                               ApiSnapshot ownAfter) {
        List<String> changes = otherBefore.sameBytes(otherAfter) ? List.of() : otherBefore.differences(otherAfter);
        if (!otherBefore.sameBytes(otherAfter) && changes.isEmpty()) {
            changes = List.of("bytes differ");
        }
        int newDeployments = ownAfter.deploymentCount() - ownBefore.deploymentCount();
        return new Result(changes.isEmpty() && newDeployments >= 1, changes, newDeployments, otherAfter.sha256());
    }
}
