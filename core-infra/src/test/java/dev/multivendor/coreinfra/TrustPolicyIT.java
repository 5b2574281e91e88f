package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multivendor.coreinfra.IamPolicyEngine.Case;
import dev.multivendor.coreinfra.IamPolicyEngine.NamedPolicy;
import dev.multivendor.coreinfra.Registry.Identity;
import dev.multivendor.coreinfra.Registry.IdentityKind;
import dev.multivendor.coreinfra.Registry.Vendor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may become which deploy role, decided by the same IAM policy engine against each role's synthesized trust
 * policy, for the five-vendor registry (one vendor per identity kind) and the single-account registry: a role in the
 * vendor's own account becomes only its environment's role; a GitHub token becomes only the role of its environment of
 * its repository, by the repository's and owner's immutable ids; a gitlab.com token only its project's, from a
 * protected ref; the API Gateway service assumes the logging role only for the core account.
 *
 * <p>What the engine cannot show: its AWS data lists no {@code :sub}/{@code :aud} condition keys for these issuers, and
 * its validated mode drops such keys from a request, so those two conditions are taken out of the copies evaluated
 * here (CoreStackTest checks their exact values; RegistryLoaderTest that no two identities accept the same subject).
 */
class TrustPolicyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger();
    /** The vendor's own side of a cross-account call: its CI role's policy allows assuming any role. */
    private static final NamedPolicy CALLER = new NamedPolicy("caller", "{\"Version\":\"2012-10-17\",\"Statement\":"
            + "[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}");
    private static IamPolicyEngine engine;

    @BeforeAll
    static void findTheEngine() {
        engine = IamPolicyEngine.installed();
    }

    private static Registry fiveVendors() {
        return Synths.parse(Synths.resource("registries/five-vendors.yaml"), "five-vendors.yaml");
    }

    private static Registry singleAccount() {
        return Synths.parse(Synths.resource("registries/single-account.yaml"), "single-account.yaml");
    }

    /** Every role's trust as synthesized, keyed "vendor/identity", OIDC provider references made ARNs. */
    static Map<String, String> trusts(String name, Registry registry) {
        JsonNode roles = Synths.synth(name, registry).json().path("locals").path("vendor_roles");
        Map<String, String> trusts = new LinkedHashMap<>();
        roles.fields().forEachRemaining(e -> trusts.put(e.getKey(), e.getValue().path("trust").asText()
                .replace("${aws_iam_openid_connect_provider.github_oidc.arn}", providerArn(registry,
                        Names.GITHUB_OIDC_HOST))
                .replaceAll("\\$\\{aws_iam_openid_connect_provider\\.ci_oidc\\[\\\\\"([^\\\\]+)\\\\\"\\]\\.arn\\}",
                        providerArn(registry, "$1"))));
        return trusts;
    }

    static String providerArn(Registry registry, String host) {
        return "arn:aws:iam::" + registry.coreAccountId() + ":oidc-provider/" + host;
    }

    /** The trust without its sub/aud conditions, which the engine cannot evaluate (see the class comment). */
    static String evaluable(String trust) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(trust);
            for (JsonNode st : doc.path("Statement")) {
                if (!(st.get("Condition") instanceof ObjectNode condition)) {
                    continue;
                }
                for (String op : iterable(condition)) {
                    ObjectNode keys = (ObjectNode) condition.get(op);
                    keys.remove(iterable(keys).stream().filter(k -> k.endsWith(":sub") || k.endsWith(":aud")).toList());
                    if (keys.isEmpty()) {
                        condition.remove(op);
                    }
                }
                if (condition.isEmpty()) {
                    ((ObjectNode) st).remove("Condition");
                }
            }
            return JSON.writeValueAsString(doc);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The token claims an OIDC identity's own CI environment presents. */
    private static Map<String, String> claimsOf(Identity identity) {
        Registry.OidcTrust t = identity.oidc().orElseThrow();
        Map<String, String> ctx = new LinkedHashMap<>();
        t.claims().forEach((claim, value) -> ctx.put(t.providerHost() + ":" + claim, value));
        return ctx;
    }

    private static Case assume(String key, String trust, String principal, String action, String roleArn,
                               Map<String, String> ctx, String account) {
        return new Case("t" + IDS.incrementAndGet(), principal, action, roleArn, account,
                action.equals("sts:AssumeRole") && principal.startsWith("arn:aws:iam::") ? List.of(CALLER) : List.of(),
                List.of(), ctx, Optional.of(new NamedPolicy(key + "-trust", trust)));
    }

    /** Whether two OIDC identities differ, for a role's trust, only in their sub (see the class comment). */
    static boolean onlySubjectTellsApart(Identity role, Identity caller) {
        if (role.oidc().isEmpty() || caller.oidc().isEmpty()) {
            return false;
        }
        Registry.OidcTrust r = role.oidc().get();
        Registry.OidcTrust c = caller.oidc().get();
        return r.issuerUrl().equals(c.issuerUrl()) && c.claims().entrySet().containsAll(r.claims().entrySet());
    }

    /** Every role against its own environment's sign-in (allowed) and every other identity's (denied). */
    static PolicyMatrix matrix(Registry registry, Map<String, String> trusts) {
        PolicyMatrix m = new PolicyMatrix();
        String account = registry.coreAccountId();
        List<Map.Entry<Vendor, Identity>> all = new ArrayList<>();
        registry.vendors().forEach(v -> v.roles().forEach(i -> all.add(Map.entry(v, i))));
        for (Map.Entry<Vendor, Identity> role : all) {
            Vendor v = role.getKey();
            Identity i = role.getValue();
            String key = Names.identityKey(v.id(), i.name());
            String trust = evaluable(trusts.get(key));
            String roleArn = IdentityArns.roleArn(account, v.id(), i.name());
            m.identities++;
            for (Map.Entry<Vendor, Identity> caller : all) {
                Identity c = caller.getValue();
                boolean own = caller == role;
                if (!own && onlySubjectTellsApart(i, c)) {
                    // Same issuer and every id claim the role checks also in the caller's token: only sub tells
                    // them apart, which the engine cannot evaluate; their subjects are disjoint (RegistryLoader).
                    assertTrue(java.util.Collections.disjoint(i.oidc().orElseThrow().subjects(),
                            c.oidc().orElseThrow().subjects()), key + " and " + c.name() + " share a subject");
                    m.structural++;
                    continue;
                }
                String label = key + " assumed by " + Names.identityKey(caller.getKey().id(), c.name())
                        + (own ? "" : caller.getKey() == v ? " (other environment)" : " (other vendor)");
                if (c.kind() == IdentityKind.AWS_ROLE) {
                    m.add(own, label, assume(key, trust, c.trustedRoleArn().orElseThrow(), "sts:AssumeRole", roleArn,
                            Map.of(), account));
                } else {
                    m.add(own, label, assume(key, trust, providerArn(registry, c.oidc().orElseThrow().providerHost()),
                            "sts:AssumeRoleWithWebIdentity", roleArn, claimsOf(c), account));
                }
            }
            // A re-registered repository or project of the same name: same environment, another id.
            if (i.kind() == IdentityKind.GITHUB_OIDC || (i.kind() == IdentityKind.GITLAB_OIDC
                    && !i.oidc().orElseThrow().claims().isEmpty())) {
                String idClaim = i.kind() == IdentityKind.GITHUB_OIDC ? "repository_id" : "project_id";
                Map<String, String> reRegistered = new LinkedHashMap<>(claimsOf(i));
                reRegistered.put(i.oidc().orElseThrow().providerHost() + ":" + idClaim, "999999999");
                m.add(false, key + " assumed by a re-registered name", assume(key, trust, providerArn(registry,
                        i.oidc().orElseThrow().providerHost()), "sts:AssumeRoleWithWebIdentity", roleArn,
                        reRegistered, account));
            }
            if (i.kind() == IdentityKind.GITLAB_OIDC && !i.oidc().orElseThrow().claims().isEmpty()) {
                Map<String, String> unprotected = new LinkedHashMap<>(claimsOf(i));
                unprotected.put("gitlab.com:ref_protected", "false");
                m.add(false, key + " assumed from an unprotected ref", assume(key, trust, providerArn(registry,
                        "gitlab.com"), "sts:AssumeRoleWithWebIdentity", roleArn, unprotected, account));
            }
        }
        return m;
    }

    @Test
    void everyRoleTrustsOnlyItsOwnEnvironmentInBothAccountModels() {
        for (Registry registry : List.of(fiveVendors(), singleAccount())) {
            String name = registry.singleAccount() ? "single-account" : "five-vendors";
            PolicyMatrix m = matrix(registry, trusts(name, registry));
            List<IamPolicyEngine.Result> results = engine.evaluate(m.cases);
            List<String> failures = m.failures(results);
            System.out.println(m.summary("trust matrix (" + name + ")", registry.vendors().size(), results,
                    failures.size()) + "; " + m.structural + " pairs told apart only by sub, checked structurally");
            assertEquals(List.of(), failures, "a role must trust only its own environment");
        }
    }

    @Test
    void theCheckFailsWhenTheTrustNoLongerBindsTheRepositoryIds() {
        Registry registry = fiveVendors();
        Map<String, String> trusts = new LinkedHashMap<>(trusts("five-vendors", registry));
        String h = "\"" + Names.GITHUB_OIDC_HOST;
        trusts.put("vendor-a/prod", trusts.get("vendor-a/prod").replaceAll(",?" + h.replace(".", "\\.")
                + ":repository(_owner)?_id\":\"[0-9]+\"", ""));
        PolicyMatrix m = matrix(registry, trusts);
        List<String> failures = m.failures(engine.evaluate(m.cases));
        assertTrue(failures.stream().anyMatch(f -> f.startsWith("vendor-a/prod assumed by a re-registered name")),
                "without the id conditions a re-registered repository must get in: " + failures);
    }

    @Test
    void theLoggingRoleTrustsApiGatewayOnlyForTheCoreAccount() {
        String account = "111111111111";
        String trust = TrustPolicies.apiGatewayService(account);
        String role = "arn:aws:iam::" + account + ":role/core-apigateway-cloudwatch";
        List<Case> cases = new ArrayList<>();
        for (String source : List.of(account, "999999999999")) {
            cases.add(new Case("g" + IDS.incrementAndGet(), "apigateway.amazonaws.com", "sts:AssumeRole", role,
                    account, List.of(), List.of(), Map.of("aws:SourceAccount", source),
                    Optional.of(new NamedPolicy("cloudwatch-trust", trust))));
        }
        String unconditioned = trust.replace(",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"" + account
                + "\"}}", "");
        cases.add(new Case("g" + IDS.incrementAndGet(), "apigateway.amazonaws.com", "sts:AssumeRole", role, account,
                List.of(), List.of(), Map.of("aws:SourceAccount", "999999999999"),
                Optional.of(new NamedPolicy("cloudwatch-trust-without-condition", unconditioned))));
        List<IamPolicyEngine.Result> r = engine.evaluate(cases);
        assertTrue(r.get(0).allowed(), "the core account's own API Gateway: " + r.get(0));
        assertEquals(IamPolicyEngine.Decision.ImplicitlyDenied, r.get(1).decision(), "another account's: " + r.get(1));
        assertTrue(r.get(2).allowed(), "the check has teeth: without aws:SourceAccount the other account gets in");
    }
}
