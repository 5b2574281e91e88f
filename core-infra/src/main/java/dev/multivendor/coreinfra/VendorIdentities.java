package dev.multivendor.coreinfra;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.aws.iam_openid_connect_provider.IamOpenidConnectProvider;
import com.hashicorp.cdktf.providers.aws.iam_policy.IamPolicy;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role_policy_attachment.IamRolePolicyAttachment;
import com.hashicorp.cdktf.providers.aws.iam_user.IamUser;
import com.hashicorp.cdktf.providers.aws.iam_user_policy_attachment.IamUserPolicyAttachment;
import software.constructs.Construct;

import java.util.List;
import java.util.Optional;

import static dev.multivendor.coreinfra.TerraformText.withApiId;

/**
 * Each vendor identity in IAM: its deploy policy and permissions boundary (the templates of {@link VendorLocals}
 * with the API's id put in at apply), and the deploy role of each CI environment or the IAM user it is attached to.
 */
final class VendorIdentities {

    private VendorIdentities() {
    }

    /** Roles trusting an issuer other than GitHub wait for {@code ciOidcProviders}, which creates its provider. */
    static void add(Construct scope, VendorLocals locals, Optional<IamOpenidConnectProvider> ciOidcProviders) {
        var eachIdentity = locals.eachIdentity();
        var eachRole = locals.eachRole();
        var eachUser = locals.eachUser();
        IamPolicy.Builder.create(scope, "boundary")
                .forEach(eachIdentity)
                .name("${each.value.boundary_name}")
                .path(Names.IAM_PATH)
                .description("Permissions boundary of a vendor identity: its own API, stages and logs at most")
                .policy(withApiId("each.value.boundary", VendorApis.API_OF_STAGE))
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();
        IamPolicy.Builder.create(scope, "deploy_policy")
                .forEach(eachIdentity)
                .name("${each.value.policy_name}")
                .path(Names.IAM_PATH)
                .description("What one of a vendor's release identities may do: import its API, deploy its stages")
                .policy(withApiId("each.value.policy", VendorApis.API_OF_STAGE))
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();

        IamRole.Builder.create(scope, "deploy_role")
                .forEach(eachRole)
                .name("${each.value.role_name}")
                .path(Names.IAM_PATH)
                .description("Assumed by one CI environment of the vendor, short-lived, to release to its stages")
                .assumeRolePolicy("${each.value.trust}")
                .permissionsBoundary("${aws_iam_policy.boundary[each.key].arn}")
                .maxSessionDuration(3600)
                .tags(Token.asStringMap("${each.value.tags}"))
                .dependsOn(ciOidcProviders.map(p -> List.<ITerraformDependable>of(p)).orElse(null))
                .build();
        IamRolePolicyAttachment.Builder.create(scope, "deploy_role_policy")
                .forEach(eachRole)
                .role("${aws_iam_role.deploy_role[each.key].name}")
                .policyArn("${aws_iam_policy.deploy_policy[each.key].arn}")
                .build();

        // No aws_iam_access_key anywhere: a key created by Terraform would sit in plain text in the state.
        IamUser.Builder.create(scope, "user")
                .forEach(eachUser)
                .name("${each.value.user_name}")
                .path(Names.IAM_PATH)
                .permissionsBoundary("${aws_iam_policy.boundary[each.value.identity].arn}")
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();
        IamUserPolicyAttachment.Builder.create(scope, "user_policy")
                .forEach(eachUser)
                .user("${aws_iam_user.user[each.key].name}")
                .policyArn("${aws_iam_policy.deploy_policy[each.value.identity].arn}")
                .build();
    }
}
