package dev.multivendor.coreinfra;

import dev.multivendor.coreinfra.YamlReader.Field;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What AWS accepts: the shape of its identifiers (account ids, regions, ARNs, stage, tag and DNS names) and the
 * service limits the registry must stay within, each read from a registry node with a message that says the rule.
 */
final class AwsRules {

    /** IAM role and user names are limited to 64 characters. */
    static final int MAX_IAM_NAME_LENGTH = 64;
    /** API Gateway's default account-level steady-state quota (requests/s, per region). */
    static final double DEFAULT_ACCOUNT_RATE_LIMIT = 10_000;
    /** API Gateway's account-level burst quota: a stage burst above it is meaningless. */
    static final int MAX_BURST_LIMIT = 5_000;
    /** A WAF rate-based rule's limit is requests per evaluation window and at least 10 (AWS WAF quotas). */
    static final int RATE_WINDOW_SECONDS = 60;
    static final int MIN_WAF_LIMIT = 10;
    /** The smallest stage rate a WAF rule can enforce: its minimum limit over its window (requests/s). */
    static final double MIN_RATE_LIMIT = (double) MIN_WAF_LIMIT / RATE_WINDOW_SECONDS;
    /** DNS limits a name to 253 characters (RFC 1035, without the trailing dot). */
    static final int MAX_DOMAIN_NAME_LENGTH = 253;
    /** The values CloudWatch Logs accepts for a retention policy. */
    static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
    static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{N} +\\-=._:/@]{1,256}");
    /** Lowercase DNS name of at least two labels; each label 1-63 characters, no leading or trailing dash. */
    static final Pattern DOMAIN_NAME = Pattern.compile(
            "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    /** One lowercase DNS label. */
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    static final Pattern ACM_CERTIFICATE_ARN = Pattern.compile(
            "arn:aws:acm:([a-z0-9-]+):(\\d{12}):certificate/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}");

    private final YamlReader yaml;

    AwsRules(YamlReader yaml) {
        this.yaml = yaml;
    }

    String region(Node node, Field field) {
        return yaml.pattern(node, field, REGION, "must be an AWS region name such as eu-west-1");
    }

    String accountId(Node node, Field field) {
        if (node instanceof ScalarNode s && !Tag.STR.equals(s.getTag())) {
            yaml.problem(node, field, "write the account id in quotes, e.g. \"" + s.getValue() + "\": unquoted, YAML "
                    + "reads it as a number and a leading zero would be lost");
            return null;
        }
        return yaml.pattern(node, field, ACCOUNT_ID, "must be exactly 12 digits");
    }

    /** A stage name; {@code rule} is the message's wording for where it appears. */
    String stageName(Node node, Field field, String rule) {
        return yaml.pattern(node, field, STAGE_NAME, rule);
    }

    String tagValue(Node node, Field field) {
        return yaml.pattern(node, field, TAG_VALUE,
                "must be 1-256 letters, digits, spaces or + - = . _ : / @ (it becomes a tag value)");
    }

    Integer retention(Node node, Field field) {
        Integer days = yaml.integer(node, field, 1, 3653);
        if (days != null && !RETENTION_DAYS.contains(days)) {
            yaml.problem(node, field, days + " is not a retention CloudWatch Logs accepts; use one of "
                    + RETENTION_DAYS.stream().sorted().toList());
            return null;
        }
        return days;
    }

    String domainName(Node node, Field field) {
        String name = yaml.string(node, field);
        if (name == null) {
            return null;
        }
        if (name.length() > MAX_DOMAIN_NAME_LENGTH) {
            yaml.problem(node, field, "is " + name.length() + " characters; a DNS name has at most "
                    + MAX_DOMAIN_NAME_LENGTH);
            return null;
        }
        if (!DOMAIN_NAME.matcher(name).matches()) {
            yaml.problem(node, field, "must be a lowercase DNS name of at least two labels, e.g. api.example.com "
                    + "(letters, digits and '-' per label, at most 63 characters each, no trailing dot) (got '" + name
                    + "')");
            return null;
        }
        return name;
    }

    /** An ACM certificate API Gateway can use for a regional domain: in {@code region} and {@code account}. */
    String certificateArn(Node node, Field field, String region, String account) {
        String arn = yaml.string(node, field);
        if (arn == null) {
            return null;
        }
        var m = ACM_CERTIFICATE_ARN.matcher(arn);
        if (!m.matches()) {
            yaml.problem(node, field, "must be an ACM certificate ARN, arn:aws:acm:<region>:<12-digit account>:"
                    + "certificate/<uuid> (got '" + arn + "')");
            return null;
        }
        if (region != null && !m.group(1).equals(region)) {
            yaml.problem(node, field, "the certificate is in " + m.group(1) + ", but the domain is a regional endpoint "
                    + "in " + region + ": API Gateway needs the certificate in the same region; request or import it "
                    + "in " + region);
            return null;
        }
        if (account != null && !m.group(2).equals(account)) {
            yaml.problem(node, field, "the certificate is in account " + m.group(2) + ", not the core account "
                    + account + ": API Gateway only uses certificates of its own account");
            return null;
        }
        return arn;
    }

    /** An IAM role ARN in {@code account} (any account when null); {@code accountRule} says why it must be there. */
    String roleArn(Node node, Field field, String account, String accountRule) {
        String arn = yaml.pattern(node, field, ROLE_ARN, "must be an IAM role ARN");
        if (arn != null) {
            var m = ROLE_ARN.matcher(arn);
            if (m.matches() && account != null && !m.group(1).equals(account)) {
                yaml.problem(node, field, arn + " is not in the vendor's account " + account + "; " + accountRule);
                return null;
            }
        }
        return arn;
    }
}
