package dev.multivendor.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multivendor.contracts.kit.OnboardingKitSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VendorKitTest {

    @Test
    void aV1KitGivesEachStagesDeployRoleAndItsOidcSubjects() throws Exception {
        JsonNode example = Recorded.JSON.readTree(OnboardingKitSchema.exampleText());

        VendorKit kit = VendorKit.parse("vendor-a", example);

        assertEquals(1, kit.kitVersion());
        assertEquals("a1b2c3d4e5", kit.apiId());
        assertEquals("arn:aws:iam::111111111111:role/vendors/vendor-a-deploy", kit.roleArn("dev"));
        assertEquals(List.of("repo:vendor-a/feedback-api:environment:prod"), kit.subjects().get("prod"));
        assertEquals("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/dev", kit.invokeUrl("dev"));
    }

    @Test
    void theFlatKitOfBeforeV1IsStillRead() {
        JsonNode outputs = Recorded.json("core-outputs-flat-kit.json");

        VendorKit kit = VendorKit.fromOutputs(outputs).get("vendor-b");

        assertEquals(0, kit.kitVersion());
        assertEquals("wpaczxktz3", kit.apiId());
        assertEquals("arn:aws:iam::111111111111:role/vendors/vendor-b-deploy", kit.roleArn("prod"));
        assertTrue(kit.subjects().isEmpty());
    }

    @Test
    void aV1KitThatBreaksTheSchemaIsRefusedNamingTheVendor() throws Exception {
        ObjectNode example = (ObjectNode) Recorded.JSON.readTree(OnboardingKitSchema.exampleText());
        example.put("deployRoleArn", "arn:aws:iam::111111111111:role/vendors/vendor-a-deploy");

        StepFailure e = assertThrows(StepFailure.class, () -> VendorKit.parse("vendor-a", example));

        assertTrue(e.getMessage().startsWith("the core's kit for vendor-a is not a valid onboarding kit"), e.getMessage());
    }

    @Test
    void coreOutputsWithoutAnOnboardingOutputAreRefused() {
        StepFailure e = assertThrows(StepFailure.class, () -> VendorKit.fromOutputs(Recorded.JSON.createObjectNode()));

        assertTrue(e.getMessage().contains("no `onboarding` output"), e.getMessage());
    }
}
