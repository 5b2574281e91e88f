package dev.multivendor.coreinfra;

import dev.multivendor.coreinfra.Registry.AccountModel;
import dev.multivendor.coreinfra.Registry.Identity;
import dev.multivendor.coreinfra.Registry.IdentityKind;
import dev.multivendor.coreinfra.Registry.Integration;
import dev.multivendor.coreinfra.Registry.Owners;
import dev.multivendor.coreinfra.Registry.Stage;
import dev.multivendor.coreinfra.Registry.Vendor;
import dev.multivendor.coreinfra.YamlReader.Field;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.multivendor.coreinfra.YamlReader.line;
import static dev.multivendor.coreinfra.YamlReader.optional;

/**
 * Reads one entry of the registry's {@code vendors} list: id, account, integration, owners, stages with their
 * throttling, identities (its {@code ci} block through {@link CiIdentityReader}, and the IAM user), log retention and
 * its host label under the custom domain. Ids and host labels must be unique across the entries it reads.
 */
final class VendorReader {

    /** IAM role and user names are limited to 64 characters; the longest name we derive is "{id}-deploy". */
    static final int MAX_VENDOR_ID_LENGTH = AwsRules.MAX_IAM_NAME_LENGTH - Names.ROLE_SUFFIX.length();
    static final Set<String> VENDOR_KEYS = Set.of("id", "accountId", "integration", "description", "owners",
            "stages", "ci", "iamUser", "logRetentionDays", "subdomain");
    static final Set<String> STAGE_KEYS = Set.of("name", "rateLimit", "burstLimit");
    static final Set<String> OWNER_KEYS = Set.of("team", "email");

    static final Pattern VENDOR_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final String STAGE_NAME_RULE = "must be lowercase letters, digits, '-' or '_', starting with a "
            + "letter, at most 32 characters";

    /** What {@code defaults} sets for every vendor that does not set its own. */
    record Defaults(double rateLimit, int burstLimit, int logRetentionDays) {
    }

    /**
     * What the registry's top-level keys decide for every vendor.
     *
     * @param coreAccount the core account (null when invalid, reported)
     * @param model       the account model (null when invalid, reported: then accountId is neither required nor refused)
     * @param accountRate the account's rate quota, the upper bound of every stage rate
     * @param defaults    the stage and log defaults
     * @param hasDomain   whether the registry has a customDomain key at all
     * @param domain      the custom domain as far as it is valid; null without one
     */
    record Settings(String coreAccount, AccountModel model, double accountRate, Defaults defaults, boolean hasDomain,
                    RegistryLoader.DomainDraft domain) {
    }

    private final YamlReader yaml;
    private final AwsRules aws;
    private final CiIdentityReader ci;
    private final Settings settings;
    private final Map<String, Integer> seenIds = new LinkedHashMap<>();
    private final Map<String, String> seenSubdomains = new LinkedHashMap<>();

    VendorReader(YamlReader yaml, AwsRules aws, CiIdentityReader ci, Settings settings) {
        this.yaml = yaml;
        this.aws = aws;
        this.ci = ci;
        this.settings = settings;
    }

    /** The vendor at {@code index} of the list; null when it has problems (all reported). */
    Vendor read(Node node, int index) {
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
        Field c = new Field(label, "");
        int before = yaml.problemCount();
        Map<String, NodeTuple> keys = yaml.mapping(node, c, VENDOR_KEYS);
        if (keys == null) {
            return null;
        }
        String id = yaml.required(keys, "id", node, c).map(n -> vendorId(n, c.at("id"))).orElse(null);
        if (id != null) {
            Integer previous = seenIds.putIfAbsent(id, line(keys.get("id").getValueNode()));
            if (previous != null) {
                yaml.problem(keys.get("id").getValueNode(), c.at("id"),
                        "duplicate vendor id: already used on line " + previous + "; ids must be unique");
            }
        }
        String accountId = accountId(keys, node, c);
        Integration integration = yaml.required(keys, "integration", node, c)
                .map(n -> integration(n, c.at("integration"))).orElse(null);
        String description = optional(keys, "description").map(n -> yaml.string(n, c.at("description"))).orElse("");
        Owners owners = yaml.required(keys, "owners", node, c).map(n -> owners(n, c.at("owners"))).orElse(null);
        List<Stage> stages = yaml.required(keys, "stages", node, c).map(n -> stages(n, c.at("stages")))
                .orElse(List.of());
        List<Identity> identities = identities(keys, node, c, id, accountId, stages);
        int retention = optional(keys, "logRetentionDays").map(n -> aws.retention(n, c.at("logRetentionDays")))
                .orElse(settings.defaults().logRetentionDays());
        String subdomain = subdomain(keys, c, id);
        RegistryLoader.DomainDraft domain = settings.domain();
        if (domain != null && domain.stage() != null && keys.containsKey("stages") && !stages.isEmpty()
                && stages.stream().noneMatch(s -> domain.stage().equals(s.name()))) {
            yaml.problem(keys.get("stages").getValueNode(), c.at("stages"), "has no stage '" + domain.stage() + "', "
                    + "the stage customDomain.stage maps on the domain for every vendor; add it, or set "
                    + "customDomain.stage to a stage every vendor has");
        }
        if (yaml.problemCount() > before) {
            return null;
        }
        return new Vendor(id, accountId, integration, description, owners, stages, identities, retention, subdomain);
    }

    private String accountId(Map<String, NodeTuple> keys, Node node, Field c) {
        String coreAccount = settings.coreAccount();
        AccountModel model = settings.model();
        String accountId;
        if (model == AccountModel.SINGLE_ACCOUNT) {
            // One account for everything: the vendor's implementation runs in the core account.
            if (keys.containsKey("accountId")) {
                yaml.problem(keys.get("accountId").getValueNode(), c.at("accountId"), "accountModel is single-account: "
                        + "vendors have no account of their own (their functions, roles and logs live in the core "
                        + "account" + (coreAccount == null ? "" : " " + coreAccount) + "); remove accountId, or set "
                        + "accountModel: vendor-accounts");
            }
            accountId = coreAccount;
        } else if (model == null) {
            // The account model itself is invalid (already reported): do not guess whether accountId belongs here.
            accountId = optional(keys, "accountId").map(n -> aws.accountId(n, c.at("accountId"))).orElse(null);
        } else {
            accountId = yaml.required(keys, "accountId", node, c).map(n -> aws.accountId(n, c.at("accountId")))
                    .orElse(null);
        }
        if (model != AccountModel.SINGLE_ACCOUNT && accountId != null && accountId.equals(coreAccount)) {
            yaml.problem(keys.get("accountId").getValueNode(), c.at("accountId"), "is the core account "
                    + coreAccount + "; each vendor builds in its own AWS account");
        }
        return accountId;
    }

    /** The CI identities of {@code ci}, plus the IAM user unless {@code iamUser: false}; every stage has a deployer. */
    private List<Identity> identities(Map<String, NodeTuple> keys, Node node, Field c, String id, String accountId,
                                      List<Stage> stages) {
        boolean iamUser = optional(keys, "iamUser").map(n -> yaml.bool(n, c.at("iamUser"))).orElse(true);
        List<Identity> identities = new ArrayList<>(optional(keys, "ci")
                .map(n -> ci.read(n, c.at("ci"), id, accountId, stages)).orElse(List.of()));
        if (iamUser) {
            identities.add(new Identity(CiIdentityReader.IAM_USER_IDENTITY, IdentityKind.IAM_USER,
                    stages.stream().map(Stage::name).toList(), Optional.empty(), Optional.empty()));
        }
        for (Stage st : stages) {
            if (keys.containsKey("ci") && identities.stream().noneMatch(i -> i.stages().contains(st.name()))) {
                yaml.problem(keys.get("ci").getValueNode(), c.at("ci.environments"), "no identity deploys stage '"
                        + st.name() + "'; map it to an environment (or keep iamUser: true)");
            }
        }
        if (!keys.containsKey("ci") && !iamUser) {
            yaml.problem(node, c.at("ci"), "is required when iamUser is false: the vendor needs at least one identity "
                    + "to deploy with; set ci (kind github-oidc, gitlab-oidc, oidc or aws-role) or iamUser: true");
        }
        return identities;
    }

    private List<Stage> stages(Node node, Field field) {
        List<Node> items = yaml.sequence(node, field);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            yaml.problem(node, field, "is empty; list at least one stage, e.g. [dev, prod]");
            return List.of();
        }
        Defaults defaults = settings.defaults();
        List<Stage> stages = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            Field s = field.at("[" + i + "]");
            String name;
            double rate = defaults.rateLimit();
            int burst = defaults.burstLimit();
            Node nameNode = item;
            if (item instanceof ScalarNode) {
                name = aws.stageName(item, s, STAGE_NAME_RULE);
            } else {
                Map<String, NodeTuple> keys = yaml.mapping(item, s, STAGE_KEYS);
                if (keys == null) {
                    continue;
                }
                Optional<Node> n = yaml.required(keys, "name", item, s);
                nameNode = n.orElse(item);
                name = n.map(x -> aws.stageName(x, s.at("name"), STAGE_NAME_RULE)).orElse(null);
                Field named = name == null ? s : field.at("[" + name + "]");
                rate = optional(keys, "rateLimit").map(x -> yaml.number(x, named.at("rateLimit"),
                        AwsRules.MIN_RATE_LIMIT, settings.accountRate())).orElse(rate);
                burst = optional(keys, "burstLimit").map(x -> yaml.integer(x, named.at("burstLimit"), 1,
                        AwsRules.MAX_BURST_LIMIT)).orElse(burst);
            }
            if (name != null && !names.add(name)) {
                yaml.problem(nameNode, s, "stage '" + name + "' is listed twice");
            }
            stages.add(new Stage(name, rate, burst));
        }
        return stages;
    }

    private Owners owners(Node node, Field field) {
        Map<String, NodeTuple> keys = yaml.mapping(node, field, OWNER_KEYS);
        if (keys == null) {
            return null;
        }
        String team = yaml.required(keys, "team", node, field).map(n -> aws.tagValue(n, field.at("team")))
                .orElse(null);
        String email = yaml.required(keys, "email", node, field).map(n -> yaml.pattern(n, field.at("email"), EMAIL,
                "must be an e-mail address")).orElse(null);
        return new Owners(team, email);
    }

    private String vendorId(Node node, Field field) {
        String id = yaml.string(node, field);
        if (id == null) {
            return null;
        }
        if (!VENDOR_ID.matcher(id).matches()) {
            yaml.problem(node, field, "'" + id + "' must be lowercase letters and digits in dash-separated words, "
                    + "starting with a letter (e.g. vendor-a): it names the API, log groups and IAM identities");
            return null;
        }
        if (id.length() > MAX_VENDOR_ID_LENGTH) {
            yaml.problem(node, field, "'" + id + "' is " + id.length() + " characters; at most " + MAX_VENDOR_ID_LENGTH
                    + " so that the IAM role name '" + Names.roleName("<id>") + "' fits IAM's 64-character limit");
            return null;
        }
        return id;
    }

    private Integration integration(Node node, Field field) {
        String value = yaml.string(node, field);
        if (value == null) {
            return null;
        }
        for (Integration i : Integration.values()) {
            if (i.yamlName().equals(value)) {
                return i;
            }
        }
        yaml.problem(node, field, "unknown integration type '" + value + "'; use lambda or http");
        return null;
    }

    /** The vendor's host label under the custom domain: given, or its id; unique across vendors. */
    private String subdomain(Map<String, NodeTuple> keys, Field c, String id) {
        Optional<Node> node = optional(keys, "subdomain");
        if (node.isPresent() && !settings.hasDomain()) {
            yaml.problem(node.get(), c.at("subdomain"), "is set but the registry has no customDomain; add a "
                    + "customDomain block or remove subdomain");
            return null;
        }
        String label = node.map(n -> yaml.pattern(n, c.at("subdomain"), AwsRules.DNS_LABEL, "must be one lowercase "
                + "DNS label (letters, digits, '-', at most 63 characters): the vendor's host is "
                + "<subdomain>.<customDomain.name>")).orElse(id);
        RegistryLoader.DomainDraft domain = settings.domain();
        if (label != null && id != null && domain != null) {
            Node at = node.orElse(keys.get("id").getValueNode());
            Field where = c.at(node.isPresent() ? "subdomain" : "id");
            if (domain.name() != null
                    && label.length() + 1 + domain.name().length() > AwsRules.MAX_DOMAIN_NAME_LENGTH) {
                yaml.problem(at, where, "the host name " + label + "." + domain.name() + " is longer than "
                        + AwsRules.MAX_DOMAIN_NAME_LENGTH + " characters");
            }
            String previous = seenSubdomains.putIfAbsent(label, id);
            if (previous != null) {
                yaml.problem(at, where, "subdomain '" + label + "' is already used by vendor '" + previous + "'"
                        + (node.isPresent() ? "" : " (the subdomain defaults to the id)")
                        + "; each vendor needs a host name of its own");
            }
        }
        return label;
    }
}
