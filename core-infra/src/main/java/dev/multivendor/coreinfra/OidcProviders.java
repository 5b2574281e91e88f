package dev.multivendor.coreinfra;

import com.hashicorp.cdktf.MapTerraformIterator;
import com.hashicorp.cdktf.TerraformLocal;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.aws.iam_openid_connect_provider.IamOpenidConnectProvider;
import dev.multivendor.coreinfra.Registry.Identity;
import dev.multivendor.coreinfra.Registry.Vendor;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The IAM OIDC providers the vendors' identities trust, by issuer URL: GitHub's (created unless the registry names an
 * existing one; the resource keeps its address), and one per other issuer (GitLab instances, other CI), each with
 * every audience the registry uses for it. An issuer's provider is unique in an account, so vendors that use the same
 * issuer share it; their roles' trust policies still accept only their own subjects.
 *
 * @param arns   the provider ARN of every issuer URL the registry uses
 * @param others the providers of issuers other than GitHub, when any vendor uses one: roles trusting them wait for them
 */
record OidcProviders(Map<String, String> arns, Optional<IamOpenidConnectProvider> others) {

    /** GitHub's OIDC certificate thumbprints; AWS no longer checks them for GitHub, but the provider requires some. */
    static final List<String> GITHUB_THUMBPRINTS = List.of("6938fd4d98bab03faadb97b34396831e3780aea1",
            "1c58a3a8518e8759bf075b76b750d4f2df264fcd");

    static OidcProviders add(Construct scope, Registry registry) {
        Map<String, String> arns = new LinkedHashMap<>();
        Map<String, Set<String>> audiences = new TreeMap<>();
        for (Vendor v : registry.vendors()) {
            for (Identity i : v.roles()) {
                i.oidc().ifPresent(t -> audiences.computeIfAbsent(t.issuerUrl(), k -> new TreeSet<>())
                        .add(t.audience()));
            }
        }
        String github = "https://" + Names.GITHUB_OIDC_HOST;
        if (audiences.containsKey(github)) {
            if (registry.githubOidcProviderArn().isPresent()) {
                arns.put(github, registry.githubOidcProviderArn().get());
            } else {
                IamOpenidConnectProvider provider = IamOpenidConnectProvider.Builder.create(scope, "github_oidc")
                        .url(github)
                        .clientIdList(List.of(CiIdentityReader.STS_AUDIENCE))
                        .thumbprintList(GITHUB_THUMBPRINTS)
                        .build();
                arns.put(github, provider.getArn());
            }
        }
        Map<String, Object> others = new LinkedHashMap<>();
        audiences.forEach((issuer, auds) -> {
            if (!issuer.equals(github)) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("url", issuer);
                o.put("client_ids", List.copyOf(auds));
                others.put(issuer.substring("https://".length()), o);
                // The provider's ARN is fixed by its URL; written out (a reference would need quotes inside the
                // trust policy's JSON text), with the roles depending on the providers instead.
                arns.put(issuer, "arn:aws:iam::" + registry.coreAccountId() + ":oidc-provider/"
                        + issuer.substring("https://".length()));
            }
        });
        if (others.isEmpty()) {
            return new OidcProviders(arns, Optional.empty());
        }
        MapTerraformIterator eachIssuer = MapTerraformIterator.fromMap(
                new TerraformLocal(scope, "oidc_providers", others).getAsAnyMap());
        // No thumbprints: IAM verifies these issuers' keys through its own trusted certificate authorities (the
        // provider's thumbprint_list is optional; the older bindings in use still require the field).
        return new OidcProviders(arns, Optional.of(IamOpenidConnectProvider.Builder.create(scope, "ci_oidc")
                .forEach(eachIssuer)
                .url("${each.value.url}")
                .clientIdList(Token.asList("${each.value.client_ids}"))
                .thumbprintList(List.of())
                .build()));
    }
}
