package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

import static dev.multivendor.coreinfra.PolicyStatements.F;
import static dev.multivendor.coreinfra.PolicyStatements.deny;
import static dev.multivendor.coreinfra.PolicyStatements.strings;
import static dev.multivendor.coreinfra.PolicyStatements.withCondition;

/**
 * The explicit denies both account models put in every vendor identity's policy and boundary: they win over any
 * allow, so they hold even under a broader policy attached by mistake.
 */
final class Guardrails {

    /**
     * API Gateway resources that are account-global, or that no API id or tag scopes to one vendor: only the core team
     * touches them. Paths from API Gateway's ARN reference
     * (https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html); which actions and
     * condition keys apply to each, from the Service Authorization Reference's page on Amazon API Gateway Management
     * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonapigatewaymanagement.html).
     */
    static final List<String> ACCOUNT_GLOBAL_PATHS = List.of("/account", "/apikeys", "/apikeys/*",
            "/clientcertificates", "/clientcertificates/*", "/domainnames", "/domainnames/*", "/usageplans",
            "/usageplans/*", "/vpclinks", "/vpclinks/*", "/tags/*", "/restapis", "/apis", "/apis/*");
    /** The core's own controls: the rate caps (WAF), the drift alerts (EventBridge, SNS) and the audit trail. */
    static final List<String> CORE_CONTROL_ACTIONS = List.of("wafv2:*", "waf-regional:*", "events:*", "sns:*",
            "cloudtrail:*");

    private Guardrails() {
    }

    /** Every API Gateway action on the account-global paths, in any region. */
    static ObjectNode denyAccountGlobalApiGateway() {
        return deny("DenyAccountGlobalApiGateway", List.of("apigateway:*"),
                ACCOUNT_GLOBAL_PATHS.stream().map(p -> "arn:aws:apigateway:*::" + p).toList());
    }

    static ObjectNode denyCoreControls() {
        return deny("DenyCoreControls", CORE_CONTROL_ACTIONS, List.of("*"));
    }

    /** Neither POST (CreateStage) nor PUT on stages: a new stage would lack the core's throttling and logging. */
    static ObjectNode denyCreatingStages() {
        return deny("DenyCreatingStages", List.of("apigateway:POST", "apigateway:PUT"),
                List.of("arn:aws:apigateway:*::/restapis/*/stages", "arn:aws:apigateway:*::/restapis/*/stages/*"));
    }

    /**
     * CreateDeployment only into the given stages: a deployment naming any other stage would create it, without the
     * core's throttling, rate cap and logging. A deny, so it also holds under a broader policy attached by mistake.
     */
    static ObjectNode deployOnlyToStages(List<String> stages) {
        ObjectNode c = F.objectNode();
        c.putObject("StringNotEquals").set("apigateway:Request/StageName", strings(stages));
        return withCondition(deny("DenyDeployingToOtherStages", List.of("apigateway:POST"),
                List.of("arn:aws:apigateway:*::/restapis/*/deployments")), c);
    }
}
