package dev.multivendor.rehearsal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The independent-release check on control-plane snapshots recorded from real runs: vendor B's API before and
 * after vendor A's second release (normal run: identical), and after a release misdirected to vendor B's API.
 */
class IndependenceCheckTest {

    private static ApiSnapshot recorded(String name) {
        return ApiSnapshot.of(name, Recorded.json("snapshot-" + name + ".json"));
    }

    @Test
    void vendorBsApiUnchangedByVendorAsReleasePasses() {
        IndependenceCheck.Result r = IndependenceCheck.check(recorded("vendor-b-before"), recorded("vendor-b-after"),
                recorded("vendor-a-before"), recorded("vendor-a-after"));

        assertTrue(r.independent(), r.describe());
        assertEquals(1, r.ownNewDeployments());
        assertTrue(r.describe().startsWith("vendor B's API byte-identical"), r.describe());
    }

    @Test
    void aReleaseThatChangedVendorBsApiFailsNamingWhatChanged() {
        IndependenceCheck.Result r = IndependenceCheck.check(recorded("vendor-b-before-misdirected"),
                recorded("vendor-b-after-misdirected"), recorded("vendor-a-before-misdirected"),
                recorded("vendor-a-after-misdirected"));

        assertFalse(r.independent());
        assertTrue(r.otherChanges().stream().anyMatch(c -> c.startsWith("/deployments")), r.otherChanges().toString());
        assertTrue(r.describe().contains("difference(s)"), r.describe());
    }

    @Test
    void aReleaseThatCreatedNoDeploymentOnItsOwnApiFails() {
        IndependenceCheck.Result r = IndependenceCheck.check(recorded("vendor-b-before"), recorded("vendor-b-after"),
                recorded("vendor-a-after"), recorded("vendor-a-after"));

        assertFalse(r.independent());
        assertEquals(List.of(), r.otherChanges());
        assertTrue(r.describe().contains("no new deployment"), r.describe());
    }

    @Test
    void snapshotsAreComparedByteForByteNotByMeaningOnly() {
        ApiSnapshot before = recorded("vendor-b-before");
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) before.tree();
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("stages").get(0)).put("description", "changed");

        List<String> diff = before.differences(ApiSnapshot.of("x", tree));

        assertEquals(1, diff.size(), diff.toString());
        assertTrue(diff.get(0).startsWith("/stages/0/description"), diff.toString());
        assertFalse(before.sameBytes(ApiSnapshot.of("x", tree)));
        assertTrue(before.sameBytes(ApiSnapshot.of("x", before.tree())));
    }
}
