package dev.multivendor.coreinfra;

import com.hashicorp.cdktf.MapTerraformIterator;
import com.hashicorp.cdktf.TerraformLocal;
import dev.multivendor.coreinfra.Registry.Identity;
import dev.multivendor.coreinfra.Registry.IdentityKind;
import dev.multivendor.coreinfra.Registry.Stage;
import dev.multivendor.coreinfra.Registry.Vendor;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.multivendor.coreinfra.TerraformText.API_ID_PLACEHOLDER;
import static dev.multivendor.coreinfra.TerraformText.literal;

/**
 * The registry as Terraform locals, one map per kind of per-vendor resource ({@code vendors}, {@code vendor_stages},
 * {@code vendor_identities}, {@code vendor_roles}, {@code vendor_users}), each keyed by vendor id, "vendor/stage" or
 * "vendor/identity": every per-vendor resource is one {@code for_each} construct over one of them. Policies are kept
 * as templates with {@link TerraformText#API_ID_PLACEHOLDER} for the API id that only apply knows.
 *
 * @param eachVendor   iterator over {@code local.vendors}
 * @param eachStage    iterator over {@code local.vendor_stages}
 * @param eachIdentity iterator over {@code local.vendor_identities} (deploy policy and boundary of every identity)
 * @param eachRole     iterator over {@code local.vendor_roles} (the identities that are roles)
 * @param eachUser     iterator over {@code local.vendor_users} (the IAM users)
 */
record VendorLocals(MapTerraformIterator eachVendor, MapTerraformIterator eachStage,
                    MapTerraformIterator eachIdentity, MapTerraformIterator eachRole, MapTerraformIterator eachUser) {

    /** Declares the locals in {@code scope}; {@code oidcProviders} maps an issuer URL to its provider's ARN. */
    static VendorLocals add(Construct scope, Registry registry, Map<String, String> oidcProviders) {
        String region = registry.region();
        String core = registry.coreAccountId();
        boolean single = registry.singleAccount();
        Map<String, Object> vendors = new LinkedHashMap<>();
        Map<String, Object> stages = new LinkedHashMap<>();
        Map<String, Object> identities = new LinkedHashMap<>();
        Map<String, Object> roles = new LinkedHashMap<>();
        Map<String, Object> users = new LinkedHashMap<>();
        for (Vendor vendor : registry.vendors()) {
            String id = vendor.id();
            Map<String, String> tags = tags(vendor);
            Map<String, String> apiTags = new LinkedHashMap<>(tags);
            apiTags.put("integration", vendor.integration().yamlName());
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("api_name", Names.apiName(id));
            v.put("description", vendor.description().isEmpty() ? "API of " + id : vendor.description());
            v.put("body", PlaceholderApi.definition(id));
            v.put("api_tags", apiTags);
            v.put("tags", tags);
            v.put("alert_topic_name", Names.alertTopicName(id));
            v.put("alert_email", vendor.owners().email());
            v.put("stage_drift_pattern", StageDriftAlert.eventPattern(API_ID_PLACEHOLDER));
            if (single) {
                // The role the vendor's functions run as: created by the core (vendors cannot create roles), under
                // /vendors/<id>/ (the only roles the vendor may pass) and inside the function boundary.
                v.put("function_role_name", Names.functionRoleName(id));
                v.put("function_role_path", Names.functionRolePath(id));
                v.put("function_trust", TrustPolicies.lambdaService(core));
                v.put("function_policy_name", Names.functionPolicyName(id));
                v.put("function_policy", SingleAccountPolicies.functionRolePolicy(region, core, id));
                v.put("function_boundary_name", Names.functionBoundaryName(id));
                v.put("function_boundary", SingleAccountPolicies.functionRoleBoundary(region, core, id));
            }
            if (registry.customDomain().isPresent()) {
                // Only with a domain, so that a registry without one synthesizes no domain fields.
                v.put("host", registry.customDomain().get().host(vendor));
                v.put("domain_stage_key", Names.stageKey(id, registry.customDomain().get().stage()));
            }
            vendors.put(id, v);
            for (Stage stage : vendor.stages()) {
                Map<String, String> stageTags = new LinkedHashMap<>(tags);
                stageTags.put("stage", stage.name());
                Map<String, Object> st = new LinkedHashMap<>();
                st.put("vendor", id);
                st.put("stage", stage.name());
                st.put("rate_limit", stage.rateLimit());
                st.put("burst_limit", stage.burstLimit());
                st.put("log_retention_days", vendor.logRetentionDays());
                st.put("access_log_group", Names.accessLogGroup(id, stage.name()));
                st.put("web_acl_name", Names.webAclName(id, stage.name()));
                st.put("rate_cap", StageRateCap.wafLimit(stage));
                st.put("tags", stageTags);
                stages.put(Names.stageKey(id, stage.name()), st);
            }
            for (Identity identity : vendor.identities()) {
                String key = Names.identityKey(id, identity.name());
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("vendor", id);
                i.put("policy_name", Names.identityPolicyName(id, identity.name()));
                i.put("policy", literal(single
                        ? SingleAccountPolicies.deployPolicy(region, core, vendor, identity.stages(), API_ID_PLACEHOLDER)
                        : VendorAccountPolicies.deployPolicy(region, core, vendor, identity.stages(),
                        API_ID_PLACEHOLDER)));
                i.put("boundary_name", Names.identityBoundaryName(id, identity.name()));
                i.put("boundary", literal(single
                        ? SingleAccountPolicies.boundary(region, core, vendor, identity.stages(), API_ID_PLACEHOLDER)
                        : VendorAccountPolicies.boundary(region, core, vendor, identity.stages(), API_ID_PLACEHOLDER)));
                i.put("tags", tags);
                identities.put(key, i);
                if (identity.kind() == IdentityKind.IAM_USER) {
                    Map<String, Object> u = new LinkedHashMap<>();
                    u.put("user_name", Names.userName(id));
                    u.put("identity", key);
                    u.put("tags", tags);
                    users.put(id, u);
                } else {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("role_name", Names.deployRoleName(id, identity.name()));
                    r.put("trust", TrustPolicies.deployRole(identity,
                            identity.oidc().map(t -> oidcProviders.get(t.issuerUrl())).orElse(null)));
                    Map<String, String> roleTags = new LinkedHashMap<>(tags);
                    roleTags.put("environment", identity.name());
                    r.put("tags", roleTags);
                    roles.put(key, r);
                }
            }
        }
        return new VendorLocals(local(scope, "vendors", vendors), local(scope, "vendor_stages", stages),
                local(scope, "vendor_identities", identities), local(scope, "vendor_roles", roles),
                local(scope, "vendor_users", users));
    }

    private static MapTerraformIterator local(Construct scope, String name, Map<String, Object> value) {
        return MapTerraformIterator.fromMap(new TerraformLocal(scope, name, value).getAsAnyMap());
    }

    private static Map<String, String> tags(Vendor vendor) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(Names.VENDOR_TAG, vendor.id());
        tags.put("owner-team", vendor.owners().team());
        tags.put("owner-email", vendor.owners().email());
        return tags;
    }
}
