package dev.multivendor.coreinfra;

import java.util.List;
import java.util.Optional;

/**
 * The validated vendor registry: everything the core stack is synthesized from. Built only by
 * {@link RegistryLoader}, which checks every field first, so code downstream can trust these values.
 *
 * @param source                 where the registry was read from (for messages)
 * @param region                 the core account's region
 * @param coreAccountId          the core account (12 digits, kept as text so a leading zero survives)
 * @param accountModel           where vendors' implementations live: their own accounts, or the core account
 * @param accountRateLimit       the account's data-plane quota the stage limits must fit in (requests/s)
 * @param githubOidcProviderArn  an existing GitHub OIDC provider to trust; empty: the stack creates one
 * @param vendors                the vendors, in file order
 * @param customDomain           a core-owned custom domain with one base path per vendor; empty: none
 */
public record Registry(String source, String region, String coreAccountId, AccountModel accountModel,
                       double accountRateLimit, Optional<String> githubOidcProviderArn, List<Vendor> vendors,
                       Optional<CustomDomain> customDomain) {

    public Registry {
        vendors = List.copyOf(vendors);
    }

    public boolean singleAccount() {
        return accountModel == AccountModel.SINGLE_ACCOUNT;
    }

    /**
     * The two models of the source document. {@code vendor-accounts} (default): each vendor builds its implementation
     * in its own AWS account and may only touch its one API in the core account, named by id. {@code single-account}:
     * every vendor's API, functions, function roles and logs live in the core account, and vendor identities are
     * scoped by the {@code vendor} tag (ABAC) and name prefixes.
     */
    public enum AccountModel {
        VENDOR_ACCOUNTS("vendor-accounts"), SINGLE_ACCOUNT("single-account");

        private final String yamlName;

        AccountModel(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    /** How a vendor's API reaches its implementation in the vendor's own account. */
    public enum Integration {
        LAMBDA("lambda"), HTTP("http");

        private final String yamlName;

        Integration(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    /**
     * One vendor.
     *
     * @param id               lowercase letters, digits and dashes; names every resource of the vendor
     * @param accountId        the account where the vendor's implementation runs: its own account, or the core
     *                         account in the single-account model
     * @param integration      lambda or http
     * @param description      what the API is, for people
     * @param owners           who to call
     * @param stages           stages with their throttling, in file order
     * @param identities       who may deploy which stages: one per CI environment, plus the IAM user if kept
     * @param logRetentionDays retention of the vendor's access and execution logs
     * @param subdomain        the vendor's host label under the custom domain (default: its id); used only with one
     */
    public record Vendor(String id, String accountId, Integration integration, String description, Owners owners,
                         List<Stage> stages, List<Identity> identities, int logRetentionDays, String subdomain) {
        public Vendor {
            stages = List.copyOf(stages);
            identities = List.copyOf(identities);
        }

        public List<String> stageNames() {
            return stages.stream().map(Stage::name).toList();
        }

        /** The identities that are IAM roles (every kind but the IAM user), in registry order. */
        public List<Identity> roles() {
            return identities.stream().filter(i -> i.kind() != IdentityKind.IAM_USER).toList();
        }

        /** The identity that deploys a stage (each stage is deployed by exactly one role, or else by the user). */
        public Optional<Identity> deployerOf(String stage) {
            return roles().stream().filter(i -> i.stages().contains(stage)).findFirst()
                    .or(() -> identities.stream().filter(i -> i.stages().contains(stage)).findFirst());
        }
    }

    /** How a vendor's CI signs in; the names are the registry's and the onboarding kit's. */
    public enum IdentityKind {
        GITHUB_OIDC("github-oidc"), GITLAB_OIDC("gitlab-oidc"), OIDC("oidc"), AWS_ROLE("aws-role"),
        IAM_USER("iam-user");

        private final String yamlName;

        IdentityKind(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    /**
     * One deploy identity of a vendor: a role trusted by exactly one CI environment (or the IAM user), allowed to
     * deploy only {@code stages}.
     *
     * @param name           the CI environment's name (e.g. dev, prod), or "iam-user"
     * @param kind           how it signs in
     * @param stages         the stages it may deploy, non-empty
     * @param oidc           for the OIDC kinds: the token the role's trust accepts
     * @param trustedRoleArn for aws-role: the one role in the vendor's own account that may assume it
     */
    public record Identity(String name, IdentityKind kind, List<String> stages, Optional<OidcTrust> oidc,
                           Optional<String> trustedRoleArn) {
        public Identity {
            stages = List.copyOf(stages);
        }
    }

    /**
     * What the trust policy of an OIDC identity checks: the issuer (its IAM OIDC provider), the audience, the subjects
     * and, where AWS STS evaluates them for the issuer (GitHub, gitlab.com), immutable id claims.
     *
     * @param issuerUrl the https issuer URL, e.g. https://token.actions.githubusercontent.com
     * @param audience  the aud claim
     * @param subjects  the sub claims accepted (StringLike: '*' may only end a subject, inside the vendor's own scope)
     * @param claims    further token claims the trust checks with these exact values (e.g. repository_id), each a
     *                  condition key {@code <provider>:<claim>} that AWS STS evaluates for this issuer
     */
    public record OidcTrust(String issuerUrl, String audience, List<String> subjects, java.util.Map<String, String> claims) {
        public OidcTrust {
            subjects = List.copyOf(subjects);
            claims = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
        }

        /** The issuer without its scheme: the IAM OIDC provider's URL part and the prefix of its condition keys. */
        public String providerHost() {
            return issuerUrl.substring("https://".length());
        }
    }

    /**
     * Regional custom domains owned by the core: {@code https://<subdomain>.<name>} reaches each vendor's API at
     * {@code stage}, one host name (and so one browser origin) per vendor.
     *
     * @param name           the parent DNS name, e.g. api.example.com
     * @param certificateArn ACM certificate for {@code *.<name>} in the registry's region and the core account
     * @param stage          which stage of every vendor the domain serves
     */
    public record CustomDomain(String name, String certificateArn, String stage) {

        /** The vendor's own host name under the domain. */
        public String host(Vendor vendor) {
            return vendor.subdomain() + "." + name;
        }

        /** What a vendor's API is reached at on its host. */
        public String url(Vendor vendor) {
            return "https://" + host(vendor);
        }
    }

    /**
     * A stage and its throttling: {@code rateLimit} requests/s is the stage's total (a core-owned AWS WAF rate-based
     * rule, averaged over its evaluation window) and every method's steady rate; {@code burstLimit} every method's
     * burst (API Gateway method throttling).
     */
    public record Stage(String name, double rateLimit, int burstLimit) {
    }

    /** The vendor team's contact, put on tags and in the onboarding kit. */
    public record Owners(String team, String email) {
    }
}
