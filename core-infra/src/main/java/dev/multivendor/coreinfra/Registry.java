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
     * @param ci               the CI identity the deploy role trusts
     * @param iamUser          whether to create the static IAM user the source model describes
     * @param logRetentionDays retention of the vendor's access and execution logs
     * @param basePath         the vendor's path on the custom domain (default: its id); used only with a domain
     */
    public record Vendor(String id, String accountId, Integration integration, String description, Owners owners,
                         List<Stage> stages, Ci ci, boolean iamUser, int logRetentionDays, String basePath) {
        public Vendor {
            stages = List.copyOf(stages);
        }

        public List<String> stageNames() {
            return stages.stream().map(Stage::name).toList();
        }
    }

    /**
     * A regional custom domain owned by the core: {@code https://<name>/<basePath>} reaches each vendor's API at
     * {@code stage}.
     *
     * @param name           lowercase DNS name, e.g. api.example.com
     * @param certificateArn ACM certificate for {@code name} in the registry's region and the core account
     * @param stage          which stage of every vendor the domain serves
     */
    public record CustomDomain(String name, String certificateArn, String stage) {

        /** What a vendor's API is reached at on the domain. */
        public String url(Vendor vendor) {
            return "https://" + name + "/" + vendor.basePath();
        }
    }

    /** A stage and the throttling the core team applies to every method on it. */
    public record Stage(String name, double rateLimit, int burstLimit) {
    }

    /** The vendor team's contact, put on tags and in the onboarding kit. */
    public record Owners(String team, String email) {
    }

    /**
     * Who may assume the vendor's deploy role.
     *
     * @param githubRepository   "owner/repo" whose workflows get GitHub OIDC tokens; empty: none
     * @param githubEnvironments GitHub environments allowed to deploy (the token's sub claim)
     * @param awsPrincipalArns   roles in the vendor's own account (e.g. its CodeBuild role) allowed to assume
     */
    public record Ci(Optional<String> githubRepository, List<String> githubEnvironments,
                     List<String> awsPrincipalArns) {
        public Ci {
            githubEnvironments = List.copyOf(githubEnvironments);
            awsPrincipalArns = List.copyOf(awsPrincipalArns);
        }
    }
}
