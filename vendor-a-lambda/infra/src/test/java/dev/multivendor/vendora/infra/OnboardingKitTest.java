package dev.multivendor.vendora.infra;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnboardingKitTest {

    @Test
    void readsTheCoreTeamsKitForVendorAAndPinsTheSourceArnToItsApi() throws Exception {
        OnboardingKit kit = OnboardingKit.load(Synth.KITS.resolve("vendor-a.json"));

        assertEquals(new OnboardingKit("vendor-a", "eu-west-1", "111111111111", "a1b2c3d4e5"), kit);
        assertEquals("arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5/*/*/*", kit.sourceArn());
    }

    @Test
    void refusesAWildcardApiIdNamingFileLineAndField() {
        KitException refused = assertThrows(KitException.class,
                () -> OnboardingKit.load(Synth.KITS.resolve("wildcard-api-id.json")));

        assertTrue(refused.getMessage().startsWith(Synth.KITS.resolve("wildcard-api-id.json") + ":2: field apiId:"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("is a wildcard"), refused.getMessage());
    }

    @Test
    void refusesAMalformedApiId() {
        KitException refused = assertThrows(KitException.class,
                () -> OnboardingKit.load(Synth.KITS.resolve("malformed-api-id.json")));

        assertTrue(refused.getMessage().contains(":2: field apiId: \"A1B2-C3D4\" must be the REST API id"),
                refused.getMessage());
    }

    @Test
    void refusesAKitWithoutAnApiId() {
        KitException refused = assertThrows(KitException.class,
                () -> OnboardingKit.load(Synth.KITS.resolve("missing-api-id.json")));

        assertTrue(refused.getMessage().contains("field apiId is missing"), refused.getMessage());
    }

    @Test
    void refusesAnotherVendorsKit() {
        KitException refused = assertThrows(KitException.class,
                () -> OnboardingKit.load(Synth.KITS.resolve("other-vendor.json")));

        assertTrue(refused.getMessage().contains("field vendorId: \"vendor-b\" must be \"vendor-a\""), refused.getMessage());
    }

    @Test
    void refusesACoreAccountIdThatIsNotTwelveDigits() {
        KitException refused = assertThrows(KitException.class,
                () -> OnboardingKit.load(Synth.KITS.resolve("bad-account.json")));

        assertTrue(refused.getMessage().contains("field coreAccountId: \"1111\""), refused.getMessage());
    }

    @Test
    void reportsTheLineOfInvalidJson() {
        KitException refused = assertThrows(KitException.class,
                () -> OnboardingKit.load(Synth.KITS.resolve("not-json.json")));

        assertTrue(refused.getMessage().startsWith(Synth.KITS.resolve("not-json.json") + ":3: not valid JSON"),
                refused.getMessage());
    }

    @Test
    void saysWhereTheKitComesFromWhenTheFileIsMissing() {
        KitException refused = assertThrows(KitException.class,
                () -> OnboardingKit.load(Synth.KITS.resolve("absent.json")));

        assertTrue(refused.getMessage().contains("terraform output -json onboarding"), refused.getMessage());
    }
}
