package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multivendor.coreinfra.Registry.Vendor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads each identity's and function role's IAM policies back out of a synthesized stack, as an IAM engine needs them:
 * with the API ids a {@code terraform apply} would assign put in. For tests (the isolation matrices here, the
 * publisher cross-check in system-tests through the test-jar): the stack itself never reads its own output.
 */
public final class SynthesizedPolicies {

    private SynthesizedPolicies() {
    }

    /**
     * Every identity's synthesized deploy policy and boundary, keyed "vendor/identity", with the Terraform reference to
     * its API id replaced by the given id (as after {@code terraform apply}). Vendors missing from {@code apiIds} are
     * left out.
     */
    public static Map<String, VendorPolicies> identityPolicies(SynthesizedStack stack, Map<String, String> apiIds) {
        Registry registry = stack.registry();
        JsonNode identities = stack.json().path("locals").path("vendor_identities");
        Map<String, VendorPolicies> result = new LinkedHashMap<>();
        String account = registry.coreAccountId();
        for (Vendor vendor : registry.vendors()) {
            String apiId = apiIds.get(vendor.id());
            if (apiId == null) {
                continue;
            }
            for (Registry.Identity identity : vendor.identities()) {
                String key = Names.identityKey(vendor.id(), identity.name());
                JsonNode i = identities.path(key);
                // Terraform reads $${ in these strings as a literal ${ (IAM policy variables of the single-account model).
                String deploy = fromLiteral(i.path("policy").asText());
                String boundary = fromLiteral(i.path("boundary").asText());
                if (deploy.isEmpty() || boundary.isEmpty()) {
                    throw new IllegalStateException("no synthesized policies for " + key + " in " + stack.stackFile());
                }
                boolean user = identity.kind() == Registry.IdentityKind.IAM_USER;
                String principal = user ? IdentityArns.userArn(account, vendor.id())
                        : IdentityArns.roleArn(account, vendor.id(), identity.name());
                // The same substitution the synthesized aws_iam_policy resources make with replace() at apply.
                result.put(key, new VendorPolicies(vendor.id(), identity.name(), identity.stages(), apiId,
                        registry.region(), account, principal,
                        deploy.replace(TerraformText.API_ID_PLACEHOLDER, apiId),
                        boundary.replace(TerraformText.API_ID_PLACEHOLDER, apiId)));
            }
        }
        return result;
    }

    /** Per vendor, the identity that releases its last registered stage (production, by convention). */
    public static Map<String, VendorPolicies> vendorPolicies(SynthesizedStack stack, Map<String, String> apiIds) {
        Map<String, VendorPolicies> all = identityPolicies(stack, apiIds);
        Map<String, VendorPolicies> result = new LinkedHashMap<>();
        for (Vendor vendor : stack.registry().vendors()) {
            String last = vendor.stageNames().get(vendor.stageNames().size() - 1);
            vendor.deployerOf(last).map(i -> all.get(Names.identityKey(vendor.id(), i.name())))
                    .ifPresent(p -> result.put(vendor.id(), p));
        }
        return result;
    }

    /**
     * Single-account model: the synthesized identity policy and boundary of each vendor's function role, keyed by
     * vendor id, as {@code [policy, boundary]}; empty in the vendor-accounts model.
     */
    public static Map<String, List<String>> functionRolePolicies(SynthesizedStack stack) {
        JsonNode vendors = stack.json().path("locals").path("vendors");
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Vendor vendor : stack.registry().vendors()) {
            JsonNode v = vendors.path(vendor.id());
            if (v.has("function_policy")) {
                result.put(vendor.id(), List.of(fromLiteral(v.path("function_policy").asText()),
                        fromLiteral(v.path("function_boundary").asText())));
            }
        }
        return result;
    }

    /** What Terraform makes of {@link TerraformText#literal} text: the original. */
    static String fromLiteral(String text) {
        return text.replace("$${", "${").replace("%%{", "%{");
    }
}
