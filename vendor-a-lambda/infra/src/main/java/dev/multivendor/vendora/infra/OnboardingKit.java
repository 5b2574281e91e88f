package dev.multivendor.vendora.infra;

import dev.multivendor.contracts.kit.InvalidKitException;
import dev.multivendor.contracts.kit.OnboardingKitSchema;

import java.nio.file.Path;

/**
 * The part of the core team's onboarding kit this stack needs: which API (id, region, core account) may invoke
 * vendor A's function, and the tag key that marks vendor resources. The kit is core-infra's
 * {@code terraform output -json onboarding | jq '."vendor-a"'}; it is validated whole against the onboarding kit
 * schema in shared-contracts ({@link OnboardingKitSchema#RESOURCE}), then checked for what the schema cannot know:
 * that it is vendor A's kit, for a Lambda integration.
 */
public record OnboardingKit(String vendorId, String region, String coreAccountId, String apiId, String vendorTagKey) {

    /** The vendor this stack belongs to: a kit for another vendor's API is refused. */
    public static final String VENDOR_ID = "vendor-a";

    /** The only callers allowed: any stage, method and path of this one API in the core account. */
    public String sourceArn() {
        return "arn:aws:execute-api:" + region + ":" + coreAccountId + ":" + apiId + "/*/*/*";
    }

    public static OnboardingKit load(Path file) throws KitException {
        dev.multivendor.contracts.kit.OnboardingKit kit;
        try {
            kit = dev.multivendor.contracts.kit.OnboardingKit.load(file);
        } catch (InvalidKitException e) {
            throw new KitException(e.getMessage());
        }
        if (!VENDOR_ID.equals(kit.vendorId())) {
            throw new KitException(kit.problem("/vendorId", "\"" + kit.vendorId() + "\" must be \"" + VENDOR_ID
                    + "\": this stack deploys vendor A's function, so it takes vendor A's kit only").toString());
        }
        if (!"lambda".equals(kit.integration())) {
            throw new KitException(kit.problem("/integration", "\"" + kit.integration() + "\" must be \"lambda\": "
                    + "this stack deploys a Lambda function for the core API to invoke").toString());
        }
        return new OnboardingKit(kit.vendorId(), kit.region(), kit.coreAccountId(), kit.apiId(), kit.vendorTagKey());
    }
}
