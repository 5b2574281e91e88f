package dev.multivendor.coreinfra;

import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.api_gateway_account.ApiGatewayAccount;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role_policy_attachment.IamRolePolicyAttachment;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderDefaultTags;
import dev.multivendor.infrasupport.StateBackend;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The core account as one Terraform stack: the state backend, the AWS provider, account-level API Gateway logging,
 * then the parts per vendor in the order they depend on each other: OIDC providers, the registry as locals, APIs and
 * stages, rate caps, drift alerts, identities, function roles (single-account), custom domains, and the onboarding
 * kits as an output. Every per-vendor resource is one construct with {@code for_each} over the registry: synthesis
 * cost stays flat with the number of vendors (one jsii call per resource type, not per vendor), and a plan for a new
 * vendor shows only instances keyed by its id.
 */
public final class CoreStack extends TerraformStack {

    public static final String STACK_NAME = "core";

    /** {@code backend}: where the state lives, see {@link CoreSynth#stateBackend}. */
    public CoreStack(Construct scope, Registry registry, StateBackend backend) {
        super(scope, STACK_NAME);
        // The local path is explicit (CoreSynth.LOCAL_STATE_PATH): without one cdktf writes the absolute working
        // directory into the output, which would then differ between checkouts.
        backend.addTo(this, registry.region());
        Map<String, String> defaultTags = new LinkedHashMap<>();
        // Also what the single-account guardrails recognise core resources by (vendors cannot set this tag).
        defaultTags.put(Names.CORE_MANAGED_TAG, Names.CORE_MANAGED_VALUE);
        AwsProvider.Builder.create(this, "aws")
                .region(registry.region())
                .allowedAccountIds(List.of(registry.coreAccountId()))
                .defaultTags(List.of(AwsProviderDefaultTags.builder().tags(defaultTags).build()))
                .build();

        ApiGatewayAccount account = cloudWatchRole(registry.coreAccountId());
        OidcProviders oidcProviders = OidcProviders.add(this, registry);
        VendorLocals locals = VendorLocals.add(this, registry, oidcProviders.arns());
        VendorApis.add(this, locals, account);
        StageRateCap.add(this, locals.eachStage());
        StageDriftAlert.add(this, locals.eachVendor(), VendorApis.API_OF_VENDOR);
        VendorIdentities.add(this, locals, oidcProviders.others());
        if (registry.singleAccount()) {
            FunctionRoles.add(this, locals.eachVendor());
        }
        registry.customDomain().ifPresent(domain -> CustomDomains.add(this, registry, domain, locals.eachVendor(),
                VendorApis.API_OF_VENDOR));

        // One output for all vendors: each vendor's kit built from typed values (OnboardingKits), serialized in a
        // fixed field order; a vendor's kit is `terraform output -json onboarding | jq '."vendor-a"'`.
        TerraformOutput.Builder.create(this, "onboarding")
                .description("Onboarding kit (version 1) per vendor: what its release pipeline needs")
                .value(OnboardingKits.of(registry).terraformValue())
                .build();
    }

    /** API Gateway writes logs through one account-wide role; only the core team can set it. */
    private ApiGatewayAccount cloudWatchRole(String coreAccountId) {
        IamRole role = IamRole.Builder.create(this, "apigateway_cloudwatch_role")
                .name("core-apigateway-cloudwatch")
                .description("Lets API Gateway write the access and execution logs of every vendor API")
                .assumeRolePolicy(TrustPolicies.apiGatewayService(coreAccountId))
                .build();
        IamRolePolicyAttachment attach = IamRolePolicyAttachment.Builder.create(this, "apigateway_cloudwatch_logs")
                .role(role.getName())
                .policyArn("arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs")
                .build();
        return ApiGatewayAccount.Builder.create(this, "apigateway_account")
                .cloudwatchRoleArn(role.getArn())
                .dependsOn(List.of(attach))
                .build();
    }
}
