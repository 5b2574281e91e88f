package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multivendor.coreinfra.Registry.Vendor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The synthesized Terraform JSON of the core stack, and what can be read back out of it. */
public final class SynthesizedStack {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Registry registry;
    private final Path outdir;
    private final Path stackFile;

    SynthesizedStack(Registry registry, Path outdir, Path stackFile) {
        this.registry = registry;
        this.outdir = outdir;
        this.stackFile = stackFile;
    }

    public Registry registry() {
        return registry;
    }

    public Path outdir() {
        return outdir;
    }

    /** {@code <outdir>/stacks/core}: the directory to run {@code terraform init/validate/plan} in. */
    public Path stackDir() {
        return stackFile.getParent();
    }

    public Path stackFile() {
        return stackFile;
    }

    public JsonNode json() {
        try {
            return JSON.readTree(stackFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stackFile, e);
        }
    }

    /**
     * Every identity's synthesized deploy policy and boundary, keyed "vendor/identity", with the Terraform reference to
     * its API id replaced by the given id (as after {@code terraform apply}). Vendors missing from {@code apiIds} are
     * left out.
     */
    public Map<String, VendorPolicies> identityPolicies(Map<String, String> apiIds) {
        JsonNode identities = json().path("locals").path("vendor_identities");
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
                String deploy = TerraformText.fromLiteral(i.path("policy").asText());
                String boundary = TerraformText.fromLiteral(i.path("boundary").asText());
                if (deploy.isEmpty() || boundary.isEmpty()) {
                    throw new IllegalStateException("no synthesized policies for " + key + " in " + stackFile);
                }
                boolean user = identity.kind() == Registry.IdentityKind.IAM_USER;
                String principal = user ? Names.userArn(account, vendor.id())
                        : Names.roleArn(account, vendor.id(), identity.name());
                // The same substitution the synthesized aws_iam_policy resources make with replace() at apply.
                result.put(key, new VendorPolicies(vendor.id(), identity.name(), identity.stages(), apiId,
                        registry.region(), account, principal,
                        deploy.replace(TerraformText.API_ID_PLACEHOLDER, apiId),
                        boundary.replace(TerraformText.API_ID_PLACEHOLDER, apiId)));
            }
        }
        return result;
    }

    /**
     * Per vendor, the identity that releases its last registered stage (production, by convention): what callers
     * written before one identity per environment checked. New code uses {@link #identityPolicies}.
     */
    public Map<String, VendorPolicies> vendorPolicies(Map<String, String> apiIds) {
        Map<String, VendorPolicies> all = identityPolicies(apiIds);
        Map<String, VendorPolicies> result = new LinkedHashMap<>();
        for (Vendor vendor : registry.vendors()) {
            String last = vendor.stageNames().get(vendor.stageNames().size() - 1);
            vendor.deployerOf(last).map(i -> all.get(Names.identityKey(vendor.id(), i.name())))
                    .ifPresent(p -> result.put(vendor.id(), p));
        }
        return result;
    }

    /**
     * The identity that deploys the vendor's {@code stage} (its CI role for it, else the IAM user), per vendor: for
     * callers that check what a release to that stage needs.
     */
    public Map<String, VendorPolicies> deployerPolicies(Map<String, String> apiIds, String stage) {
        Map<String, VendorPolicies> all = identityPolicies(apiIds);
        Map<String, VendorPolicies> result = new LinkedHashMap<>();
        for (Vendor vendor : registry.vendors()) {
            vendor.deployerOf(stage).map(i -> all.get(Names.identityKey(vendor.id(), i.name())))
                    .ifPresent(p -> result.put(vendor.id(), p));
        }
        return result;
    }

    /**
     * Single-account model: the synthesized identity policy and boundary of each vendor's function role, keyed by
     * vendor id, as {@code [policy, boundary]}; empty in the vendor-accounts model.
     */
    public Map<String, java.util.List<String>> functionRolePolicies() {
        JsonNode vendors = json().path("locals").path("vendors");
        Map<String, java.util.List<String>> result = new LinkedHashMap<>();
        for (Vendor vendor : registry.vendors()) {
            JsonNode v = vendors.path(vendor.id());
            if (v.has("function_policy")) {
                result.put(vendor.id(), java.util.List.of(TerraformText.fromLiteral(v.path("function_policy").asText()),
                        TerraformText.fromLiteral(v.path("function_boundary").asText())));
            }
        }
        return result;
    }
}
