package dev.multivendor.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core plan check on a plan recorded from a real run (terraform show -json of the core plan after vendor A's
 * release on moto 5.2.1), and on the same plan with one change the allow-list must not explain.
 */
class PlanCheckTest {

    private static final String RECORDED = "core-plan-after-vendor-a-release.json";

    @Test
    void theRecordedPlanAfterAReleaseChangesOnlyAllowListedEmulatorGaps() {
        PlanCheck.Verdict v = PlanCheck.check(Recorded.json(RECORDED), PlanCheck.MOTO_GAPS);

        assertTrue(v.clean(), PlanCheck.describe(v));
        assertEquals(List.of("aws_api_gateway_method_settings.throttle[\"vendor-a/dev\"]",
                        "aws_api_gateway_stage.stage[\"vendor-a/dev\"]", "aws_iam_user.user[\"vendor-a\"]",
                        "aws_iam_user.user[\"vendor-b\"]"),
                v.explained().stream().map(PlanCheck.Change::address).toList());
    }

    @Test
    void withoutTheAllowListTheSamePlanIsNotEmpty() {
        PlanCheck.Verdict v = PlanCheck.check(Recorded.json(RECORDED), List.of());

        assertFalse(v.clean());
        assertEquals(4, v.unexpected().size(), PlanCheck.describe(v));
    }

    @Test
    void aCorePlanThatWouldMoveAVendorsStageToAnotherDeploymentFails() {
        ObjectNode plan = (ObjectNode) Recorded.json(RECORDED);
        ObjectNode change = (ObjectNode) find(plan, "aws_api_gateway_stage.stage[\"vendor-a/dev\"]").path("change");
        ((ObjectNode) change.path("after")).put("deployment_id", "core0000ab");

        PlanCheck.Verdict v = PlanCheck.check(plan, PlanCheck.MOTO_GAPS);

        assertFalse(v.clean());
        assertEquals("aws_api_gateway_stage.stage[\"vendor-a/dev\"]", v.unexpected().get(0).address());
        assertTrue(v.unexpected().get(0).attributes().contains("deployment_id"), PlanCheck.describe(v));
        assertTrue(PlanCheck.describe(v).startsWith("1 unexpected change(s): aws_api_gateway_stage.stage"),
                PlanCheck.describe(v));
    }

    @Test
    void aCorePlanThatChangesAVendorsDeployRoleFails() {
        ObjectNode plan = (ObjectNode) Recorded.json(RECORDED);
        ObjectNode role = find(plan, "aws_iam_role.deploy_role[\"vendor-b\"]").deepCopy();
        ObjectNode change = (ObjectNode) role.path("change");
        change.putArray("actions").add("update");
        ((ObjectNode) change.path("after")).put("max_session_duration", 43200);
        ((ArrayNode) plan.path("resource_changes")).add(role);

        PlanCheck.Verdict v = PlanCheck.check(plan, PlanCheck.MOTO_GAPS);

        assertFalse(v.clean());
        assertEquals(List.of("aws_iam_role.deploy_role[\"vendor-b\"] update (max_session_duration)"),
                v.unexpected().stream().map(PlanCheck.Change::toString).toList());
    }

    @Test
    void aStageChangeOutsideTheResetAttributesIsNotExplainedByTheGap() {
        ObjectNode plan = (ObjectNode) Recorded.json(RECORDED);
        ObjectNode change = (ObjectNode) find(plan, "aws_api_gateway_stage.stage[\"vendor-a/dev\"]").path("change");
        ((ObjectNode) change.path("after")).put("cache_cluster_enabled", true);

        assertFalse(PlanCheck.check(plan, PlanCheck.MOTO_GAPS).clean());
    }

    @Test
    void aDestroyedResourceIsNeverAllowListed() {
        ObjectNode plan = (ObjectNode) Recorded.json(RECORDED);
        ObjectNode change = (ObjectNode) find(plan, "aws_iam_user.user[\"vendor-a\"]").path("change");
        change.putArray("actions").add("delete").add("create");

        PlanCheck.Verdict v = PlanCheck.check(plan, PlanCheck.MOTO_GAPS);

        assertEquals(List.of("aws_iam_user.user[\"vendor-a\"]"),
                v.unexpected().stream().map(PlanCheck.Change::address).toList());
    }

    @Test
    void aChangedOutputFails() {
        ObjectNode plan = (ObjectNode) Recorded.json(RECORDED);
        ((ObjectNode) plan.path("output_changes").path("onboarding")).putArray("actions").add("update");

        PlanCheck.Verdict v = PlanCheck.check(plan, PlanCheck.MOTO_GAPS);

        assertEquals(List.of("output onboarding update"), v.outputChanges());
        assertFalse(v.clean());
    }

    @Test
    void everyAllowListEntryNamesItsReasonAndMotoSourceLine() {
        for (PlanCheck.AllowedDrift d : PlanCheck.MOTO_GAPS) {
            assertFalse(d.reason().isBlank(), d.label());
            assertTrue(d.motoSource().matches("moto/[a-z_/]+\\.py:\\d+.*"), d.motoSource());
        }
    }

    private static ObjectNode find(JsonNode plan, String address) {
        for (JsonNode rc : plan.path("resource_changes")) {
            if (rc.path("address").asText().equals(address)) {
                return (ObjectNode) rc;
            }
        }
        throw new AssertionError("recorded plan has no " + address);
    }
}
