package dev.multivendor.vendora.infra;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vendor A's view of the kit: the schema's checks (shared-contracts) plus the ones only this stack can make. */
class OnboardingKitTest {

    @Test
    void readsTheCoreTeamsKitForVendorAAndPinsTheSourceArnToItsApi() throws Exception {
        OnboardingKit kit = OnboardingKit.load(Synth.KITS.resolve("vendor-a.json"));

        assertEquals(new OnboardingKit("vendor-a", "eu-west-1", "111111111111", "a1b2c3d4e5", "vendor"), kit);
        assertEquals("arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5/*/*/*", kit.sourceArn());
    }

    @Test
    void readsTheSchemasOwnExampleKit() throws Exception {
        OnboardingKit kit = OnboardingKit.load(java.nio.file.Path.of(
                "../../shared-contracts/src/main/resources/onboarding-kit/v1/example.json"));

        assertEquals("a1b2c3d4e5", kit.apiId());
    }

    @Test
    void refusesAWildcardApiIdNamingFileLineAndField() {
        KitException refused = assertThrows(KitException.class,
                () -> OnboardingKit.load(Synth.KITS.resolve("wildcard-api-id.json")));

        assertTrue(refused.getMessage().startsWith(Synth.KITS.resolve("wildcard-api-id.json") + ":6: field /apiId: "
                + "does not match the regex pattern ^[a-z0-9]{10}$"), refused.getMessage());
    }

    @Test
    void refusesAMalformedApiIdSayingWhatAnApiIdIs() {
        KitException refused = assertThrows(KitException.class,
                () -> OnboardingKit.load(Synth.KITS.resolve("malformed-api-id.json")));

        assertTrue(refused.getMessage().contains(":6: field /apiId: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("ten lower-case letters and digits"), refused.getMessage());
    }

    @Test
    void refusesAKitWithoutAnApiId() {
        KitException refused = assertThrows(KitException.class,
                () -> OnboardingKit.load(Synth.KITS.resolve("missing-api-id.json")));

        assertTrue(refused.getMessage().contains("field /apiId: is missing"), refused.getMessage());
    }

    @Test
    void refusesAnotherVendorsKit() {
        KitException refused = assertThrows(KitException.class,
                () -> OnboardingKit.load(Synth.KITS.resolve("other-vendor.json")));

        assertTrue(refused.getMessage().startsWith(Synth.KITS.resolve("other-vendor.json") + ":3: field /vendorId: "
                + "\"vendor-b\" must be \"vendor-a\""), refused.getMessage());
    }

    @Test
    void refusesAKitForAnHttpIntegration() {
        KitException refused = assertThrows(KitException.class,
                () -> OnboardingKit.load(Synth.KITS.resolve("http-integration.json")));

        assertTrue(refused.getMessage().contains(":8: field /integration: \"http\" must be \"lambda\""),
                refused.getMessage());
    }

    @Test
    void refusesACoreAccountIdThatIsNotTwelveDigits() {
        KitException refused = assertThrows(KitException.class,
                () -> OnboardingKit.load(Synth.KITS.resolve("bad-account.json")));

        assertTrue(refused.getMessage().contains(":5: field /coreAccountId: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("12-digit"), refused.getMessage());
    }

    @Test
    void refusesAKitFromBeforeVersionOneNamingTheFieldsThatChanged() {
        KitException refused = assertThrows(KitException.class,
                () -> OnboardingKit.load(Synth.KITS.resolve("pre-v1.json")));

        String message = refused.getMessage();
        assertTrue(message.contains("field /deployRoleArn: is not a field of onboarding kit v1"), message);
        assertTrue(message.contains("field /kitVersion: is missing"), message);
        assertTrue(message.contains("field /identities: is missing"), message);
    }

    @Test
    void reportsTheLineOfInvalidJson() {
        KitException refused = assertThrows(KitException.class,
                () -> OnboardingKit.load(Synth.KITS.resolve("not-json.json")));

        assertTrue(refused.getMessage().startsWith(Synth.KITS.resolve("not-json.json") + ":3: the kit: not valid JSON"),
                refused.getMessage());
    }

    @Test
    void saysWhereTheKitComesFromWhenTheFileIsMissing() {
        KitException refused = assertThrows(KitException.class,
                () -> OnboardingKit.load(Synth.KITS.resolve("absent.json")));

        assertTrue(refused.getMessage().contains("terraform output -json onboarding"), refused.getMessage());
    }
}
