package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multivendor.coreinfra.Registry.Vendor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
     * Every vendor's synthesized deploy policy and boundary, with the Terraform reference to its API id replaced
     * by the given id (as after {@code terraform apply}). Vendors missing from {@code apiIds} are left out.
     */
    public Map<String, VendorPolicies> vendorPolicies(Map<String, String> apiIds) {
        JsonNode vendors = json().path("locals").path("vendors");
        Map<String, VendorPolicies> result = new LinkedHashMap<>();
        for (Vendor vendor : registry.vendors()) {
            String apiId = apiIds.get(vendor.id());
            if (apiId == null) {
                continue;
            }
            JsonNode v = vendors.path(vendor.id());
            // Terraform reads $${ in these strings as a literal ${ (IAM policy variables of the single-account model).
            String deploy = CoreStack.fromTerraformLiteral(v.path("deploy_policy").asText());
            String boundary = CoreStack.fromTerraformLiteral(v.path("boundary").asText());
            if (deploy.isEmpty() || boundary.isEmpty()) {
                throw new IllegalStateException("no synthesized policies for " + vendor.id() + " in " + stackFile);
            }
            // The same substitution the synthesized aws_iam_policy resources make with replace() at apply.
            result.put(vendor.id(), new VendorPolicies(vendor.id(), apiId, registry.region(),
                    registry.coreAccountId(), Names.roleArn(registry.coreAccountId(), vendor.id()),
                    vendor.iamUser() ? Optional.of(Names.userArn(registry.coreAccountId(), vendor.id()))
                            : Optional.empty(),
                    deploy.replace(CoreStack.API_ID_PLACEHOLDER, apiId),
                    boundary.replace(CoreStack.API_ID_PLACEHOLDER, apiId)));
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
                result.put(vendor.id(), java.util.List.of(CoreStack.fromTerraformLiteral(v.path("function_policy").asText()),
                        CoreStack.fromTerraformLiteral(v.path("function_boundary").asText())));
            }
        }
        return result;
    }
}
