package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.LocalBackend;
import com.hashicorp.cdktf.LocalBackendConfig;
import com.hashicorp.cdktf.S3Backend;
import com.hashicorp.cdktf.S3BackendConfig;
import com.hashicorp.cdktf.MapTerraformIterator;
import com.hashicorp.cdktf.TerraformLocal;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.api_gateway_account.ApiGatewayAccount;
import com.hashicorp.cdktf.providers.aws.api_gateway_base_path_mapping.ApiGatewayBasePathMapping;
import com.hashicorp.cdktf.providers.aws.api_gateway_domain_name.ApiGatewayDomainName;
import com.hashicorp.cdktf.providers.aws.api_gateway_domain_name.ApiGatewayDomainNameEndpointConfiguration;
import com.hashicorp.cdktf.providers.aws.api_gateway_deployment.ApiGatewayDeployment;
import com.hashicorp.cdktf.providers.aws.api_gateway_method_settings.ApiGatewayMethodSettings;
import com.hashicorp.cdktf.providers.aws.api_gateway_method_settings.ApiGatewayMethodSettingsSettings;
import com.hashicorp.cdktf.providers.aws.api_gateway_rest_api.ApiGatewayRestApi;
import com.hashicorp.cdktf.providers.aws.api_gateway_rest_api.ApiGatewayRestApiEndpointConfiguration;
import com.hashicorp.cdktf.providers.aws.api_gateway_stage.ApiGatewayStage;
import com.hashicorp.cdktf.providers.aws.api_gateway_stage.ApiGatewayStageAccessLogSettings;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import com.hashicorp.cdktf.providers.aws.iam_openid_connect_provider.IamOpenidConnectProvider;
import com.hashicorp.cdktf.providers.aws.iam_policy.IamPolicy;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role_policy_attachment.IamRolePolicyAttachment;
import com.hashicorp.cdktf.providers.aws.iam_user.IamUser;
import com.hashicorp.cdktf.providers.aws.iam_user_policy_attachment.IamUserPolicyAttachment;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderDefaultTags;
import dev.multivendor.coreinfra.Registry.CustomDomain;
import dev.multivendor.coreinfra.Registry.Identity;
import dev.multivendor.coreinfra.Registry.IdentityKind;
import dev.multivendor.coreinfra.Registry.Stage;
import dev.multivendor.coreinfra.Registry.Vendor;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The core account: account-level API Gateway settings plus, per vendor, a REST API shell with its stages and
 * guardrails, and the vendor's identities. Ownership (see README): the core owns the shell, the stages and
 * their settings; the vendor owns the definition (body) and the deployments, so those are ignored on apply.
 */
public final class CoreStack extends TerraformStack {

    public static final String STACK_NAME = "core";
    /** GitHub's OIDC certificate thumbprints; AWS no longer checks them for GitHub, but the provider requires some. */
    static final List<String> GITHUB_THUMBPRINTS = List.of("6938fd4d98bab03faadb97b34396831e3780aea1",
            "1c58a3a8518e8759bf075b76b750d4f2df264fcd");
    /** Access log line: one JSON object per request, the fields an on-call engineer filters on. */
    static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\","
            + "\"extendedRequestId\":\"$context.extendedRequestId\",\"ip\":\"$context.identity.sourceIp\","
            + "\"requestTime\":\"$context.requestTimeEpoch\",\"httpMethod\":\"$context.httpMethod\","
            + "\"resourcePath\":\"$context.resourcePath\",\"status\":\"$context.status\","
            + "\"protocol\":\"$context.protocol\",\"responseLength\":\"$context.responseLength\","
            + "\"integrationStatus\":\"$context.integration.status\","
            + "\"integrationLatency\":\"$context.integration.latency\","
            + "\"responseLatency\":\"$context.responseLatency\",\"errorMessage\":\"$context.error.message\","
            + "\"xrayTraceId\":\"$context.xrayTraceId\"}";

    /** Stands for the REST API id in the policy templates kept in local.vendors; replaced at apply. */
    public static final String API_ID_PLACEHOLDER = "__API_ID__";
    /** TLS 1.2 at least on the custom domain (API Gateway's TLS_1_0 policy would also accept 1.0 and 1.1). */
    static final String DOMAIN_SECURITY_POLICY = "TLS_1_2";

    private final Registry registry;
    /** The OIDC providers of issuers other than GitHub, when any vendor uses one; roles trusting them wait for them. */
    private IamOpenidConnectProvider ciOidcProviders;

    public CoreStack(Construct scope, Registry registry) {
        this(scope, registry, StateBackend.local());
    }

    public CoreStack(Construct scope, Registry registry, StateBackend backend) {
        super(scope, STACK_NAME);
        this.registry = registry;
        if (backend.isLocal()) {
            // Without an explicit path cdktf writes the absolute working directory into the output (machine-specific,
            // not byte-identical across checkouts). Relative to the stack directory this is core-infra/, outside
            // cdktf.out so a re-synth never touches it.
            new LocalBackend(this, LocalBackendConfig.builder().path(StateBackend.LOCAL_STATE_PATH).build());
        } else {
            S3BackendConfig.Builder s3 = S3BackendConfig.builder()
                    .bucket(backend.bucket())
                    .key(backend.key())
                    .region(registry.region())
                    .encrypt(true);
            backend.lockTable().ifPresent(s3::dynamodbTable);
            new S3Backend(this, s3.build());
        }
        Map<String, String> defaultTags = new LinkedHashMap<>();
        // Also what the single-account guardrails recognise core resources by (vendors cannot set this tag).
        defaultTags.put(PolicyDocuments.CORE_MANAGED_TAG, PolicyDocuments.CORE_MANAGED_VALUE);
        AwsProvider.Builder.create(this, "aws")
                .region(registry.region())
                .allowedAccountIds(List.of(registry.coreAccountId()))
                .defaultTags(List.of(AwsProviderDefaultTags.builder().tags(defaultTags).build()))
                .build();

        ApiGatewayAccount account = cloudWatchRole();
        Map<String, String> oidcProviders = oidcProviders();
        addVendors(account, oidcProviders);
    }

    /** API Gateway writes logs through one account-wide role; only the core team can set it. */
    private ApiGatewayAccount cloudWatchRole() {
        IamRole role = IamRole.Builder.create(this, "apigateway_cloudwatch_role")
                .name("core-apigateway-cloudwatch")
                .description("Lets API Gateway write the access and execution logs of every vendor API")
                .assumeRolePolicy(PolicyDocuments.apiGatewayServiceTrust(registry.coreAccountId()))
                .build();
        IamRolePolicyAttachment attach = IamRolePolicyAttachment.Builder.create(this, "apigateway_cloudwatch_logs")
                .role(role.getName())
                .policyArn("arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs")
                .build();
        ApiGatewayAccount account = ApiGatewayAccount.Builder.create(this, "apigateway_account")
                .cloudwatchRoleArn(role.getArn())
                .dependsOn(List.of(attach))
                .build();
        return account;
    }

    /**
     * The IAM OIDC providers the vendors' identities trust, by issuer URL: GitHub's (created unless the registry names
     * an existing one; the resource keeps its address), and one per other issuer (GitLab instances, other CI), each
     * with every audience the registry uses for it. An issuer's provider is unique in an account, so vendors that use
     * the same issuer share it; their roles' trust policies still accept only their own subjects.
     */
    private Map<String, String> oidcProviders() {
        Map<String, String> arns = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> audiences = new java.util.TreeMap<>();
        for (Vendor v : registry.vendors()) {
            for (Identity i : v.roles()) {
                i.oidc().ifPresent(t -> audiences.computeIfAbsent(t.issuerUrl(), k -> new java.util.TreeSet<>())
                        .add(t.audience()));
            }
        }
        String github = "https://" + Names.GITHUB_OIDC_HOST;
        if (audiences.containsKey(github)) {
            if (registry.githubOidcProviderArn().isPresent()) {
                arns.put(github, registry.githubOidcProviderArn().get());
            } else {
                IamOpenidConnectProvider provider = IamOpenidConnectProvider.Builder.create(this, "github_oidc")
                        .url(github)
                        .clientIdList(List.of(RegistryLoader.STS_AUDIENCE))
                        .thumbprintList(GITHUB_THUMBPRINTS)
                        .build();
                arns.put(github, provider.getArn());
            }
        }
        Map<String, Object> others = new LinkedHashMap<>();
        audiences.forEach((issuer, auds) -> {
            if (!issuer.equals(github)) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("url", issuer);
                o.put("client_ids", List.copyOf(auds));
                others.put(issuer.substring("https://".length()), o);
                // The provider's ARN is fixed by its URL; written out (a reference would need quotes inside the
                // trust policy's JSON text), with the roles depending on the providers instead.
                arns.put(issuer, "arn:aws:iam::" + registry.coreAccountId() + ":oidc-provider/"
                        + issuer.substring("https://".length()));
            }
        });
        if (!others.isEmpty()) {
            MapTerraformIterator eachIssuer = MapTerraformIterator.fromMap(
                    new TerraformLocal(this, "oidc_providers", others).getAsAnyMap());
            // No thumbprints: IAM verifies these issuers' keys through its own trusted certificate authorities (the
            // provider's thumbprint_list is optional; the older bindings in use still require the field).
            ciOidcProviders = IamOpenidConnectProvider.Builder.create(this, "ci_oidc")
                    .forEach(eachIssuer)
                    .url("${each.value.url}")
                    .clientIdList(Token.asList("${each.value.client_ids}"))
                    .thumbprintList(List.of())
                    .build();
        }
        return arns;
    }

    /**
     * Every per-vendor resource is one construct with {@code for_each} over the registry, keyed by vendor id,
     * "vendor/stage" or "vendor/identity": synthesis cost stays flat with the number of vendors (one jsii call per
     * resource type, not per vendor), and a plan for a new vendor shows only instances keyed by its id.
     */
    private void addVendors(ApiGatewayAccount account, Map<String, String> oidcProviders) {
        String region = registry.region();
        String core = registry.coreAccountId();
        boolean single = registry.singleAccount();
        Map<String, Object> vendors = new LinkedHashMap<>();
        Map<String, Object> stages = new LinkedHashMap<>();
        Map<String, Object> identities = new LinkedHashMap<>();
        Map<String, Object> roles = new LinkedHashMap<>();
        Map<String, Object> users = new LinkedHashMap<>();
        for (Vendor vendor : registry.vendors()) {
            String id = vendor.id();
            Map<String, String> tags = tags(vendor);
            Map<String, String> apiTags = new LinkedHashMap<>(tags);
            apiTags.put("integration", vendor.integration().yamlName());
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("api_name", Names.apiName(id));
            v.put("description", vendor.description().isEmpty() ? "API of " + id : vendor.description());
            v.put("body", placeholderDefinition(id));
            v.put("api_tags", apiTags);
            v.put("tags", tags);
            v.put("alert_topic_name", Names.alertTopicName(id));
            v.put("alert_email", vendor.owners().email());
            v.put("stage_drift_pattern", StageDriftAlert.eventPattern(API_ID_PLACEHOLDER));
            if (single) {
                // The role the vendor's functions run as: created by the core (vendors cannot create roles), under
                // /vendors/<id>/ (the only roles the vendor may pass) and inside the function boundary.
                v.put("function_role_name", Names.functionRoleName(id));
                v.put("function_role_path", Names.functionRolePath(id));
                v.put("function_trust", PolicyDocuments.lambdaServiceTrust(core));
                v.put("function_policy_name", Names.functionPolicyName(id));
                v.put("function_policy", PolicyDocuments.functionRolePolicy(region, core, id));
                v.put("function_boundary_name", Names.functionBoundaryName(id));
                v.put("function_boundary", PolicyDocuments.functionRoleBoundary(region, core, id));
            }
            if (registry.customDomain().isPresent()) {
                // Only with a domain, so that a registry without one synthesizes no domain fields.
                v.put("host", registry.customDomain().get().host(vendor));
                v.put("domain_stage_key", stageKey(id, registry.customDomain().get().stage()));
            }
            vendors.put(id, v);
            for (Stage stage : vendor.stages()) {
                Map<String, String> stageTags = new LinkedHashMap<>(tags);
                stageTags.put("stage", stage.name());
                Map<String, Object> st = new LinkedHashMap<>();
                st.put("vendor", id);
                st.put("stage", stage.name());
                st.put("rate_limit", stage.rateLimit());
                st.put("burst_limit", stage.burstLimit());
                st.put("log_retention_days", vendor.logRetentionDays());
                st.put("access_log_group", Names.accessLogGroup(id, stage.name()));
                st.put("web_acl_name", Names.webAclName(id, stage.name()));
                st.put("rate_cap", wafLimit(stage));
                st.put("tags", stageTags);
                stages.put(stageKey(id, stage.name()), st);
            }
            for (Identity identity : vendor.identities()) {
                String key = Names.identityKey(id, identity.name());
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("vendor", id);
                i.put("policy_name", Names.identityPolicyName(id, identity.name()));
                i.put("policy", terraformLiteral(single
                        ? PolicyDocuments.singleAccountDeployPolicy(region, core, vendor, identity.stages(),
                        API_ID_PLACEHOLDER)
                        : PolicyDocuments.deployPolicy(region, core, vendor, identity.stages(), API_ID_PLACEHOLDER)));
                i.put("boundary_name", Names.identityBoundaryName(id, identity.name()));
                i.put("boundary", terraformLiteral(single
                        ? PolicyDocuments.singleAccountBoundary(region, core, vendor, identity.stages(),
                        API_ID_PLACEHOLDER)
                        : PolicyDocuments.boundary(region, core, vendor, identity.stages(), API_ID_PLACEHOLDER)));
                i.put("tags", tags);
                identities.put(key, i);
                if (identity.kind() == IdentityKind.IAM_USER) {
                    Map<String, Object> u = new LinkedHashMap<>();
                    u.put("user_name", Names.userName(id));
                    u.put("identity", key);
                    u.put("tags", tags);
                    users.put(id, u);
                } else {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("role_name", Names.deployRoleName(id, identity.name()));
                    r.put("trust", PolicyDocuments.deployRoleTrust(identity,
                            identity.oidc().map(t -> oidcProviders.get(t.issuerUrl())).orElse(null)));
                    Map<String, String> roleTags = new LinkedHashMap<>(tags);
                    roleTags.put("environment", identity.name());
                    r.put("tags", roleTags);
                    roles.put(key, r);
                }
            }
        }
        MapTerraformIterator eachVendor = MapTerraformIterator.fromMap(
                new TerraformLocal(this, "vendors", vendors).getAsAnyMap());
        MapTerraformIterator eachStage = MapTerraformIterator.fromMap(
                new TerraformLocal(this, "vendor_stages", stages).getAsAnyMap());
        MapTerraformIterator eachIdentity = MapTerraformIterator.fromMap(
                new TerraformLocal(this, "vendor_identities", identities).getAsAnyMap());
        MapTerraformIterator eachRole = MapTerraformIterator.fromMap(
                new TerraformLocal(this, "vendor_roles", roles).getAsAnyMap());
        MapTerraformIterator eachUser = MapTerraformIterator.fromMap(
                new TerraformLocal(this, "vendor_users", users).getAsAnyMap());
        String apiOfVendor = "${aws_api_gateway_rest_api.api[each.key].id}";
        String apiOfStage = "${aws_api_gateway_rest_api.api[each.value.vendor].id}";

        ApiGatewayRestApi.Builder.create(this, "api")
                .forEach(eachVendor)
                .name("${each.value.api_name}")
                .description("${each.value.description}")
                .body("${each.value.body}")
                .endpointConfiguration(ApiGatewayRestApiEndpointConfiguration.builder().types(List.of("REGIONAL"))
                        .build())
                .tags(Token.asStringMap("${each.value.api_tags}"))
                // The vendor owns the definition after creation (PutRestApi); a core apply must not revert it.
                .lifecycle(TerraformResourceLifecycle.builder().ignoreChanges(List.of("body")).build())
                .build();

        // Created once so stages can exist before the vendor's first release; never re-created by the core
        // (no triggers), and stages ignore which deployment they point at afterwards.
        ApiGatewayDeployment.Builder.create(this, "initial_deployment")
                .forEach(eachVendor)
                .restApiId(apiOfVendor)
                .description("core-infra placeholder: answers 503 until the vendor's first release")
                .lifecycle(TerraformResourceLifecycle.builder().ignoreChanges(List.of("description")).build())
                .build();

        CloudwatchLogGroup.Builder.create(this, "access_logs")
                .forEach(eachStage)
                .name("${each.value.access_log_group}")
                .retentionInDays(Token.asNumber("${each.value.log_retention_days}"))
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();
        // API Gateway creates this group itself on first use, without retention; creating it first keeps it
        // core-owned with the registry's retention.
        CloudwatchLogGroup execution = CloudwatchLogGroup.Builder.create(this, "execution_logs")
                .forEach(eachStage)
                .name(Names.executionLogGroup(apiOfStage, "${each.value.stage}"))
                .retentionInDays(Token.asNumber("${each.value.log_retention_days}"))
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();

        ApiGatewayStage.Builder.create(this, "stage")
                .forEach(eachStage)
                .restApiId(apiOfStage)
                .stageName("${each.value.stage}")
                .deploymentId("${aws_api_gateway_deployment.initial_deployment[each.value.vendor].id}")
                // Core-owned settings CreateDeployment can also set (no IAM condition key covers them): stated here,
                // so a core apply puts them back; StageDriftAlert tells the owners when a deployment changes them.
                .xrayTracingEnabled(true)
                .cacheClusterEnabled(false)
                .accessLogSettings(ApiGatewayStageAccessLogSettings.builder()
                        .destinationArn("${aws_cloudwatch_log_group.access_logs[each.key].arn}")
                        .format(ACCESS_LOG_FORMAT)
                        .build())
                .tags(Token.asStringMap("${each.value.tags}"))
                // CreateDeployment(stageName) moves deployment_id and may set stage variables as part of a release:
                // those belong to the vendor. Canary settings are the core's (none): an apply removes a canary.
                .lifecycle(TerraformResourceLifecycle.builder()
                        .ignoreChanges(List.of("deployment_id", "variables")).build())
                .dependsOn(List.of(account, execution))
                .build();

        ApiGatewayMethodSettings.Builder.create(this, "throttle")
                .forEach(eachStage)
                .restApiId(apiOfStage)
                .stageName("${aws_api_gateway_stage.stage[each.key].stage_name}")
                .methodPath("*/*")
                .settings(ApiGatewayMethodSettingsSettings.builder()
                        .throttlingRateLimit(Token.asNumber("${each.value.rate_limit}"))
                        .throttlingBurstLimit(Token.asNumber("${each.value.burst_limit}"))
                        .metricsEnabled(true)
                        .loggingLevel("ERROR")
                        .dataTraceEnabled(false)
                        .build())
                .build();
        StageRateCap.add(this, eachStage);
        StageDriftAlert.add(this, eachVendor, apiOfVendor);

        IamPolicy.Builder.create(this, "boundary")
                .forEach(eachIdentity)
                .name("${each.value.boundary_name}")
                .path(Names.IAM_PATH)
                .description("Permissions boundary of a vendor identity: its own API, stages and logs at most")
                .policy(withApiId("each.value.boundary", "${aws_api_gateway_rest_api.api[each.value.vendor].id}"))
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();
        IamPolicy.Builder.create(this, "deploy_policy")
                .forEach(eachIdentity)
                .name("${each.value.policy_name}")
                .path(Names.IAM_PATH)
                .description("What one of a vendor's release identities may do: import its API, deploy its stages")
                .policy(withApiId("each.value.policy", "${aws_api_gateway_rest_api.api[each.value.vendor].id}"))
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();

        IamRole.Builder.create(this, "deploy_role")
                .forEach(eachRole)
                .name("${each.value.role_name}")
                .path(Names.IAM_PATH)
                .description("Assumed by one CI environment of the vendor, short-lived, to release to its stages")
                .assumeRolePolicy("${each.value.trust}")
                .permissionsBoundary("${aws_iam_policy.boundary[each.key].arn}")
                .maxSessionDuration(3600)
                .tags(Token.asStringMap("${each.value.tags}"))
                .dependsOn(ciOidcProviders == null ? null : List.of(ciOidcProviders))
                .build();
        IamRolePolicyAttachment.Builder.create(this, "deploy_role_policy")
                .forEach(eachRole)
                .role("${aws_iam_role.deploy_role[each.key].name}")
                .policyArn("${aws_iam_policy.deploy_policy[each.key].arn}")
                .build();

        // No aws_iam_access_key anywhere: a key created by Terraform would sit in plain text in the state.
        IamUser.Builder.create(this, "user")
                .forEach(eachUser)
                .name("${each.value.user_name}")
                .path(Names.IAM_PATH)
                .permissionsBoundary("${aws_iam_policy.boundary[each.value.identity].arn}")
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();
        IamUserPolicyAttachment.Builder.create(this, "user_policy")
                .forEach(eachUser)
                .user("${aws_iam_user.user[each.key].name}")
                .policyArn("${aws_iam_policy.deploy_policy[each.value.identity].arn}")
                .build();

        if (single) {
            addFunctionRoles(eachVendor);
        }
        registry.customDomain().ifPresent(domain -> addCustomDomain(domain, eachVendor, apiOfVendor));

        // One output for all vendors: each vendor's kit built from typed values (OnboardingKits), serialized in a
        // fixed field order; a vendor's kit is `terraform output -json onboarding | jq '."vendor-a"'`.
        TerraformOutput.Builder.create(this, "onboarding")
                .description("Onboarding kit (version 1) per vendor: what its release pipeline needs")
                .value(OnboardingKits.of(registry).terraformValue())
                .build();
    }

    /** A stage's WAF limit: requests per evaluation window that keep its average at rateLimit, at least WAF's 10. */
    static long wafLimit(Stage stage) {
        return Math.max(RegistryLoader.MIN_WAF_LIMIT,
                (long) Math.floor(stage.rateLimit() * RegistryLoader.RATE_WINDOW_SECONDS));
    }

    /**
     * Regional custom domains owned by the core: one host per vendor, {@code <subdomain>.<name>}, so that each vendor
     * is its own browser origin (one vendor's script or cookies cannot act on another's API), all under the one
     * wildcard certificate. Each host maps its root to the vendor's API at the configured stage. Vendors get no
     * permission on either (the deny on {@code /domainnames/*}). DNS (alias records) is outside this stack.
     */
    private void addCustomDomain(CustomDomain domain, MapTerraformIterator eachVendor, String apiOfVendor) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(PolicyDocuments.CORE_MANAGED_TAG, PolicyDocuments.CORE_MANAGED_VALUE);
        tags.put("purpose", "custom domain of one vendor API");
        ApiGatewayDomainName.Builder.create(this, "custom_domain")
                .forEach(eachVendor)
                .domainName("${each.value.host}")
                .regionalCertificateArn(domain.certificateArn())
                .endpointConfiguration(ApiGatewayDomainNameEndpointConfiguration.builder()
                        .types(List.of("REGIONAL")).build())
                .securityPolicy(DOMAIN_SECURITY_POLICY)
                .tags(tags)
                .build();
        // stage_name is read from the stage resource, so a mapping is created only after its stage exists; no
        // base_path: the vendor's API answers at the root of its own host.
        ApiGatewayBasePathMapping.Builder.create(this, "base_path")
                .forEach(eachVendor)
                .domainName("${aws_api_gateway_domain_name.custom_domain[each.key].domain_name}")
                .apiId(apiOfVendor)
                .stageName("${aws_api_gateway_stage.stage[each.value.domain_stage_key].stage_name}")
                .build();
        Map<String, Object> dns = new LinkedHashMap<>();
        for (Vendor v : registry.vendors()) {
            String ref = "aws_api_gateway_domain_name.custom_domain[\"" + v.id() + "\"]";
            Map<String, String> d = new LinkedHashMap<>();
            d.put("domainName", "${" + ref + ".domain_name}");
            d.put("regionalDomainName", "${" + ref + ".regional_domain_name}");
            d.put("regionalZoneId", "${" + ref + ".regional_zone_id}");
            d.put("stage", domain.stage());
            dns.put(v.id(), d);
        }
        TerraformOutput.Builder.create(this, "custom_domain_dns")
                .description("The core's custom domains, one per vendor: point a DNS alias (A/AAAA) record for each "
                        + "domainName at its regionalDomainName in hosted zone regionalZoneId")
                .value(dns)
                .build();
    }

    /** Single-account model only: per vendor, the role its Lambda functions run as, with policy and boundary. */
    private void addFunctionRoles(MapTerraformIterator eachVendor) {
        IamPolicy.Builder.create(this, "function_boundary")
                .forEach(eachVendor)
                .name("${each.value.function_boundary_name}")
                .path(Names.IAM_PATH)
                .description("Permissions boundary of a vendor's function roles: its own function logs and traces at most")
                .policy("${each.value.function_boundary}")
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();
        IamPolicy.Builder.create(this, "function_policy")
                .forEach(eachVendor)
                .name("${each.value.function_policy_name}")
                .path(Names.IAM_PATH)
                .description("What a vendor's Lambda functions may do: write their own logs and traces")
                .policy("${each.value.function_policy}")
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();
        IamRole.Builder.create(this, "function_role")
                .forEach(eachVendor)
                .name("${each.value.function_role_name}")
                .path("${each.value.function_role_path}")
                .description("Execution role of a vendor's Lambda functions; the vendor may pass only this role")
                .assumeRolePolicy("${each.value.function_trust}")
                .permissionsBoundary("${aws_iam_policy.function_boundary[each.key].arn}")
                .maxSessionDuration(3600)
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();
        IamRolePolicyAttachment.Builder.create(this, "function_role_policy")
                .forEach(eachVendor)
                .role("${aws_iam_role.function_role[each.key].name}")
                .policyArn("${aws_iam_policy.function_policy[each.key].arn}")
                .build();
    }

    /** The key of a vendor's stage in the stage map, and in the addresses of stage-level resources. */
    public static String stageKey(String vendorId, String stage) {
        return vendorId + "/" + stage;
    }

    /**
     * Text Terraform must take literally: its JSON syntax reads every string as a template, so an IAM policy
     * variable such as {@code ${aws:PrincipalTag/vendor}} is escaped as {@code $${…}} (Terraform turns it back into
     * {@code ${…}}; `terraform validate` rejects the unescaped form). Policies without variables are unchanged.
     */
    static String terraformLiteral(String text) {
        return text.replace("${", "$${").replace("%{", "%%{");
    }

    /** What Terraform makes of {@link #terraformLiteral} text: the original. */
    static String fromTerraformLiteral(String text) {
        return text.replace("$${", "${").replace("%%{", "%{");
    }

    /** A policy template from the registry with the API's real id put in at apply. */
    private static String withApiId(String template, String apiIdReference) {
        return "${replace(" + template + ", \"" + API_ID_PLACEHOLDER + "\", "
                + apiIdReference.substring(2, apiIdReference.length() - 1) + ")}";
    }

    private static Map<String, String> tags(Vendor vendor) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(Names.VENDOR_TAG, vendor.id());
        tags.put("owner-team", vendor.owners().team());
        tags.put("owner-email", vendor.owners().email());
        return tags;
    }

    /** Until the vendor's first release, every path answers 503 with a problem document (a mock integration). */
    static String placeholderDefinition(String vendorId) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode();
        doc.put("openapi", "3.0.1");
        ObjectNode info = doc.putObject("info");
        info.put("title", Names.apiName(vendorId));
        info.put("version", "0");
        ObjectNode paths = doc.putObject("paths");
        for (String path : List.of("/", "/{proxy+}")) {
            ObjectNode any = paths.putObject(path).putObject("x-amazon-apigateway-any-method");
            if (path.contains("proxy")) {
                ObjectNode p = any.putArray("parameters").addObject();
                p.put("name", "proxy");
                p.put("in", "path");
                p.put("required", true);
                p.putObject("schema").put("type", "string");
            }
            ObjectNode notReleased = any.putObject("responses").putObject("503");
            notReleased.put("description", "Not released yet");
            notReleased.putObject("headers").putObject("Content-Type").putObject("schema").put("type", "string");
            ObjectNode integration = any.putObject("x-amazon-apigateway-integration");
            integration.put("type", "mock");
            integration.putObject("requestTemplates").put("application/json", "{\"statusCode\": 503}");
            ObjectNode def = integration.putObject("responses").putObject("default");
            def.put("statusCode", "503");
            def.putObject("responseParameters").put("method.response.header.Content-Type",
                    "'application/problem+json'");
            def.putObject("responseTemplates").put("application/json", "{\"type\":\"about:blank\","
                    + "\"title\":\"Not released yet\",\"status\":503,\"detail\":\"" + vendorId
                    + " has not released this API yet\"}");
        }
        try {
            return json.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
