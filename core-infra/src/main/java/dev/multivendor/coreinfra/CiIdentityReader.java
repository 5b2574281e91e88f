package dev.multivendor.coreinfra;

import dev.multivendor.coreinfra.Registry.Identity;
import dev.multivendor.coreinfra.Registry.IdentityKind;
import dev.multivendor.coreinfra.Registry.OidcTrust;
import dev.multivendor.coreinfra.Registry.Stage;
import dev.multivendor.coreinfra.RegistryRules.SubjectClaim;
import dev.multivendor.coreinfra.YamlReader.Field;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.multivendor.coreinfra.YamlReader.kind;
import static dev.multivendor.coreinfra.YamlReader.optional;

/**
 * Reads a vendor's {@code ci} block into its deploy identities, one per CI environment, each trusted only by that
 * environment of the vendor's CI and allowed to deploy only its stages. {@code kind} decides which keys are allowed
 * and what the trust checks: GitHub's and gitlab.com's immutable id claims, any OIDC issuer's subjects, or one role
 * in the vendor's own account.
 */
final class CiIdentityReader {

    /** The name of the IAM user's identity in the onboarding kit; no CI environment may take it. */
    static final String IAM_USER_IDENTITY = "iam-user";
    static final String DEFAULT_GITLAB_HOST = "gitlab.com";
    /** The audience the official AWS credential actions request, and the default for GitLab. */
    static final String STS_AUDIENCE = "sts.amazonaws.com";

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

    private static final Pattern GITHUB_REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    /** A CI environment name: GitHub's environment characters that are also legal in an IAM role name. */
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern NUMERIC_ID = Pattern.compile("[1-9][0-9]{0,19}");
    private static final Pattern GITLAB_PROJECT = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");
    private static final Pattern GIT_REF = Pattern.compile("[A-Za-z0-9_./-]{1,255}");
    private static final Pattern HOST = Pattern.compile(
            "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
    private static final Pattern ISSUER = Pattern.compile("https://[a-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/-]*)?");
    private static final Pattern SUBJECT = Pattern.compile("[\\x21-\\x7E]{1,255}");

    /**
     * What every environment of one {@code ci} block shares: the issuer, the audience, the id claims the trust
     * checks and what each subject is built from (GitHub, GitLab); all null for aws-role.
     */
    private record Issuer(String url, String audience, Map<String, String> claims, String subjectScope) {
    }

    /** One vendor's {@code ci} block as far as it is read: its node and keys, where it is, its kind and issuer. */
    private record Block(Node node, Map<String, NodeTuple> keys, Field field, IdentityKind kind, Issuer issuer) {
    }

    /** The vendor the block belongs to: its id and account (null when invalid, reported) and its stages. */
    private record Owner(String vendorId, String vendorAccount, List<Stage> stages) {
    }

    private final YamlReader yaml;
    private final AwsRules aws;
    private final List<SubjectClaim> subjectClaims = new ArrayList<>();

    CiIdentityReader(YamlReader yaml, AwsRules aws) {
        this.yaml = yaml;
        this.aws = aws;
    }

    /** Every OIDC subject accepted so far, with its owner: for the check that no two identities share a token. */
    List<SubjectClaim> subjectClaims() {
        return subjectClaims;
    }

    /** The identities of one vendor's {@code ci} block; those with problems are left out (and reported). */
    List<Identity> read(Node node, Field field, String vendorId, String vendorAccount, List<Stage> stages) {
        if (!(node instanceof MappingNode)) {
            yaml.problem(node, field, "must be a mapping (key: value lines), not " + kind(node));
            return List.of();
        }
        Node kindNode = YamlReader.peek(node, "kind");
        if (kindNode == null) {
            yaml.problem(node, field.at("kind"), "is required: github-oidc, gitlab-oidc, oidc or aws-role (or leave ci "
                    + "out and keep iamUser: true for the IAM user alone)");
            return List.of();
        }
        IdentityKind kind = identityKind(kindNode, field.at("kind"));
        if (kind == null) {
            return List.of();
        }
        Map<String, NodeTuple> keys = yaml.mapping(node, field, CI_KEYS.get(kind));
        if (keys == null) {
            return List.of();
        }
        Issuer issuer = switch (kind) {
            case GITHUB_OIDC -> github(keys, node, field);
            case GITLAB_OIDC -> gitlab(keys, node, field);
            case OIDC -> anyIssuer(keys, node, field);
            default -> new Issuer(null, null, new LinkedHashMap<>(), null);
        };
        if (issuer == null) {
            return List.of();
        }
        return environments(new Block(node, keys, field, kind, issuer), new Owner(vendorId, vendorAccount, stages));
    }

    private IdentityKind identityKind(Node node, Field field) {
        String value = yaml.string(node, field);
        if (value == null) {
            return null;
        }
        for (IdentityKind k : IdentityKind.values()) {
            if (k != IdentityKind.IAM_USER && k.yamlName().equals(value)) {
                return k;
            }
        }
        yaml.problem(node, field, "unknown kind '" + value + "'; use github-oidc, gitlab-oidc, oidc or aws-role (the "
                + "IAM user is iamUser: true)");
        return null;
    }

    private Issuer github(Map<String, NodeTuple> keys, Node node, Field field) {
        String repo = yaml.required(keys, "repository", node, field).map(n -> yaml.pattern(n, field.at("repository"),
                GITHUB_REPO, "must be 'owner/repository' as on GitHub")).orElse(null);
        String repoId = yaml.required(keys, "repositoryId", node, field).map(n -> yaml.pattern(n,
                field.at("repositoryId"), NUMERIC_ID, "must be the repository's numeric id (GitHub API: GET "
                        + "/repos/OWNER/REPO, field id); names can be re-registered by someone else, ids cannot"))
                .orElse(null);
        String ownerId = yaml.required(keys, "repositoryOwnerId", node, field).map(n -> yaml.pattern(n,
                field.at("repositoryOwnerId"), NUMERIC_ID, "must be the owner's numeric id (GitHub API: field "
                        + "owner.id)")).orElse(null);
        if (repo == null || repoId == null || ownerId == null) {
            return null;
        }
        // AWS STS evaluates these GitHub claims as condition keys besides sub and aud (IAM Service Authorization
        // Reference, condition keys for AWS STS): ids, unlike names, cannot be registered again.
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("repository_id", repoId);
        claims.put("repository_owner_id", ownerId);
        return new Issuer("https://" + Names.GITHUB_OIDC_HOST, STS_AUDIENCE, claims, "repo:" + repo + ":environment:");
    }

    private Issuer gitlab(Map<String, NodeTuple> keys, Node node, Field field) {
        String host = optional(keys, "host").map(n -> yaml.pattern(n, field.at("host"), HOST,
                "must be the GitLab instance's host name, e.g. gitlab.com")).orElse(DEFAULT_GITLAB_HOST);
        String url = host == null ? null : "https://" + host;
        String audience = optional(keys, "audience").map(n -> yaml.pattern(n, field.at("audience"), SUBJECT,
                "must be the aud the job requests in id_tokens")).orElse(STS_AUDIENCE);
        String project = yaml.required(keys, "project", node, field).map(n -> yaml.pattern(n, field.at("project"),
                GITLAB_PROJECT, "must be the project's path, 'group/project'")).orElse(null);
        String projectId = yaml.required(keys, "projectId", node, field).map(n -> yaml.pattern(n,
                field.at("projectId"), NUMERIC_ID, "must be the project's numeric id (Settings > General); paths can "
                        + "be taken over, ids cannot")).orElse(null);
        String namespaceId = yaml.required(keys, "namespaceId", node, field).map(n -> yaml.pattern(n,
                field.at("namespaceId"), NUMERIC_ID, "must be the numeric id of the project's group or user "
                        + "namespace")).orElse(null);
        if (url == null || audience == null || project == null || projectId == null || namespaceId == null) {
            return null;
        }
        Map<String, String> claims = new LinkedHashMap<>();
        if (DEFAULT_GITLAB_HOST.equals(host)) {
            // AWS STS evaluates these gitlab.com claims as condition keys (not those of self-managed hosts).
            claims.put("project_id", projectId);
            claims.put("namespace_id", namespaceId);
            claims.put("ref_protected", "true");
        }
        return new Issuer(url, audience, claims, "project_path:" + project + ":ref_type:branch:ref:");
    }

    private Issuer anyIssuer(Map<String, NodeTuple> keys, Node node, Field field) {
        String url = yaml.required(keys, "issuer", node, field).map(n -> yaml.pattern(n, field.at("issuer"), ISSUER,
                "must be the issuer's https URL exactly as in its tokens' iss claim, without a trailing '/'"))
                .orElse(null);
        if (url != null && url.endsWith("/")) {
            yaml.problem(keys.get("issuer").getValueNode(), field.at("issuer"), "must not end with '/'");
            url = null;
        }
        if (url != null && (url.equals("https://" + Names.GITHUB_OIDC_HOST)
                || url.startsWith("https://" + DEFAULT_GITLAB_HOST))) {
            yaml.problem(keys.get("issuer").getValueNode(), field.at("issuer"), "is GitHub's or GitLab's issuer: use "
                    + "kind github-oidc or gitlab-oidc, whose subjects the core builds from ids");
            url = null;
        }
        String audience = yaml.required(keys, "audience", node, field).map(n -> yaml.pattern(n, field.at("audience"),
                SUBJECT, "must be the aud claim of the issuer's tokens")).orElse(null);
        if (url == null || audience == null) {
            return null;
        }
        return new Issuer(url, audience, new LinkedHashMap<>(), null);
    }

    /** One identity per environment (GitHub without {@code environments}: one per stage, named after it). */
    private List<Identity> environments(Block block, Owner owner) {
        Node node = block.node();
        Field field = block.field();
        IdentityKind kind = block.kind();
        Issuer issuer = block.issuer();
        String vendorId = owner.vendorId();
        String vendorAccount = owner.vendorAccount();
        List<Stage> stages = owner.stages();
        boolean envRequired = kind != IdentityKind.GITHUB_OIDC;
        Optional<Node> envNode = optional(block.keys(), "environments");
        if (envNode.isEmpty() && envRequired) {
            yaml.problem(node, field.at("environments"), "is required for kind " + kind.yamlName() + ": list each "
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
            items = yaml.sequence(envNode.get(), field.at("environments"));
            if (items == null) {
                return List.of();
            }
            if (items.isEmpty()) {
                yaml.problem(envNode.get(), field.at("environments"), "is empty; list at least one environment");
                return List.of();
            }
        }
        Set<String> stageNames = new LinkedHashSet<>(stages.stream().map(Stage::name).toList());
        List<Identity> identities = new ArrayList<>();
        Map<String, String> stageOwner = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        int count = items == null ? stages.size() : items.size();
        for (int i = 0; i < count; i++) {
            Field e = field.at("environments[" + i + "]");
            Node item = items == null ? node : items.get(i);
            String name;
            List<String> envStages;
            Map<String, NodeTuple> ek = null;
            if (items == null) {
                name = stages.get(i).name();
                envStages = List.of(name);
            } else if (item instanceof ScalarNode) {
                if (envRequired) {
                    yaml.problem(item, e, "must be a mapping with name, stages and " + (kind == IdentityKind.GITLAB_OIDC
                            ? "ref" : kind == IdentityKind.OIDC ? "subjects" : "roleArn") + " for kind "
                            + kind.yamlName());
                    continue;
                }
                name = yaml.pattern(item, e, ENVIRONMENT, "must be an environment name: letters, digits, '.', '_' or "
                        + "'-', at most 64 characters");
                envStages = name == null ? List.of() : List.of(name);
            } else {
                ek = yaml.mapping(item, e, ENVIRONMENT_KEYS.get(kind));
                if (ek == null) {
                    continue;
                }
                name = yaml.required(ek, "name", item, e).map(n -> yaml.pattern(n, e.at("name"), ENVIRONMENT, "must be "
                        + "an environment name: letters, digits, '.', '_' or '-', at most 64 characters")).orElse(null);
                String fallback = name;
                envStages = optional(ek, "stages").map(n -> yaml.strings(n, e.at("stages"), AwsRules.STAGE_NAME,
                        "must be stage names")).orElse(fallback == null ? List.of() : List.of(fallback));
            }
            if (name == null) {
                continue;
            }
            Field named = field.at("environments[" + name + "]");
            if (name.equals(IAM_USER_IDENTITY)) {
                yaml.problem(item, named.at("name"), "'" + IAM_USER_IDENTITY + "' is the IAM user's identity; name the "
                        + "environment otherwise");
                continue;
            }
            if (!names.add(name)) {
                if (items != null) { // without environments they are the stages, whose repetition is reported there
                    yaml.problem(item, named.at("name"), "environment '" + name + "' is listed twice");
                }
                continue;
            }
            if (vendorId != null && Names.deployRoleName(vendorId, name).length() > AwsRules.MAX_IAM_NAME_LENGTH) {
                yaml.problem(item, named.at("name"), "the role name '" + Names.deployRoleName(vendorId, name) + "' is "
                        + Names.deployRoleName(vendorId, name).length() + " characters; IAM allows 64: shorten the "
                        + "environment or the vendor id");
                continue;
            }
            if (envStages.isEmpty()) {
                yaml.problem(item, named.at("stages"), "lists no stage; an identity deploys at least one stage");
                continue;
            }
            boolean ok = true;
            for (String st : envStages) {
                if (!stageNames.contains(st)) {
                    yaml.problem(item, named.at("stages"), "'" + st + "' is not one of the vendor's stages "
                            + stageNames + (ek == null || !ek.containsKey("stages") ? " (an environment without "
                            + "stages deploys the stage of its own name)" : ""));
                    ok = false;
                } else if (stageOwner.putIfAbsent(st, name) != null) {
                    yaml.problem(item, named.at("stages"), "stage '" + st + "' is already deployed by environment '"
                            + stageOwner.get(st) + "'; each stage has one deploy identity, so that one environment's "
                            + "reviewers guard it");
                    ok = false;
                }
            }
            Optional<OidcTrust> oidc = Optional.empty();
            Optional<String> trustedRole = Optional.empty();
            switch (kind) {
                case GITHUB_OIDC -> {
                    Map<String, String> own = new LinkedHashMap<>(issuer.claims());
                    own.put("environment", name);
                    oidc = Optional.of(new OidcTrust(issuer.url(), issuer.audience(),
                            List.of(issuer.subjectScope() + name), own));
                }
                case GITLAB_OIDC -> {
                    String ref = ek == null ? null : yaml.required(ek, "ref", item, named).map(n -> yaml.pattern(n,
                            named.at("ref"), GIT_REF, "must be a branch name (protect it in GitLab)")).orElse(null);
                    if (ref == null) {
                        ok = false;
                    } else {
                        oidc = Optional.of(new OidcTrust(issuer.url(), issuer.audience(),
                                List.of(issuer.subjectScope() + ref), issuer.claims()));
                    }
                }
                case OIDC -> {
                    List<String> subjects = subjects(ek, item, named);
                    if (subjects == null) {
                        ok = false;
                    } else {
                        oidc = Optional.of(new OidcTrust(issuer.url(), issuer.audience(), subjects, issuer.claims()));
                    }
                }
                default -> {
                    String arn = ek == null ? null : yaml.required(ek, "roleArn", item, named).map(n -> aws.roleArn(n,
                            named.at("roleArn"), vendorAccount, "only the vendor's own roles may assume its deploy "
                                    + "roles (in accountModel single-account that is the core account)")).orElse(null);
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

    /** An OIDC environment's subjects, each with its wildcard checked; null when there is none usable. */
    private List<String> subjects(Map<String, NodeTuple> ek, Node item, Field named) {
        List<String> subjects = ek == null ? List.of() : yaml.required(ek, "subjects", item, named)
                .map(n -> yaml.strings(n, named.at("subjects"), SUBJECT, "must be sub claims (printable, no "
                        + "spaces, at most 255 characters)")).orElse(List.of());
        boolean ok = true;
        for (String sub : subjects) {
            String wildcardProblem = RegistryRules.wildcardProblem(sub);
            if (wildcardProblem != null) {
                yaml.problem(ek.get("subjects").getValueNode(), named.at("subjects"), "'" + sub + "' "
                        + wildcardProblem);
                ok = false;
            }
        }
        if (subjects.isEmpty()) {
            if (ek != null && ek.containsKey("subjects")) {
                yaml.problem(ek.get("subjects").getValueNode(), named.at("subjects"), "is empty");
            }
            return null;
        }
        return ok ? subjects : null;
    }
}
