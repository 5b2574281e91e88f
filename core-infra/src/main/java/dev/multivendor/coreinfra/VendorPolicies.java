package dev.multivendor.coreinfra;

import java.util.Optional;

/**
 * A vendor's effective IAM inputs as synthesized, with the API id filled in: what an IAM engine needs to decide
 * what the vendor's identities may do.
 *
 * @param vendorId           the vendor
 * @param apiId              the REST API id substituted for the Terraform reference
 * @param region             the core region
 * @param coreAccountId      the core account
 * @param roleArn            the deploy role (the recommended identity)
 * @param userArn            the static IAM user, when the registry keeps one
 * @param deployPolicyJson   the identity policy attached to both (IAM JSON)
 * @param boundaryJson       the permissions boundary of both (IAM JSON)
 */
public record VendorPolicies(String vendorId, String apiId, String region, String coreAccountId, String roleArn,
                             Optional<String> userArn, String deployPolicyJson, String boundaryJson) {

    /** The ARN API Gateway authorizes control-plane calls on, e.g. {@code arn:aws:apigateway:eu-west-1::/restapis/ID}. */
    public String apiArn() {
        return PolicyDocuments.apiArn(region, apiId);
    }
}
