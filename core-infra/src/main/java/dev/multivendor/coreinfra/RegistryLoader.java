package dev.multivendor.coreinfra;

import dev.multivendor.coreinfra.Registry.AccountModel;
import dev.multivendor.coreinfra.Registry.CustomDomain;
import dev.multivendor.coreinfra.Registry.Vendor;
import dev.multivendor.coreinfra.YamlReader.Field;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.multivendor.coreinfra.YamlReader.optional;

/**
 * Loads the vendor registry: the top-level keys (region, core account, account model, quota, defaults, custom
 * domain), each vendor ({@link VendorReader}), then the rules across vendors ({@link RegistryRules}). All problems are
 * collected before anything is synthesized; the loader never returns a partially valid registry.
 */
public final class RegistryLoader {

    static final Set<String> TOP_KEYS = Set.of("region", "coreAccountId", "accountModel", "accountRateLimit",
            "githubOidcProviderArn", "defaults", "customDomain", "vendors");
    static final Set<String> DEFAULT_KEYS = Set.of("rateLimit", "burstLimit", "logRetentionDays");
    static final Set<String> CUSTOM_DOMAIN_KEYS = Set.of("name", "certificateArn", "stage");
    /** The stage the custom domain serves when {@code customDomain.stage} is not set. */
    public static final String DEFAULT_DOMAIN_STAGE = "prod";

    /** The custom domain block as far as it is valid; fields left null were reported. */
    record DomainDraft(String name, String certificateArn, String stage) {
    }

    private final YamlReader yaml;
    private final AwsRules aws;
    private final RegistryRules rules;

    private RegistryLoader(String source) {
        this.yaml = new YamlReader(source);
        this.aws = new AwsRules(yaml);
        this.rules = new RegistryRules(yaml);
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
        Node root = yaml.compose(text);
        if (root == null) {
            throw new RegistryException(List.of(yaml.source() + ":1: the registry is empty; it needs region, "
                    + "coreAccountId and vendors"));
        }
        Registry registry = readRegistry(root);
        if (!yaml.problems().isEmpty() || registry == null) {
            throw new RegistryException(yaml.problems());
        }
        return registry;
    }

    private Registry readRegistry(Node root) {
        Field top = Field.TOP;
        Map<String, NodeTuple> keys = yaml.mapping(root, top, TOP_KEYS);
        if (keys == null) {
            return null;
        }
        String region = yaml.required(keys, "region", root, top).map(n -> aws.region(n, top.at("region")))
                .orElse(null);
        String coreAccount = yaml.required(keys, "coreAccountId", root, top)
                .map(n -> aws.accountId(n, top.at("coreAccountId"))).orElse(null);
        // null when given but invalid (reported), so vendors are not checked against a guessed model.
        AccountModel model = keys.containsKey("accountModel")
                ? accountModel(keys.get("accountModel").getValueNode(), top.at("accountModel"))
                : AccountModel.VENDOR_ACCOUNTS;
        double accountRate = optional(keys, "accountRateLimit")
                .map(n -> yaml.number(n, top.at("accountRateLimit"), 1, 1_000_000))
                .orElse(AwsRules.DEFAULT_ACCOUNT_RATE_LIMIT);
        Optional<String> oidcArn = githubOidcProviderArn(keys, coreAccount);
        VendorReader.Defaults defaults = defaults(keys, accountRate);
        Optional<Node> domainNode = optional(keys, "customDomain");
        DomainDraft domain = domainNode.map(n -> customDomain(n, top.at("customDomain"), region, coreAccount))
                .orElse(null);

        List<Vendor> vendors = new ArrayList<>();
        Optional<Node> vendorsNode = yaml.required(keys, "vendors", root, top);
        if (vendorsNode.isPresent()) {
            List<Node> items = yaml.sequence(vendorsNode.get(), top.at("vendors"));
            if (items != null && items.isEmpty()) {
                yaml.problem(vendorsNode.get(), top.at("vendors"), "lists no vendor; add at least one");
            }
            CiIdentityReader ci = new CiIdentityReader(yaml, aws);
            VendorReader reader = new VendorReader(yaml, aws, ci, new VendorReader.Settings(coreAccount, model,
                    accountRate, defaults, domainNode.isPresent(), domain));
            for (int i = 0; items != null && i < items.size(); i++) {
                Vendor v = reader.read(items.get(i), i);
                if (v != null) {
                    vendors.add(v);
                }
            }
            if (model == AccountModel.SINGLE_ACCOUNT) {
                rules.namePrefixesMustNotOverlap(items, vendors);
            }
            rules.stageRatesFitTheAccount(vendorsNode.get(), vendors, accountRate);
            rules.oidcSubjectsMustNotOverlap(ci.subjectClaims());
        }
        if (!yaml.problems().isEmpty()) {
            return null;
        }
        return new Registry(yaml.source(), region, coreAccount, model == null ? AccountModel.VENDOR_ACCOUNTS : model,
                accountRate, oidcArn, vendors, Optional.ofNullable(domain)
                        .map(d -> new CustomDomain(d.name(), d.certificateArn(), d.stage())));
    }

    private AccountModel accountModel(Node node, Field field) {
        String value = yaml.string(node, field);
        if (value == null) {
            return null;
        }
        for (AccountModel m : AccountModel.values()) {
            if (m.yamlName().equals(value)) {
                return m;
            }
        }
        yaml.problem(node, field, "unknown account model '" + value + "'; use vendor-accounts (default: each vendor "
                + "builds in its own account) or single-account (everything in the core account, isolated by tags)");
        return null;
    }

    /** An existing GitHub OIDC provider to use instead of creating one: it can only be the core account's. */
    private Optional<String> githubOidcProviderArn(Map<String, NodeTuple> keys, String coreAccount) {
        Field field = Field.TOP.at("githubOidcProviderArn");
        Optional<String> arn = optional(keys, "githubOidcProviderArn").map(n -> yaml.string(n, field));
        if (arn.isPresent() && coreAccount != null) {
            String expected = "arn:aws:iam::" + coreAccount + ":oidc-provider/" + Names.GITHUB_OIDC_HOST;
            if (!expected.equals(arn.get())) {
                yaml.problem(keys.get("githubOidcProviderArn").getValueNode(), field,
                        "must be " + expected + " (GitHub's OIDC provider in the core account), got " + arn.get());
            }
        }
        return arn;
    }

    private VendorReader.Defaults defaults(Map<String, NodeTuple> keys, double accountRate) {
        VendorReader.Defaults defaults = new VendorReader.Defaults(100, 200, 90);
        Optional<Node> node = optional(keys, "defaults");
        if (node.isEmpty()) {
            return defaults;
        }
        Field d = Field.TOP.at("defaults");
        Map<String, NodeTuple> dk = yaml.mapping(node.get(), d, DEFAULT_KEYS);
        if (dk == null) {
            return defaults;
        }
        return new VendorReader.Defaults(
                optional(dk, "rateLimit").map(n -> yaml.number(n, d.at("rateLimit"), AwsRules.MIN_RATE_LIMIT,
                        accountRate)).orElse(defaults.rateLimit()),
                optional(dk, "burstLimit").map(n -> yaml.integer(n, d.at("burstLimit"), 1, AwsRules.MAX_BURST_LIMIT))
                        .orElse(defaults.burstLimit()),
                optional(dk, "logRetentionDays").map(n -> aws.retention(n, d.at("logRetentionDays")))
                        .orElse(defaults.logRetentionDays()));
    }

    private DomainDraft customDomain(Node node, Field field, String region, String coreAccount) {
        Map<String, NodeTuple> keys = yaml.mapping(node, field, CUSTOM_DOMAIN_KEYS);
        if (keys == null) {
            return null;
        }
        String name = yaml.required(keys, "name", node, field).map(n -> aws.domainName(n, field.at("name")))
                .orElse(null);
        String certificateArn = yaml.required(keys, "certificateArn", node, field)
                .map(n -> aws.certificateArn(n, field.at("certificateArn"), region, coreAccount)).orElse(null);
        String stage = optional(keys, "stage").map(n -> aws.stageName(n, field.at("stage"), "must be a stage name: "
                + "lowercase letters, digits, '-' or '_', starting with a letter, at most 32 characters"))
                .orElse(keys.containsKey("stage") ? null : DEFAULT_DOMAIN_STAGE);
        return new DomainDraft(name, certificateArn, stage);
    }
}
