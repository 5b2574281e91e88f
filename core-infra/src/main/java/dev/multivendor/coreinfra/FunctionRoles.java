package dev.multivendor.coreinfra;

import com.hashicorp.cdktf.MapTerraformIterator;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.aws.iam_policy.IamPolicy;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role_policy_attachment.IamRolePolicyAttachment;
import software.constructs.Construct;

/**
 * Single-account model only: per vendor, the role its Lambda functions run as (the only role it may pass), with its
 * policy and boundary from {@link SingleAccountPolicies}.
 */
final class FunctionRoles {

    private FunctionRoles() {
    }

    static void add(Construct scope, MapTerraformIterator eachVendor) {
        IamPolicy.Builder.create(scope, "function_boundary")
                .forEach(eachVendor)
                .name("${each.value.function_boundary_name}")
                .path(Names.IAM_PATH)
                .description("Permissions boundary of a vendor's function roles: its own function logs and traces at most")
                .policy("${each.value.function_boundary}")
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();
        IamPolicy.Builder.create(scope, "function_policy")
                .forEach(eachVendor)
                .name("${each.value.function_policy_name}")
                .path(Names.IAM_PATH)
                .description("What a vendor's Lambda functions may do: write their own logs and traces")
                .policy("${each.value.function_policy}")
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();
        IamRole.Builder.create(scope, "function_role")
                .forEach(eachVendor)
                .name("${each.value.function_role_name}")
                .path("${each.value.function_role_path}")
                .description("Execution role of a vendor's Lambda functions; the vendor may pass only this role")
                .assumeRolePolicy("${each.value.function_trust}")
                .permissionsBoundary("${aws_iam_policy.function_boundary[each.key].arn}")
                .maxSessionDuration(3600)
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();
        IamRolePolicyAttachment.Builder.create(scope, "function_role_policy")
                .forEach(eachVendor)
                .role("${aws_iam_role.function_role[each.key].name}")
                .policyArn("${aws_iam_policy.function_policy[each.key].arn}")
                .build();
    }
}
