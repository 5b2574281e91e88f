package dev.multivendor.coreinfra;

import dev.multivendor.coreinfra.Registry.Identity;
import dev.multivendor.coreinfra.Registry.IdentityKind;
import dev.multivendor.coreinfra.Registry.Stage;
import dev.multivendor.coreinfra.Registry.Vendor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each vendor's onboarding kit (version 1 of the shared-contracts schema {@code onboarding-kit/v1}), built from typed
 * values. Values known only after apply (API id, invoke URLs, role ARNs) are Terraform references; everything else
 * comes from the registry. {@link Kit#toMap()} fixes the field order, so the synthesized output is deterministic.
 */
public final class OnboardingKits {

    public static final int KIT_VERSION = 1;
    /** How an IAM user signs in: no keys exist in Terraform; the core team issues them. */
    static final String IAM_USER_CREDENTIALS = "Access keys are created by the core team out of band (aws iam "
            + "create-access-key) and handed over through the team's secret channel; Terraform never holds them.";

    private final Map<String, Kit> kits;

    private OnboardingKits(Map<String, Kit> kits) {
        this.kits = kits;
    }

    /** One stage of the kit. */
    public record KitStage(String invokeUrl, Optional<String> customDomainUrl, String accessLogGroup,
                           String executionLogGroup, double rateLimit, int burstLimit, String identity) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("invokeUrl", invokeUrl);
            customDomainUrl.ifPresent(u -> m.put("customDomainUrl", u));
            m.put("accessLogGroup", accessLogGroup);
            m.put("executionLogGroup", executionLogGroup);
            m.put("rateLimit", rateLimit);
            m.put("burstLimit", burstLimit);
            m.put("identity", identity);
            return m;
        }
    }

    /** One identity of the kit and how it signs in. */
    public record KitIdentity(String kind, List<String> stages, Optional<String> roleArn, Optional<String> userName,
                              Map<String, Object> signIn) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind);
            m.put("stages", stages);
            roleArn.ifPresent(r -> m.put("roleArn", r));
            userName.ifPresent(u -> m.put("userName", u));
            m.put("signIn", signIn);
            return m;
        }
    }

    /** One vendor's kit. */
    public record Kit(String vendorId, String region, String coreAccountId, String apiId, String apiName,
                      String integration, String accountModel, Map<String, KitStage> stages,
                      Map<String, KitIdentity> identities, Optional<String> functionRoleArn,
                      Optional<String> namePrefix, Map<String, String> names) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kitVersion", KIT_VERSION);
            m.put("vendorId", vendorId);
            m.put("region", region);
            m.put("coreAccountId", coreAccountId);
            m.put("apiId", apiId);
            m.put("apiName", apiName);
            m.put("integration", integration);
            m.put("accountModel", accountModel);
            Map<String, Object> st = new LinkedHashMap<>();
            stages.forEach((name, s) -> st.put(name, s.toMap()));
            m.put("stages", st);
            Map<String, Object> ids = new LinkedHashMap<>();
            identities.forEach((name, i) -> ids.put(name, i.toMap()));
            m.put("identities", ids);
            functionRoleArn.ifPresent(f -> m.put("functionRoleArn", f));
            namePrefix.ifPresent(p -> m.put("namePrefix", p));
            m.put("names", names);
            return m;
        }
    }

    /** The kits of every vendor of the registry, with Terraform references for the values apply assigns. */
    public static OnboardingKits of(Registry registry) {
        Map<String, Kit> kits = new LinkedHashMap<>();
        for (Vendor v : registry.vendors()) {
            kits.put(v.id(), kit(registry, v));
        }
        return new OnboardingKits(kits);
    }

    /** The {@code onboarding} output's value: vendor id to kit. */
    public Map<String, Object> terraformValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        kits.forEach((id, kit) -> value.put(id, kit.toMap()));
        return value;
    }

    /** repository_owner_id -> repositoryOwnerId: the kit's field names for the token claims the trust checks. */
    static String camelCase(String claim) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : claim.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    private static Kit kit(Registry registry, Vendor v) {
        String id = v.id();
        String api = "aws_api_gateway_rest_api.api[\"" + id + "\"]";
        Map<String, KitStage> stages = new LinkedHashMap<>();
        for (Stage s : v.stages()) {
            String key = "\"" + Names.stageKey(id, s.name()) + "\"";
            Optional<String> domainUrl = registry.customDomain().filter(d -> d.stage().equals(s.name()))
                    .map(d -> "https://${aws_api_gateway_domain_name.custom_domain[\"" + id + "\"].domain_name}");
            stages.put(s.name(), new KitStage("${aws_api_gateway_stage.stage[" + key + "].invoke_url}", domainUrl,
                    "${aws_cloudwatch_log_group.access_logs[" + key + "].name}",
                    "${aws_cloudwatch_log_group.execution_logs[" + key + "].name}", s.rateLimit(), s.burstLimit(),
                    v.deployerOf(s.name()).map(Identity::name).orElseThrow()));
        }
        Map<String, KitIdentity> identities = new LinkedHashMap<>();
        for (Identity i : v.identities()) {
            String key = "\"" + Names.identityKey(id, i.name()) + "\"";
            Map<String, Object> signIn = new LinkedHashMap<>();
            if (i.kind() == IdentityKind.IAM_USER) {
                signIn.put("credentials", IAM_USER_CREDENTIALS);
                identities.put(i.name(), new KitIdentity(i.kind().yamlName(), i.stages(), Optional.empty(),
                        Optional.of("${aws_iam_user.user[\"" + id + "\"].name}"), signIn));
                continue;
            }
            i.oidc().ifPresent(t -> {
                signIn.put("issuer", t.issuerUrl());
                signIn.put("audience", t.audience());
                signIn.put("subjects", t.subjects());
                t.claims().forEach((claim, value) -> signIn.put(camelCase(claim), value));
            });
            i.trustedRoleArn().ifPresent(r -> signIn.put("trustedRoleArn", r));
            identities.put(i.name(), new KitIdentity(i.kind().yamlName(), i.stages(),
                    Optional.of("${aws_iam_role.deploy_role[" + key + "].arn}"), Optional.empty(), signIn));
        }
        boolean single = registry.singleAccount();
        Map<String, String> names = new LinkedHashMap<>();
        names.put("vendorTagKey", Names.VENDOR_TAG);
        names.put("rolePath", Names.IAM_PATH);
        names.put("coreManagedTagKey", Names.CORE_MANAGED_TAG);
        return new Kit(id, registry.region(), registry.coreAccountId(), "${" + api + ".id}", "${" + api + ".name}",
                v.integration().yamlName(), registry.accountModel().yamlName(), stages, identities,
                single ? Optional.of("${aws_iam_role.function_role[\"" + id + "\"].arn}") : Optional.empty(),
                single ? Optional.of(Names.namePrefix(id)) : Optional.empty(), names);
    }
}
