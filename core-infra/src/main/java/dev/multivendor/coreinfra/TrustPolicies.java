package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multivendor.coreinfra.Registry.Identity;
import dev.multivendor.coreinfra.Registry.OidcTrust;

import java.util.List;

import static dev.multivendor.coreinfra.PolicyStatements.F;
import static dev.multivendor.coreinfra.PolicyStatements.document;
import static dev.multivendor.coreinfra.PolicyStatements.strings;

/** Who may assume the core's roles: each vendor deploy role, the API Gateway logging role and function roles. */
public final class TrustPolicies {

    private TrustPolicies() {
    }

    /**
     * Trust of one deploy role: exactly one CI environment of the vendor. OIDC kinds: the issuer's IAM OIDC provider,
     * the audience, the environment's subjects and the issuer's immutable id claims that AWS STS evaluates (GitHub:
     * repository_id, repository_owner_id, environment; gitlab.com: project_id, namespace_id, ref_protected); aws-role:
     * the one role in the vendor's own account. Never {@code sts:TagSession}, so no session tag can replace the
     * principal tag.
     */
    public static String deployRole(Identity identity, String oidcProviderArn) {
        ObjectNode s = F.objectNode();
        s.put("Effect", "Allow");
        if (identity.oidc().isPresent()) {
            OidcTrust t = identity.oidc().get();
            s.put("Sid", "OidcEnvironment");
            s.putObject("Principal").put("Federated", oidcProviderArn);
            s.put("Action", "sts:AssumeRoleWithWebIdentity");
            ObjectNode condition = s.putObject("Condition");
            ObjectNode eq = condition.putObject("StringEquals");
            eq.put(t.providerHost() + ":aud", t.audience());
            t.claims().forEach((claim, value) -> eq.put(t.providerHost() + ":" + claim, value));
            boolean wildcard = t.subjects().stream().anyMatch(x -> x.endsWith("*"));
            // Exact subjects unless the registry gave a trailing '*' inside the vendor's own scope (checked there).
            (wildcard ? condition.putObject("StringLike") : eq).set(t.providerHost() + ":sub", strings(t.subjects()));
        } else {
            s.put("Sid", "VendorAccountRole");
            s.putObject("Principal").set("AWS", strings(List.of(identity.trustedRoleArn().orElseThrow())));
            s.put("Action", "sts:AssumeRole");
        }
        return document(List.of(s));
    }

    /**
     * Trust of the account-level role API Gateway uses to write logs: the service, only on behalf of the core account
     * ({@code aws:SourceAccount}, against the confused deputy). The role serves every API of the account, so there is
     * no one resource ARN to pin with {@code aws:SourceArn}.
     */
    public static String apiGatewayService(String account) {
        return serviceInAccount("apigateway.amazonaws.com", account);
    }

    /** Trust of a vendor's function role: the Lambda service, for functions in the core account only. */
    public static String lambdaService(String account) {
        return serviceInAccount("lambda.amazonaws.com", account);
    }

    private static String serviceInAccount(String service, String account) {
        ObjectNode s = F.objectNode();
        s.put("Effect", "Allow");
        s.putObject("Principal").put("Service", service);
        s.put("Action", "sts:AssumeRole");
        s.putObject("Condition").putObject("StringEquals").put("aws:SourceAccount", account);
        return document(List.of(s));
    }
}
