package dev.multivendor.coreinfra;

import dev.multivendor.coreinfra.Registry.Stage;
import dev.multivendor.coreinfra.Registry.Vendor;
import dev.multivendor.coreinfra.YamlReader.Field;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.List;

import static dev.multivendor.coreinfra.YamlReader.fmt;

/**
 * The rules that hold across vendors, checked once every vendor is read: the stage rates fit the account's quota,
 * single-account name prefixes do not overlap, and no OIDC token is accepted by two identities.
 */
final class RegistryRules {

    /** One accepted OIDC subject, so that no two identities (of any vendors) accept the same token. */
    record SubjectClaim(String issuer, String subject, String owner, Node node, Field field) {
    }

    private final YamlReader yaml;

    RegistryRules(YamlReader yaml) {
        this.yaml = yaml;
    }

    /**
     * Each stage's total is capped by its WAF rate-based rule at rateLimit (averaged over the rule's window), so the
     * sum of all stage limits is a true bound on the account's average rate: it must fit the quota.
     */
    void stageRatesFitTheAccount(Node vendorsNode, List<Vendor> vendors, double accountRate) {
        double total = vendors.stream().flatMap(v -> v.stages().stream()).mapToDouble(Stage::rateLimit).sum();
        if (total > accountRate) {
            yaml.problem(vendorsNode, Field.TOP.at("vendors[*].stages[*].rateLimit"),
                    "the stage rate limits add up to " + fmt(total) + " requests/s, more than accountRateLimit "
                            + fmt(accountRate) + ": each stage's total is capped at its rateLimit, and together "
                            + "they must fit the account's shared quota; lower some stage limits or raise "
                            + "accountRateLimit after raising the quota");
        }
    }

    /**
     * In one shared account some isolation rests on name prefixes ("vendor-a-" for functions, layers and
     * /aws/lambda/ log groups): an id that is another id plus "-…" would let the shorter one match the longer
     * one's names.
     */
    void namePrefixesMustNotOverlap(List<Node> items, List<Vendor> vendors) {
        for (int i = 0; i < vendors.size(); i++) {
            for (Vendor other : vendors) {
                Vendor v = vendors.get(i);
                if (v != other && other.id().startsWith(Names.namePrefix(v.id()))) {
                    Node idNode = items.stream().filter(n -> n instanceof MappingNode).flatMap(n ->
                                    ((MappingNode) n).getValue().stream())
                            .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("id")
                                    && t.getValueNode() instanceof ScalarNode val && val.getValue().equals(other.id()))
                            .map(NodeTuple::getValueNode).findFirst().orElse(items.get(0));
                    yaml.problem(idNode, new Field(other.id(), "id"), "'" + other.id() + "' starts with '"
                            + Names.namePrefix(v.id()) + "', the name prefix of vendor '" + v.id() + "': in "
                            + "accountModel single-account functions, layers and log groups are isolated by that "
                            + "prefix, so '" + v.id() + "' could reach them; rename one of the two");
                }
            }
        }
    }

    /** No token may be accepted by two identities: that would let one environment (or vendor) act as another. */
    void oidcSubjectsMustNotOverlap(List<SubjectClaim> claims) {
        for (int i = 0; i < claims.size(); i++) {
            for (int j = i + 1; j < claims.size(); j++) {
                SubjectClaim a = claims.get(i);
                SubjectClaim b = claims.get(j);
                if (a.issuer().equals(b.issuer()) && !a.owner().equals(b.owner())
                        && subjectsOverlap(a.subject(), b.subject())) {
                    yaml.problem(b.node(), b.field().at("subjects"), "subject '" + b.subject() + "' of " + b.owner()
                            + " can match the same tokens of " + a.issuer() + " as '" + a.subject() + "' of " + a.owner()
                            + "; each identity must accept only its own environment's tokens");
                }
            }
        }
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
}
