package dev.multivendor.coreinfra;

import dev.multivendor.coreinfra.IamPolicyEngine.Case;
import dev.multivendor.coreinfra.IamPolicyEngine.Decision;
import dev.multivendor.coreinfra.IamPolicyEngine.Result;

import java.util.ArrayList;
import java.util.List;

/**
 * An isolation matrix: policy-engine cases, each with the decision it must get and a label saying whose request it
 * is; shared by the vendor-accounts and the single-account isolation tests.
 */
final class PolicyMatrix {

    final List<Case> cases = new ArrayList<>();
    final List<Boolean> expectAllowed = new ArrayList<>();
    final List<String> labels = new ArrayList<>();
    int identities;
    /** Pairs a test checked without the engine (what its data cannot evaluate), reported beside the cases. */
    int structural;

    void add(boolean allowed, String label, Case c) {
        cases.add(c);
        expectAllowed.add(allowed);
        labels.add(label);
    }

    /** Every case whose decision differs from its expectation, or that the engine could not evaluate. */
    List<String> failures(List<Result> results) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            boolean expected = expectAllowed.get(i);
            if (r.decision() == Decision.Error || r.allowed() != expected) {
                failures.add(labels.get(i) + ": " + r.request().action() + " " + r.request().resource()
                        + " " + r.request().context() + " expected " + (expected ? "Allowed" : "denied") + ", got "
                        + r.decision() + (r.errors().isEmpty() ? "" : " " + r.errors()));
            }
        }
        return failures;
    }

    /** The line the matrix tests print: its size, the expected split, how it was evaluated and the failures. */
    String summary(String name, int vendors, List<Result> results, int failures) {
        long unsafe = results.stream().filter(r -> r.engine().equals("unsafe")).count();
        long allowed = expectAllowed.stream().filter(b -> b).count();
        return String.format("%s: %d cases (%d must be allowed, %d must be denied) for %d vendors, %d identities; "
                        + "%d evaluated by runUnsafeSimulation; %d failures", name, cases.size(), allowed,
                cases.size() - allowed, vendors, identities, unsafe, failures);
    }

    /** The identities of one vendor (keys "vendor/identity"), in registry order. */
    static List<VendorPolicies> identitiesOf(java.util.Map<String, VendorPolicies> identities, String vendorId) {
        return identities.values().stream().filter(p -> p.vendorId().equals(vendorId)).toList();
    }

    /** Whether an identity is selected: all when {@code only} is null, else the vendor id or "vendor/identity". */
    static boolean selected(VendorPolicies p, String only) {
        return only == null || only.equals(p.vendorId()) || only.equals(p.vendorId() + "/" + p.identity());
    }

    /** Every vendor identity may do none of these to the core's own controls (rate caps, drift alerts, trail). */
    static java.util.List<String[]> coreControlCalls(String region, String account, String vendorId, String stage,
                                                     String apiId) {
        String acl = "arn:aws:wafv2:" + region + ":" + account + ":regional/webacl/" + Names.webAclName(vendorId, stage)
                + "/0a1b2c3d-0000-4000-8000-000000000001";
        String stageArn = "arn:aws:apigateway:" + region + "::/restapis/" + apiId + "/stages/" + stage;
        String rule = "arn:aws:events:" + region + ":" + account + ":rule/" + Names.alertTopicName(vendorId);
        String topic = "arn:aws:sns:" + region + ":" + account + ":" + Names.alertTopicName(vendorId);
        return java.util.List.of(new String[] {"wafv2:UpdateWebACL", acl}, new String[] {"wafv2:DeleteWebACL", acl},
                new String[] {"wafv2:DisassociateWebACL", stageArn}, new String[] {"wafv2:AssociateWebACL", acl},
                new String[] {"apigateway:SetWebACL", stageArn}, new String[] {"events:DisableRule", rule},
                new String[] {"events:PutRule", rule}, new String[] {"events:RemoveTargets", rule},
                new String[] {"sns:Unsubscribe", topic}, new String[] {"sns:SetTopicAttributes", topic},
                new String[] {"sns:DeleteTopic", topic},
                new String[] {"cloudtrail:StopLogging", "arn:aws:cloudtrail:" + region + ":" + account + ":trail/core"});
    }

    static String logArn(String region, String account, String group) {
        return "arn:aws:logs:" + region + ":" + account + ":log-group:" + group;
    }
}
