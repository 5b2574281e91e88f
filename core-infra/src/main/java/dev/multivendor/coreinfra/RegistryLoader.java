package dev.multivendor.coreinfra;

import dev.multivendor.coreinfra.Registry.AccountModel;
import dev.multivendor.coreinfra.Registry.Identity;
import dev.multivendor.coreinfra.Registry.IdentityKind;
import dev.multivendor.coreinfra.Registry.OidcTrust;
import dev.multivendor.coreinfra.Registry.CustomDomain;
import dev.multivendor.coreinfra.Registry.Integration;
import dev.multivendor.coreinfra.Registry.Owners;
import dev.multivendor.coreinfra.Registry.Stage;
import dev.multivendor.coreinfra.Registry.Vendor;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates the vendor registry. It works on SnakeYAML's node tree (not on plain maps) so that every
 * message can name the line, and so that an unquoted account id such as {@code 012345678901} is caught as a
 * number instead of silently losing its leading zero. All problems are collected before anything is
 * synthesized; the loader never returns a partially valid registry.
 */
public final class RegistryLoader {

    /** IAM role and user names are limited to 64 characters; the longest name we derive is "{id}-deploy". */
    public static final int MAX_VENDOR_ID_LENGTH = 64 - Names.ROLE_SUFFIX.length();
    public static final double DEFAULT_ACCOUNT_RATE_LIMIT = 10_000;
    /** API Gateway's account-level burst quota: a stage burst above it is meaningless. */
    public static final int MAX_BURST_LIMIT = 5_000;

    static final Set<String> TOP_KEYS = Set.of("region", "coreAccountId", "accountModel", "accountRateLimit",
            "githubOidcProviderArn", "defaults", "customDomain", "vendors");
    static final Set<String> DEFAULT_KEYS = Set.of("rateLimit", "burstLimit", "logRetentionDays");
    static final Set<String> VENDOR_KEYS = Set.of("id", "accountId", "integration", "description", "owners",
            "stages", "ci", "iamUser", "logRetentionDays", "subdomain");
    static final Set<String> CUSTOM_DOMAIN_KEYS = Set.of("name", "certificateArn", "stage");
    /** The stage the custom domain serves when {@code customDomain.stage} is not set. */
    public static final String DEFAULT_DOMAIN_STAGE = "prod";
    /** DNS limits a name to 253 characters (RFC 1035, without the trailing dot). */
    public static final int MAX_DOMAIN_NAME_LENGTH = 253;
    static final Set<String> STAGE_KEYS = Set.of("name", "rateLimit", "burstLimit");
    static final Set<String> OWNER_KEYS = Set.of("team", "email");
    /** The keys of {@code ci} for each kind; every kind has {@code kind} and {@code environments}. */
    static final Map<IdentityKind, Set<String>> CI_KEYS = Map.of(
            IdentityKind.GITHUB_OIDC, Set.of("kind", "repository", "repositoryId", "repositoryOwnerId", "environments"),
            IdentityKind.GITLAB_OIDC, Set.of("kind", "project", "projectId", "namespaceId", "host", "audience",
                    "environments"),
            IdentityKind.OIDC, Set.of("kind", "issuer", "audience", "environments"),
            IdentityKind.AWS_ROLE, Set.of("kind", "environments"));
    /** The keys of one environment in {@code ci.environments} for each kind. */
    static final Map<IdentityKind, Set<String>> ENVIRONMENT_KEYS = Map.of(
            IdentityKind.GITHUB_OIDC, Set.of("name", "stages"),
            IdentityKind.GITLAB_OIDC, Set.of("name", "stages", "ref"),
            IdentityKind.OIDC, Set.of("name", "stages", "subjects"),
            IdentityKind.AWS_ROLE, Set.of("name", "stages", "roleArn"));
    /** The name of the IAM user's identity in the onboarding kit; no CI environment may take it. */
    public static final String IAM_USER_IDENTITY = "iam-user";
    public static final String DEFAULT_GITLAB_HOST = "gitlab.com";
    /** The audience the official AWS credential actions request, and the default for GitLab. */
    public static final String STS_AUDIENCE = "sts.amazonaws.com";
    /** A WAF rate-based rule's limit is requests per evaluation window and at least 10 (AWS WAF quotas). */
    public static final int RATE_WINDOW_SECONDS = 60;
    public static final int MIN_WAF_LIMIT = 10;
    /** The smallest stage rate a WAF rule can enforce: its minimum limit over its window (requests/s). */
    public static final double MIN_RATE_LIMIT = (double) MIN_WAF_LIMIT / RATE_WINDOW_SECONDS;
    /** The values CloudWatch Logs accepts for a retention policy. */
    static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private static final Pattern VENDOR_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{N} +\\-=._:/@]{1,256}");
    private static final Pattern GITHUB_REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    /** A CI environment name: GitHub's environment characters that are also legal in an IAM role name. */
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern NUMERIC_ID = Pattern.compile("[1-9][0-9]{0,19}");
    private static final Pattern GITLAB_PROJECT = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");
    private static final Pattern GIT_REF = Pattern.compile("[A-Za-z0-9_./-]{1,255}");
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
    private static final Pattern ISSUER = Pattern.compile("https://[a-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/-]*)?");
    private static final Pattern SUBJECT = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** Lowercase DNS name of at least two labels; each label 1-63 characters, no leading or trailing dash. */
    private static final Pattern DOMAIN_NAME = Pattern.compile(
            "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern ACM_CERTIFICATE_ARN = Pattern.compile(
            "arn:aws:acm:([a-z0-9-]+):(\\d{12}):certificate/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** A vendor's host label under the custom domain: one lowercase DNS label. */
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}");

    private final String source;
    private final List<String> problems = new ArrayList<>();

    private RegistryLoader(String source) {
        this.source = source;
    }

    /** Loads the registry file; {@code source} in messages is the path as given. */
    public static Registry load(Path file) throws RegistryException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RegistryException(List.of(file + ": registry file not found (set CORE_VENDORS_FILE to "
                    + "point at another one)"));
        } catch (IOException e) {
            throw new RegistryException(List.of(file + ": cannot read the registry: " + e.getMessage()));
        }
        return parse(text, file.toString());
    }

    /** Parses registry text; {@code sourceName} is used in messages. */
    public static Registry parse(String yamlText, String sourceName) throws RegistryException {
        return new RegistryLoader(sourceName).read(yamlText);
    }

    private Registry read(String text) throws RegistryException {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowRecursiveKeys(false);
            options.setMaxAliasesForCollections(20);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            throw new RegistryException(List.of(source + ":" + line + ": malformed YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            throw new RegistryException(List.of(source + ": malformed YAML: " + e.getMessage()));
        }
        if (root == null) {
            throw new RegistryException(List.of(source + ":1: the registry is empty; it needs region, "
                    + "coreAccountId and vendors"));
        }
        Registry registry = readRegistry(root);
        if (!problems.isEmpty() || registry == null) {
            throw new RegistryException(problems);
        }
        return registry;
    }

    private Registry readRegistry(Node root) {
        Ctx top = new Ctx(null, "");
        Map<String, NodeTuple> keys = mapping(root, top, TOP_KEYS);
        if (keys == null) {
            return null;
        }
        String region = required(keys, "region", root, top).map(n -> pattern(n, top.at("region"), REGION,
                "must be an AWS region name such as eu-west-1")).orElse(null);
        String coreAccount = required(keys, "coreAccountId", root, top)
                .map(n -> accountId(n, top.at("coreAccountId"))).orElse(null);
        // null when given but invalid (reported), so vendors are not checked against a guessed model.
        AccountModel model = keys.containsKey("accountModel")
                ? accountModel(keys.get("accountModel").getValueNode(), top.at("accountModel"))
                : AccountModel.VENDOR_ACCOUNTS;
        double accountRate = optional(keys, "accountRateLimit")
                .map(n -> number(n, top.at("accountRateLimit"), 1, 1_000_000)).orElse(DEFAULT_ACCOUNT_RATE_LIMIT);
        Optional<String> oidcArn = optional(keys, "githubOidcProviderArn")
                .map(n -> string(n, top.at("githubOidcProviderArn")));
        if (oidcArn.isPresent() && coreAccount != null) {
            String expected = "arn:aws:iam::" + coreAccount + ":oidc-provider/" + Names.GITHUB_OIDC_HOST;
            if (!expected.equals(oidcArn.get())) {
                problem(keys.get("githubOidcProviderArn").getValueNode(), top.at("githubOidcProviderArn"),
                        "must be " + expected + " (GitHub's OIDC provider in the core account), got " + oidcArn.get());
            }
        }

        Defaults defaults = new Defaults(100, 200, 90);
        Optional<Node> defaultsNode = optional(keys, "defaults");
        if (defaultsNode.isPresent()) {
            Ctx d = top.at("defaults");
            Map<String, NodeTuple> dk = mapping(defaultsNode.get(), d, DEFAULT_KEYS);
            if (dk != null) {
                defaults = new Defaults(
                        optional(dk, "rateLimit").map(n -> number(n, d.at("rateLimit"), MIN_RATE_LIMIT, accountRate))
                                .orElse(defaults.rateLimit),
                        optional(dk, "burstLimit").map(n -> integer(n, d.at("burstLimit"), 1, MAX_BURST_LIMIT))
                                .orElse(defaults.burstLimit),
                        optional(dk, "logRetentionDays").map(n -> retention(n, d.at("logRetentionDays")))
                                .orElse(defaults.logRetentionDays));
            }
        }

        Optional<Node> domainNode = optional(keys, "customDomain");
        DomainDraft domain = domainNode.map(n -> customDomain(n, top.at("customDomain"), region, coreAccount))
                .orElse(null);

        List<Vendor> vendors = new ArrayList<>();
        Optional<Node> vendorsNode = required(keys, "vendors", root, top);
        if (vendorsNode.isPresent()) {
            List<Node> items = sequence(vendorsNode.get(), top.at("vendors"));
            if (items != null && items.isEmpty()) {
                problem(vendorsNode.get(), top.at("vendors"), "lists no vendor; add at least one");
            }
            Map<String, Integer> seenIds = new LinkedHashMap<>();
            Map<String, String> seenSubdomains = new LinkedHashMap<>();
            for (int i = 0; items != null && i < items.size(); i++) {
                Vendor v = readVendor(items.get(i), i, coreAccount, model, accountRate, defaults, seenIds,
                        domainNode.isPresent(), domain, seenSubdomains);
                if (v != null) {
                    vendors.add(v);
                }
            }
            if (model == AccountModel.SINGLE_ACCOUNT) {
                namePrefixesMustNotOverlap(items, vendors);
            }
            // Each stage's total is capped by its WAF rate-based rule at rateLimit (averaged over the rule's window),
            // so the sum of all stage limits is a true bound on the account's average rate: it must fit the quota.
            double total = vendors.stream().flatMap(v -> v.stages().stream()).mapToDouble(Stage::rateLimit).sum();
            if (total > accountRate) {
                problem(vendorsNode.get(), top.at("vendors[*].stages[*].rateLimit"),
                        "the stage rate limits add up to " + fmt(total) + " requests/s, more than accountRateLimit "
                                + fmt(accountRate) + ": each stage's total is capped at its rateLimit, and together "
                                + "they must fit the account's shared quota; lower some stage limits or raise "
                                + "accountRateLimit after raising the quota");
            }
            oidcSubjectsMustNotOverlap(vendorsNode.get());
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Registry(source, region, coreAccount, model == null ? AccountModel.VENDOR_ACCOUNTS : model,
                accountRate, oidcArn, vendors, Optional.ofNullable(domain)
                        .map(d -> new CustomDomain(d.name, d.certificateArn, d.stage)));
    }

    private Vendor readVendor(Node node, int index, String coreAccount, AccountModel model, double accountRate,
                              Defaults defaults, Map<String, Integer> seenIds, boolean hasDomain,
                              DomainDraft domain, Map<String, String> seenSubdomains) {
        // Messages name the vendor by its id when it has a usable one, else by its position ("#2").
        String label = "#" + (index + 1);
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("id")
                        && t.getValueNode() instanceof ScalarNode v && VENDOR_ID.matcher(v.getValue()).matches()) {
                    label = v.getValue();
                }
            }
        }
        Ctx ctx = new Ctx(label, "");
        int before = problems.size();
        Map<String, NodeTuple> keys = mapping(node, ctx, VENDOR_KEYS);
        if (keys == null) {
            return null;
        }
        Ctx idCtx = ctx;
        String id = required(keys, "id", node, ctx).map(n -> vendorId(n, idCtx.at("id"))).orElse(null);
        if (id != null) {
            Integer previous = seenIds.putIfAbsent(id, line(keys.get("id").getValueNode()));
            if (previous != null) {
                problem(keys.get("id").getValueNode(), ctx.at("id"),
                        "duplicate vendor id: already used on line " + previous + "; ids must be unique");
            }
        }
        Ctx c = ctx;
        String accountId;
        if (model == AccountModel.SINGLE_ACCOUNT) {
            // One account for everything: the vendor's implementation runs in the core account.
            if (keys.containsKey("accountId")) {
                problem(keys.get("accountId").getValueNode(), c.at("accountId"), "accountModel is single-account: "
                        + "vendors have no account of their own (their functions, roles and logs live in the core "
                        + "account" + (coreAccount == null ? "" : " " + coreAccount) + "); remove accountId, or set "
                        + "accountModel: vendor-accounts");
            }
            accountId = coreAccount;
        } else if (model == null) {
            // The account model itself is invalid (already reported): do not guess whether accountId belongs here.
            accountId = optional(keys, "accountId").map(n -> accountId(n, c.at("accountId"))).orElse(null);
        } else {
            accountId = required(keys, "accountId", node, c).map(n -> accountId(n, c.at("accountId"))).orElse(null);
        }
        if (model != AccountModel.SINGLE_ACCOUNT && accountId != null && accountId.equals(coreAccount)) {
            problem(keys.get("accountId").getValueNode(), c.at("accountId"), "is the core account "
                    + coreAccount + "; each vendor builds in its own AWS account");
        }
        Integration integration = required(keys, "integration", node, c)
                .map(n -> integration(n, c.at("integration"))).orElse(null);
        String description = optional(keys, "description").map(n -> string(n, c.at("description"))).orElse("");
        Owners owners = required(keys, "owners", node, c).map(n -> owners(n, c.at("owners"))).orElse(null);
        List<Stage> stages = required(keys, "stages", node, c)
                .map(n -> stages(n, c.at("stages"), accountRate, defaults)).orElse(List.of());
        boolean iamUser = optional(keys, "iamUser").map(n -> bool(n, c.at("iamUser"))).orElse(true);
        List<Identity> identities = new ArrayList<>(optional(keys, "ci")
                .map(n -> ci(n, c.at("ci"), id, accountId, stages)).orElse(List.of()));
        if (iamUser) {
            identities.add(new Identity(IAM_USER_IDENTITY, IdentityKind.IAM_USER, stages.stream().map(Stage::name)
                    .toList(), Optional.empty(), Optional.empty()));
        }
        for (Stage st : stages) {
            if (keys.containsKey("ci") && identities.stream().noneMatch(i -> i.stages().contains(st.name()))) {
                problem(keys.get("ci").getValueNode(), c.at("ci.environments"), "no identity deploys stage '"
                        + st.name() + "'; map it to an environment (or keep iamUser: true)");
            }
        }
        if (!keys.containsKey("ci") && !iamUser) {
            problem(node, c.at("ci"), "is required when iamUser is false: the vendor needs at least one identity to "
                    + "deploy with; set ci (kind github-oidc, gitlab-oidc, oidc or aws-role) or iamUser: true");
        }
        int retention = optional(keys, "logRetentionDays").map(n -> retention(n, c.at("logRetentionDays")))
                .orElse(defaults.logRetentionDays);
        String subdomain = subdomain(keys, c, id, hasDomain, domain, seenSubdomains);
        if (domain != null && domain.stage != null && keys.containsKey("stages") && !stages.isEmpty()
                && stages.stream().noneMatch(s -> domain.stage.equals(s.name()))) {
            problem(keys.get("stages").getValueNode(), c.at("stages"), "has no stage '" + domain.stage + "', the stage "
                    + "customDomain.stage maps on the domain for every vendor; add it, or set customDomain.stage to "
                    + "a stage every vendor has");
        }
        if (problems.size() > before) {
            return null;
        }
        return new Vendor(id, accountId, integration, description, owners, stages, identities, retention, subdomain);
    }

    private List<Stage> stages(Node node, Ctx ctx, double accountRate, Defaults defaults) {
        List<Node> items = sequence(node, ctx);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            problem(node, ctx, "is empty; list at least one stage, e.g. [dev, prod]");
            return List.of();
        }
        List<Stage> stages = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            Ctx s = ctx.at("[" + i + "]");
            String name;
            double rate = defaults.rateLimit;
            int burst = defaults.burstLimit;
            Node nameNode = item;
            if (item instanceof ScalarNode) {
                name = pattern(item, s, STAGE_NAME, "must be lowercase letters, digits, '-' or '_', "
                        + "starting with a letter, at most 32 characters");
            } else {
                Map<String, NodeTuple> keys = mapping(item, s, STAGE_KEYS);
                if (keys == null) {
                    continue;
                }
                Optional<Node> n = required(keys, "name", item, s);
                nameNode = n.orElse(item);
                name = n.map(x -> pattern(x, s.at("name"), STAGE_NAME, "must be lowercase letters, digits, "
                        + "'-' or '_', starting with a letter, at most 32 characters")).orElse(null);
                Ctx named = name == null ? s : ctx.at("[" + name + "]");
                rate = optional(keys, "rateLimit").map(x -> number(x, named.at("rateLimit"), MIN_RATE_LIMIT, accountRate))
                        .orElse(rate);
                burst = optional(keys, "burstLimit").map(x -> integer(x, named.at("burstLimit"), 1,
                        MAX_BURST_LIMIT)).orElse(burst);
            }
            if (name != null && !names.add(name)) {
                problem(nameNode, s, "stage '" + name + "' is listed twice");
            }
            stages.add(new Stage(name, rate, burst));
        }
        return stages;
    }

    private Owners owners(Node node, Ctx ctx) {
        Map<String, NodeTuple> keys = mapping(node, ctx, OWNER_KEYS);
        if (keys == null) {
            return null;
        }
        String team = required(keys, "team", node, ctx).map(n -> pattern(n, ctx.at("team"), TAG_VALUE,
                "must be 1-256 letters, digits, spaces or + - = . _ : / @ (it becomes a tag value)")).orElse(null);
        String email = required(keys, "email", node, ctx).map(n -> pattern(n, ctx.at("email"), EMAIL,
                "must be an e-mail address")).orElse(null);
        return new Owners(team, email);
    }

    /** One accepted OIDC subject, so that no two identities (of any vendors) accept the same token. */
    private record SubjectClaim(String issuer, String subject, String owner, Node node, Ctx ctx) {
    }

    private final List<SubjectClaim> subjectClaims = new ArrayList<>();

    /**
     * The vendor's CI identities: one per environment, each trusted only by that environment of the vendor's CI and
     * allowed to deploy only its stages. {@code kind} decides which keys are allowed.
     */
    private List<Identity> ci(Node node, Ctx ctx, String vendorId, String vendorAccount, List<Stage> stages) {
        if (!(node instanceof MappingNode m)) {
            problem(node, ctx, "must be a mapping (key: value lines), not " + kind(node));
            return List.of();
        }
        Node kindNode = m.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode k
                && k.getValue().equals("kind")).map(NodeTuple::getValueNode).findFirst().orElse(null);
        if (kindNode == null) {
            problem(node, ctx.at("kind"), "is required: github-oidc, gitlab-oidc, oidc or aws-role (or leave ci out "
                    + "and keep iamUser: true for the IAM user alone)");
            return List.of();
        }
        IdentityKind kind = identityKind(kindNode, ctx.at("kind"));
        if (kind == null) {
            return List.of();
        }
        Map<String, NodeTuple> keys = mapping(node, ctx, CI_KEYS.get(kind));
        if (keys == null) {
            return List.of();
        }
        String issuer;
        String audience;
        Map<String, String> claims = new LinkedHashMap<>();
        String subjectScope = null; // what every subject of this vendor is built from (GitHub, GitLab)
        switch (kind) {
            case GITHUB_OIDC -> {
                issuer = "https://" + Names.GITHUB_OIDC_HOST;
                audience = STS_AUDIENCE;
                String repo = required(keys, "repository", node, ctx).map(n -> pattern(n, ctx.at("repository"),
                        GITHUB_REPO, "must be 'owner/repository' as on GitHub")).orElse(null);
                String repoId = required(keys, "repositoryId", node, ctx).map(n -> pattern(n, ctx.at("repositoryId"),
                        NUMERIC_ID, "must be the repository's numeric id (GitHub API: GET /repos/OWNER/REPO, field "
                                + "id); names can be re-registered by someone else, ids cannot")).orElse(null);
                String ownerId = required(keys, "repositoryOwnerId", node, ctx).map(n -> pattern(n,
                        ctx.at("repositoryOwnerId"), NUMERIC_ID, "must be the owner's numeric id (GitHub API: field "
                                + "owner.id)")).orElse(null);
                if (repo == null || repoId == null || ownerId == null) {
                    return List.of();
                }
                // AWS STS evaluates these GitHub claims as condition keys besides sub and aud (IAM Service
                // Authorization Reference, condition keys for AWS STS): ids, unlike names, cannot be registered again.
                claims.put("repository_id", repoId);
                claims.put("repository_owner_id", ownerId);
                subjectScope = "repo:" + repo + ":environment:";
            }
            case GITLAB_OIDC -> {
                String host = optional(keys, "host").map(n -> pattern(n, ctx.at("host"), HOST,
                        "must be the GitLab instance's host name, e.g. gitlab.com")).orElse(DEFAULT_GITLAB_HOST);
                issuer = host == null ? null : "https://" + host;
                audience = optional(keys, "audience").map(n -> pattern(n, ctx.at("audience"), SUBJECT,
                        "must be the aud the job requests in id_tokens")).orElse(STS_AUDIENCE);
                String project = required(keys, "project", node, ctx).map(n -> pattern(n, ctx.at("project"),
                        GITLAB_PROJECT, "must be the project's path, 'group/project'")).orElse(null);
                String projectId = required(keys, "projectId", node, ctx).map(n -> pattern(n, ctx.at("projectId"),
                        NUMERIC_ID, "must be the project's numeric id (Settings > General); paths can be taken over, "
                                + "ids cannot")).orElse(null);
                String namespaceId = required(keys, "namespaceId", node, ctx).map(n -> pattern(n,
                        ctx.at("namespaceId"), NUMERIC_ID, "must be the numeric id of the project's group or user "
                                + "namespace")).orElse(null);
                if (issuer == null || audience == null || project == null || projectId == null || namespaceId == null) {
                    return List.of();
                }
                if (DEFAULT_GITLAB_HOST.equals(host)) {
                    // AWS STS evaluates these gitlab.com claims as condition keys (not those of self-managed hosts).
                    claims.put("project_id", projectId);
                    claims.put("namespace_id", namespaceId);
                    claims.put("ref_protected", "true");
                }
                subjectScope = "project_path:" + project + ":ref_type:branch:ref:";
            }
            case OIDC -> {
                issuer = required(keys, "issuer", node, ctx).map(n -> pattern(n, ctx.at("issuer"), ISSUER,
                        "must be the issuer's https URL exactly as in its tokens' iss claim, without a trailing '/'"))
                        .orElse(null);
                if (issuer != null && issuer.endsWith("/")) {
                    problem(keys.get("issuer").getValueNode(), ctx.at("issuer"), "must not end with '/'");
                    issuer = null;
                }
                if (issuer != null && (issuer.equals("https://" + Names.GITHUB_OIDC_HOST)
                        || issuer.startsWith("https://" + DEFAULT_GITLAB_HOST))) {
                    problem(keys.get("issuer").getValueNode(), ctx.at("issuer"), "is GitHub's or GitLab's issuer: use "
                            + "kind github-oidc or gitlab-oidc, whose subjects the core builds from ids");
                    issuer = null;
                }
                audience = required(keys, "audience", node, ctx).map(n -> pattern(n, ctx.at("audience"), SUBJECT,
                        "must be the aud claim of the issuer's tokens")).orElse(null);
                if (issuer == null || audience == null) {
                    return List.of();
                }
            }
            default -> {
                issuer = null;
                audience = null;
            }
        }

        boolean envRequired = kind != IdentityKind.GITHUB_OIDC;
        Optional<Node> envNode = optional(keys, "environments");
        if (envNode.isEmpty() && envRequired) {
            problem(node, ctx.at("environments"), "is required for kind " + kind.yamlName() + ": list each "
                    + "environment with its stages and " + switch (kind) {
                        case GITLAB_OIDC -> "ref (the protected branch whose pipelines deploy it)";
                        case OIDC -> "subjects (the sub claims of its tokens)";
                        default -> "roleArn (the role in your account that deploys it)";
                    });
            return List.of();
        }
        List<Node> items;
        if (envNode.isEmpty()) {
            items = null;
        } else {
            items = sequence(envNode.get(), ctx.at("environments"));
            if (items == null) {
                return List.of();
            }
            if (items.isEmpty()) {
                problem(envNode.get(), ctx.at("environments"), "is empty; list at least one environment");
                return List.of();
            }
        }
        Set<String> stageNames = new java.util.LinkedHashSet<>(stages.stream().map(Stage::name).toList());
        List<Identity> identities = new ArrayList<>();
        Map<String, String> stageOwner = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        int count = items == null ? stages.size() : items.size();
        for (int i = 0; i < count; i++) {
            Ctx e = ctx.at("environments[" + i + "]");
            Node item = items == null ? node : items.get(i);
            String name;
            List<String> envStages;
            Map<String, NodeTuple> ek = null;
            if (items == null) {
                name = stages.get(i).name();
                envStages = List.of(name);
            } else if (item instanceof ScalarNode) {
                if (envRequired) {
                    problem(item, e, "must be a mapping with name, stages and " + (kind == IdentityKind.GITLAB_OIDC
                            ? "ref" : kind == IdentityKind.OIDC ? "subjects" : "roleArn") + " for kind "
                            + kind.yamlName());
                    continue;
                }
                name = pattern(item, e, ENVIRONMENT, "must be an environment name: letters, digits, '.', '_' or '-', "
                        + "at most 64 characters");
                envStages = name == null ? List.of() : List.of(name);
            } else {
                ek = mapping(item, e, ENVIRONMENT_KEYS.get(kind));
                if (ek == null) {
                    continue;
                }
                name = required(ek, "name", item, e).map(n -> pattern(n, e.at("name"), ENVIRONMENT, "must be an "
                        + "environment name: letters, digits, '.', '_' or '-', at most 64 characters")).orElse(null);
                String fallback = name;
                envStages = optional(ek, "stages").map(n -> strings(n, e.at("stages"), STAGE_NAME, "must be stage "
                        + "names")).orElse(fallback == null ? List.of() : List.of(fallback));
            }
            if (name == null) {
                continue;
            }
            Ctx named = ctx.at("environments[" + name + "]");
            if (name.equals(IAM_USER_IDENTITY)) {
                problem(item, named.at("name"), "'" + IAM_USER_IDENTITY + "' is the IAM user's identity; name the "
                        + "environment otherwise");
                continue;
            }
            if (!names.add(name)) {
                if (items != null) { // without environments they are the stages, whose repetition is reported there
                    problem(item, named.at("name"), "environment '" + name + "' is listed twice");
                }
                continue;
            }
            if (vendorId != null && Names.deployRoleName(vendorId, name).length() > 64) {
                problem(item, named.at("name"), "the role name '" + Names.deployRoleName(vendorId, name) + "' is "
                        + Names.deployRoleName(vendorId, name).length() + " characters; IAM allows 64: shorten the "
                        + "environment or the vendor id");
                continue;
            }
            if (envStages.isEmpty()) {
                problem(item, named.at("stages"), "lists no stage; an identity deploys at least one stage");
                continue;
            }
            boolean ok = true;
            for (String st : envStages) {
                if (!stageNames.contains(st)) {
                    problem(item, named.at("stages"), "'" + st + "' is not one of the vendor's stages " + stageNames
                            + (ek == null || !ek.containsKey("stages") ? " (an environment without stages deploys the "
                            + "stage of its own name)" : ""));
                    ok = false;
                } else if (stageOwner.putIfAbsent(st, name) != null) {
                    problem(item, named.at("stages"), "stage '" + st + "' is already deployed by environment '"
                            + stageOwner.get(st) + "'; each stage has one deploy identity, so that one environment's "
                            + "reviewers guard it");
                    ok = false;
                }
            }
            Optional<OidcTrust> oidc = Optional.empty();
            Optional<String> trustedRole = Optional.empty();
            switch (kind) {
                case GITHUB_OIDC -> {
                    Map<String, String> own = new LinkedHashMap<>(claims);
                    own.put("environment", name);
                    oidc = Optional.of(new OidcTrust(issuer, audience, List.of(subjectScope + name), own));
                }
                case GITLAB_OIDC -> {
                    String ref = ek == null ? null : required(ek, "ref", item, named).map(n -> pattern(n,
                            named.at("ref"), GIT_REF, "must be a branch name (protect it in GitLab)")).orElse(null);
                    if (ref == null) {
                        ok = false;
                    } else {
                        oidc = Optional.of(new OidcTrust(issuer, audience, List.of(subjectScope + ref), claims));
                    }
                }
                case OIDC -> {
                    List<String> subjects = ek == null ? List.of() : required(ek, "subjects", item, named)
                            .map(n -> strings(n, named.at("subjects"), SUBJECT, "must be sub claims (printable, no "
                                    + "spaces, at most 255 characters)")).orElse(List.of());
                    for (String sub : subjects) {
                        String wildcardProblem = wildcardProblem(sub);
                        if (wildcardProblem != null) {
                            problem(ek.get("subjects").getValueNode(), named.at("subjects"), "'" + sub + "' "
                                    + wildcardProblem);
                            ok = false;
                        }
                    }
                    if (subjects.isEmpty()) {
                        if (ek != null && ek.containsKey("subjects")) {
                            problem(ek.get("subjects").getValueNode(), named.at("subjects"), "is empty");
                        }
                        ok = false;
                    } else {
                        oidc = Optional.of(new OidcTrust(issuer, audience, subjects, claims));
                    }
                }
                default -> {
                    String arn = ek == null ? null : required(ek, "roleArn", item, named).map(n -> pattern(n,
                            named.at("roleArn"), ROLE_ARN, "must be an IAM role ARN")).orElse(null);
                    if (arn != null) {
                        var rm = ROLE_ARN.matcher(arn);
                        if (rm.matches() && vendorAccount != null && !rm.group(1).equals(vendorAccount)) {
                            problem(ek.get("roleArn").getValueNode(), named.at("roleArn"), arn + " is not in the "
                                    + "vendor's account " + vendorAccount + "; only the vendor's own roles may assume "
                                    + "its deploy roles (in accountModel single-account that is the core account)");
                            arn = null;
                        }
                    }
                    if (arn == null) {
                        ok = false;
                    } else {
                        trustedRole = Optional.of(arn);
                    }
                }
            }
            if (!ok) {
                continue;
            }
            oidc.ifPresent(t -> t.subjects().forEach(sub -> subjectClaims.add(new SubjectClaim(t.issuerUrl(), sub,
                    vendorId + "/" + name, item, named))));
            identities.add(new Identity(name, kind, envStages, oidc, trustedRole));
        }
        return identities;
    }

    /** Null when the subject's wildcards are allowed: only one '*' at its very end, after a scope of its own. */
    static String wildcardProblem(String subject) {
        int star = subject.indexOf('*');
        if (subject.indexOf('?') >= 0 || (star >= 0 && star != subject.length() - 1)) {
            return "may use a wildcard only as one '*' at its end ('?' and inner '*' could match other subjects)";
        }
        if (star >= 0 && (subject.indexOf(':') < 0 || subject.indexOf(':') > star - 2
                || subject.substring(0, star).replace(":", "").length() < 8)) {
            return "has a '*' without a scope of its own in front of it: write at least 'scope:value:' before the '*' "
                    + "(a short prefix could match another vendor's tokens)";
        }
        return null;
    }

    /** Whether one token's sub could satisfy both subjects (each exact or ending with '*'). */
    static boolean subjectsOverlap(String a, String b) {
        boolean wa = a.endsWith("*");
        boolean wb = b.endsWith("*");
        String la = wa ? a.substring(0, a.length() - 1) : a;
        String lb = wb ? b.substring(0, b.length() - 1) : b;
        if (wa && wb) {
            return la.startsWith(lb) || lb.startsWith(la);
        }
        if (wa) {
            return b.startsWith(la);
        }
        if (wb) {
            return a.startsWith(lb);
        }
        return a.equals(b);
    }

    /** No token may be accepted by two identities: that would let one environment (or vendor) act as another. */
    private void oidcSubjectsMustNotOverlap(Node vendorsNode) {
        for (int i = 0; i < subjectClaims.size(); i++) {
            for (int j = i + 1; j < subjectClaims.size(); j++) {
                SubjectClaim a = subjectClaims.get(i);
                SubjectClaim b = subjectClaims.get(j);
                if (a.issuer().equals(b.issuer()) && !a.owner().equals(b.owner())
                        && subjectsOverlap(a.subject(), b.subject())) {
                    problem(b.node(), b.ctx().at("subjects"), "subject '" + b.subject() + "' of " + b.owner()
                            + " can match the same tokens of " + a.issuer() + " as '" + a.subject() + "' of " + a.owner()
                            + "; each identity must accept only its own environment's tokens");
                }
            }
        }
    }

    private IdentityKind identityKind(Node node, Ctx ctx) {
        String value = string(node, ctx);
        if (value == null) {
            return null;
        }
        for (IdentityKind k : IdentityKind.values()) {
            if (k != IdentityKind.IAM_USER && k.yamlName().equals(value)) {
                return k;
            }
        }
        problem(node, ctx, "unknown kind '" + value + "'; use github-oidc, gitlab-oidc, oidc or aws-role (the IAM "
                + "user is iamUser: true)");
        return null;
    }

    /** The custom domain block as far as it is valid; fields left null were reported. */
    private static final class DomainDraft {
        String name;
        String certificateArn;
        String stage;
    }

    private DomainDraft customDomain(Node node, Ctx ctx, String region, String coreAccount) {
        Map<String, NodeTuple> keys = mapping(node, ctx, CUSTOM_DOMAIN_KEYS);
        if (keys == null) {
            return null;
        }
        DomainDraft d = new DomainDraft();
        d.name = required(keys, "name", node, ctx).map(n -> domainName(n, ctx.at("name"))).orElse(null);
        d.certificateArn = required(keys, "certificateArn", node, ctx)
                .map(n -> certificateArn(n, ctx.at("certificateArn"), region, coreAccount)).orElse(null);
        d.stage = optional(keys, "stage").map(n -> pattern(n, ctx.at("stage"), STAGE_NAME, "must be a stage name: "
                + "lowercase letters, digits, '-' or '_', starting with a letter, at most 32 characters"))
                .orElse(keys.containsKey("stage") ? null : DEFAULT_DOMAIN_STAGE);
        return d;
    }

    private String domainName(Node node, Ctx ctx) {
        String name = string(node, ctx);
        if (name == null) {
            return null;
        }
        if (name.length() > MAX_DOMAIN_NAME_LENGTH) {
            problem(node, ctx, "is " + name.length() + " characters; a DNS name has at most " + MAX_DOMAIN_NAME_LENGTH);
            return null;
        }
        if (!DOMAIN_NAME.matcher(name).matches()) {
            problem(node, ctx, "must be a lowercase DNS name of at least two labels, e.g. api.example.com (letters, "
                    + "digits and '-' per label, at most 63 characters each, no trailing dot) (got '" + name + "')");
            return null;
        }
        return name;
    }

    private String certificateArn(Node node, Ctx ctx, String region, String coreAccount) {
        String arn = string(node, ctx);
        if (arn == null) {
            return null;
        }
        var m = ACM_CERTIFICATE_ARN.matcher(arn);
        if (!m.matches()) {
            problem(node, ctx, "must be an ACM certificate ARN, arn:aws:acm:<region>:<12-digit account>:certificate/"
                    + "<uuid> (got '" + arn + "')");
            return null;
        }
        if (region != null && !m.group(1).equals(region)) {
            problem(node, ctx, "the certificate is in " + m.group(1) + ", but the domain is a regional endpoint in "
                    + region + ": API Gateway needs the certificate in the same region; request or import it in "
                    + region);
            return null;
        }
        if (coreAccount != null && !m.group(2).equals(coreAccount)) {
            problem(node, ctx, "the certificate is in account " + m.group(2) + ", not the core account " + coreAccount
                    + ": API Gateway only uses certificates of its own account");
            return null;
        }
        return arn;
    }

    /** The vendor's host label under the custom domain: given, or its id; unique across vendors. */
    private String subdomain(Map<String, NodeTuple> keys, Ctx ctx, String id, boolean hasDomain, DomainDraft domain,
                             Map<String, String> seen) {
        Optional<Node> node = optional(keys, "subdomain");
        if (node.isPresent() && !hasDomain) {
            problem(node.get(), ctx.at("subdomain"), "is set but the registry has no customDomain; add a customDomain "
                    + "block or remove subdomain");
            return null;
        }
        String label = node.map(n -> pattern(n, ctx.at("subdomain"), SUBDOMAIN, "must be one lowercase DNS label "
                + "(letters, digits, '-', at most 63 characters): the vendor's host is <subdomain>.<customDomain.name>"))
                .orElse(id);
        if (label != null && id != null && domain != null) {
            if (domain.name != null && label.length() + 1 + domain.name.length() > MAX_DOMAIN_NAME_LENGTH) {
                problem(node.orElse(keys.get("id").getValueNode()), ctx.at(node.isPresent() ? "subdomain" : "id"),
                        "the host name " + label + "." + domain.name + " is longer than " + MAX_DOMAIN_NAME_LENGTH
                                + " characters");
            }
            String previous = seen.putIfAbsent(label, id);
            if (previous != null) {
                problem(node.orElse(keys.get("id").getValueNode()), ctx.at(node.isPresent() ? "subdomain" : "id"),
                        "subdomain '" + label + "' is already used by vendor '" + previous + "'"
                                + (node.isPresent() ? "" : " (the subdomain defaults to the id)")
                                + "; each vendor needs a host name of its own");
            }
        }
        return label;
    }

    // ---- scalar readers: each reports its own problem and returns null ----

    private String vendorId(Node node, Ctx ctx) {
        String id = string(node, ctx);
        if (id == null) {
            return null;
        }
        if (!VENDOR_ID.matcher(id).matches()) {
            problem(node, ctx, "'" + id + "' must be lowercase letters and digits in dash-separated words, "
                    + "starting with a letter (e.g. vendor-a): it names the API, log groups and IAM identities");
            return null;
        }
        if (id.length() > MAX_VENDOR_ID_LENGTH) {
            problem(node, ctx, "'" + id + "' is " + id.length() + " characters; at most " + MAX_VENDOR_ID_LENGTH
                    + " so that the IAM role name '" + Names.roleName("<id>") + "' fits IAM's 64-character limit");
            return null;
        }
        return id;
    }

    private String accountId(Node node, Ctx ctx) {
        if (node instanceof ScalarNode s && !Tag.STR.equals(s.getTag())) {
            problem(node, ctx, "write the account id in quotes, e.g. \"" + s.getValue() + "\": unquoted, YAML "
                    + "reads it as a number and a leading zero would be lost");
            return null;
        }
        return pattern(node, ctx, ACCOUNT_ID, "must be exactly 12 digits");
    }

    private AccountModel accountModel(Node node, Ctx ctx) {
        String value = string(node, ctx);
        if (value == null) {
            return null;
        }
        for (AccountModel m : AccountModel.values()) {
            if (m.yamlName().equals(value)) {
                return m;
            }
        }
        problem(node, ctx, "unknown account model '" + value + "'; use vendor-accounts (default: each vendor builds "
                + "in its own account) or single-account (everything in the core account, isolated by tags)");
        return null;
    }

    /**
     * In one shared account some isolation rests on name prefixes ("vendor-a-" for functions, layers and
     * /aws/lambda/ log groups): an id that is another id plus "-…" would let the shorter one match the longer
     * one's names.
     */
    private void namePrefixesMustNotOverlap(List<Node> items, List<Vendor> vendors) {
        for (int i = 0; i < vendors.size(); i++) {
            for (Vendor other : vendors) {
                Vendor v = vendors.get(i);
                if (v != other && other.id().startsWith(Names.namePrefix(v.id()))) {
                    Node idNode = items.stream().filter(n -> n instanceof MappingNode).flatMap(n ->
                                    ((MappingNode) n).getValue().stream())
                            .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("id")
                                    && t.getValueNode() instanceof ScalarNode val && val.getValue().equals(other.id()))
                            .map(NodeTuple::getValueNode).findFirst().orElse(items.get(0));
                    problem(idNode, new Ctx(other.id(), "id"), "'" + other.id() + "' starts with '"
                            + Names.namePrefix(v.id()) + "', the name prefix of vendor '" + v.id() + "': in "
                            + "accountModel single-account functions, layers and log groups are isolated by that "
                            + "prefix, so '" + v.id() + "' could reach them; rename one of the two");
                }
            }
        }
    }

    private Integration integration(Node node, Ctx ctx) {
        String value = string(node, ctx);
        if (value == null) {
            return null;
        }
        for (Integration i : Integration.values()) {
            if (i.yamlName().equals(value)) {
                return i;
            }
        }
        problem(node, ctx, "unknown integration type '" + value + "'; use lambda or http");
        return null;
    }

    private Integer retention(Node node, Ctx ctx) {
        Integer days = integer(node, ctx, 1, 3653);
        if (days != null && !RETENTION_DAYS.contains(days)) {
            problem(node, ctx, days + " is not a retention CloudWatch Logs accepts; use one of "
                    + RETENTION_DAYS.stream().sorted().toList());
            return null;
        }
        return days;
    }

    private String pattern(Node node, Ctx ctx, Pattern p, String rule) {
        String value = string(node, ctx);
        if (value != null && !p.matcher(value).matches()) {
            problem(node, ctx, rule + " (got '" + value + "')");
            return null;
        }
        return value;
    }

    private List<String> strings(Node node, Ctx ctx, Pattern p, String rule) {
        List<Node> items = sequence(node, ctx);
        if (items == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String v = pattern(items.get(i), ctx.at("[" + i + "]"), p, rule);
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }

    private String string(Node node, Ctx ctx) {
        if (!(node instanceof ScalarNode s) || Tag.NULL.equals(s.getTag())) {
            problem(node, ctx, "must be a single value, not " + kind(node));
            return null;
        }
        if (s.getValue().isBlank()) {
            problem(node, ctx, "must not be empty");
            return null;
        }
        return s.getValue();
    }

    private Double number(Node node, Ctx ctx, double min, double max) {
        if (!(node instanceof ScalarNode s) || !(Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()))) {
            problem(node, ctx, "must be a number, not " + kind(node));
            return null;
        }
        double v;
        try {
            v = Double.parseDouble(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            problem(node, ctx, "must be a decimal number (got '" + s.getValue() + "')");
            return null;
        }
        if (v < min || v > max) {
            problem(node, ctx, "must be between " + fmt(min) + " and " + fmt(max) + " (got " + fmt(v) + ")");
            return null;
        }
        return v;
    }

    private Integer integer(Node node, Ctx ctx, int min, int max) {
        if (!(node instanceof ScalarNode s) || !Tag.INT.equals(s.getTag())) {
            problem(node, ctx, "must be a whole number, not " + kind(node));
            return null;
        }
        long v;
        try {
            v = Long.parseLong(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            problem(node, ctx, "must be a decimal whole number (got '" + s.getValue() + "')");
            return null;
        }
        if (v < min || v > max) {
            problem(node, ctx, "must be between " + min + " and " + max + " (got " + v + ")");
            return null;
        }
        return (int) v;
    }

    private Boolean bool(Node node, Ctx ctx) {
        if (!(node instanceof ScalarNode s) || !Tag.BOOL.equals(s.getTag())) {
            problem(node, ctx, "must be true or false, not " + kind(node));
            return null;
        }
        return Boolean.valueOf(s.getValue().toLowerCase(java.util.Locale.ROOT).matches("true|yes|on|y"));
    }

    // ---- structure readers ----

    private Map<String, NodeTuple> mapping(Node node, Ctx ctx, Set<String> allowed) {
        if (!(node instanceof MappingNode m)) {
            problem(node, ctx, "must be a mapping (key: value lines), not " + kind(node));
            return null;
        }
        Map<String, NodeTuple> keys = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            String key = k instanceof ScalarNode s ? s.getValue() : "?";
            if (!allowed.contains(key)) {
                problem(k, ctx.at(key), "unknown key; allowed here: " + allowed.stream().sorted().toList());
            } else if (keys.putIfAbsent(key, t) != null) {
                problem(k, ctx.at(key), "is set twice (first on line " + line(keys.get(key).getKeyNode()) + ")");
            }
        }
        return keys;
    }

    private List<Node> sequence(Node node, Ctx ctx) {
        if (!(node instanceof SequenceNode s)) {
            problem(node, ctx, "must be a list, not " + kind(node));
            return null;
        }
        return s.getValue();
    }

    private Optional<Node> required(Map<String, NodeTuple> keys, String key, Node parent, Ctx ctx) {
        NodeTuple t = keys.get(key);
        if (t == null) {
            problem(parent, ctx.at(key), "is required");
            return Optional.empty();
        }
        return Optional.of(t.getValueNode());
    }

    private static Optional<Node> optional(Map<String, NodeTuple> keys, String key) {
        return Optional.ofNullable(keys.get(key)).map(NodeTuple::getValueNode);
    }

    private void problem(Node node, Ctx ctx, String message) {
        StringBuilder b = new StringBuilder(source).append(':').append(line(node)).append(": ");
        if (ctx.vendor != null) {
            b.append("vendor '").append(ctx.vendor).append("', ");
        }
        b.append("field '").append(ctx.path).append("': ").append(message);
        problems.add(b.toString());
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    private static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        return Tag.NULL.equals(s.getTag()) ? "empty" : "'" + s.getValue() + "'";
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Where a problem is: the vendor (id, or "#n" before the id is known) and the dotted field path. */
    private record Ctx(String vendor, String path) {
        Ctx at(String child) {
            if (path.isEmpty()) {
                return new Ctx(vendor, child);
            }
            return new Ctx(vendor, child.startsWith("[") ? path + child : path + "." + child);
        }
    }

    private record Defaults(double rateLimit, int burstLimit, int logRetentionDays) {
    }
}
