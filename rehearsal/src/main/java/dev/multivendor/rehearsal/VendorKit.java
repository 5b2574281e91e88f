package dev.multivendor.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multivendor.contracts.kit.InvalidKitException;
import dev.multivendor.contracts.kit.OnboardingKit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rehearsal needs from one vendor's onboarding kit, read from the core's {@code onboarding} output. A kit
 * with {@code kitVersion} is read (and validated against the schema) through shared-contracts' {@link OnboardingKit};
 * the earlier flat kit ({@code deployRoleArn}, no identities) is still understood while the core moves to v1.
 *
 * @param text     the kit exactly as the core's output gives it (what a vendor receives)
 * @param subjects per stage, the OIDC subjects the kit says the deploy identity trusts (empty: read the trust)
 */
public record VendorKit(String vendorId, String region, String coreAccountId, String apiId, int kitVersion,
                        Map<String, String> invokeUrls, Map<String, String> roleArns,
                        Map<String, List<String>> subjects, String text) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every vendor's kit from {@code terraform output -json}'s {@code onboarding} output. */
    public static Map<String, VendorKit> fromOutputs(JsonNode outputs) {
        JsonNode onboarding = outputs.path("onboarding").path("value");
        if (!onboarding.isObject() || onboarding.isEmpty()) {
            throw new StepFailure("the core stack has no `onboarding` output with a kit per vendor");
        }
        Map<String, VendorKit> kits = new LinkedHashMap<>();
        onboarding.fields().forEachRemaining(e -> kits.put(e.getKey(), parse(e.getKey(), e.getValue())));
        return kits;
    }

    static VendorKit parse(String vendorId, JsonNode kit) {
        String text;
        try {
            text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(kit);
        } catch (IOException e) {
            throw new StepFailure("kit of " + vendorId + ": " + e.getMessage(), e);
        }
        String source = "onboarding[\"" + vendorId + "\"]";
        if (kit.has("kitVersion")) {
            try {
                OnboardingKit v1 = OnboardingKit.parse(source, text);
                Map<String, String> urls = new LinkedHashMap<>();
                Map<String, String> roles = new LinkedHashMap<>();
                Map<String, List<String>> subjects = new LinkedHashMap<>();
                Map<String, OnboardingKit.Identity> identities = v1.identities();
                v1.stages().forEach((name, stage) -> {
                    urls.put(name, stage.invokeUrl());
                    OnboardingKit.Identity identity = identities.get(stage.identity());
                    if (identity != null) {
                        identity.roleArn().ifPresent(arn -> roles.put(name, arn));
                        List<String> subs = new ArrayList<>();
                        identity.signIn().path("subjects").forEach(s -> subs.add(s.asText()));
                        subjects.put(name, List.copyOf(subs));
                    }
                });
                return new VendorKit(v1.vendorId(), v1.region(), v1.coreAccountId(), v1.apiId(), v1.kitVersion(),
                        urls, roles, subjects, text);
            } catch (InvalidKitException e) {
                throw new StepFailure("the core's kit for " + vendorId + " is not a valid onboarding kit: "
                        + e.getMessage(), e);
            }
        }
        // The flat kit of before v1: one deploy role for every stage, subjects only in the role's trust policy.
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, String> roles = new LinkedHashMap<>();
        kit.path("stages").fields().forEachRemaining(e -> {
            urls.put(e.getKey(), e.getValue().path("invokeUrl").asText());
            roles.put(e.getKey(), require(kit, "deployRoleArn", vendorId));
        });
        return new VendorKit(require(kit, "vendorId", vendorId), require(kit, "region", vendorId),
                require(kit, "coreAccountId", vendorId), require(kit, "apiId", vendorId), 0, urls, roles, Map.of(),
                text);
    }

    private static String require(JsonNode kit, String field, String vendorId) {
        String value = kit.path(field).asText("");
        if (value.isBlank()) {
            throw new StepFailure("the core's kit for " + vendorId + " has no field " + field);
        }
        return value;
    }

    public String roleArn(String stage) {
        return Optional.ofNullable(roleArns.get(stage)).orElseThrow(() -> new StepFailure("the kit of " + vendorId
                + " names no deploy role for stage " + stage));
    }

    public String invokeUrl(String stage) {
        return Optional.ofNullable(invokeUrls.get(stage)).orElseThrow(() -> new StepFailure("the kit of " + vendorId
                + " has no stage " + stage));
    }
}
