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

    static String logArn(String region, String account, String group) {
        return "arn:aws:logs:" + region + ":" + account + ":log-group:" + group;
    }
}
