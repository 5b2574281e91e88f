package dev.multivendor.coreinfra;

import java.util.List;

/**
 * One vendor identity's effective IAM inputs as synthesized, with the API id filled in: what an IAM engine needs to
 * decide what that identity may do.
 *
 * @param vendorId           the vendor
 * @param identity           the identity's name (CI environment, or "iam-user")
 * @param stages             the stages it may deploy
 * @param apiId              the REST API id substituted for the Terraform reference
 * @param region             the core region
 * @param coreAccountId      the core account
 * @param principalArn       the identity: its deploy role, or the IAM user
 * @param deployPolicyJson   its identity policy (IAM JSON)
 * @param boundaryJson       its permissions boundary (IAM JSON)
 */
public record VendorPolicies(String vendorId, String identity, List<String> stages, String apiId, String region,
                             String coreAccountId, String principalArn, String deployPolicyJson, String boundaryJson) {

    public VendorPolicies {
        stages = List.copyOf(stages);
    }

    /** The ARN API Gateway authorizes control-plane calls on, e.g. {@code arn:aws:apigateway:eu-west-1::/restapis/ID}. */
    public String apiArn() {
        return ResourceArns.apiArn(region, apiId);
    }

    /** The identity's ARN when it is a role (kept for callers written before one role per environment). */
    public String roleArn() {
        return principalArn;
    }

    /** Whether this is the static IAM user rather than a role. */
    public boolean user() {
        return principalArn.contains(":user/");
    }

    /** The same identity with other policies (for tests that widen or strip them). */
    public VendorPolicies withPolicies(String deployPolicy, String boundary) {
        return new VendorPolicies(vendorId, identity, stages, apiId, region, coreAccountId, principalArn, deployPolicy,
                boundary);
    }
}
