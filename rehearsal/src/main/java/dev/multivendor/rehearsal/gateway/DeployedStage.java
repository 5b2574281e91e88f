package dev.multivendor.rehearsal.gateway;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one stage of one REST API serves, as read from the control plane right after a deployment: the resources,
 * methods and integrations, and the stage's own settings. The gateway serves exactly this and nothing else.
 *
 * @param apiId        the REST API id
 * @param apiName      the REST API name
 * @param stageName    the stage
 * @param deploymentId the deployment the stage pointed at when this snapshot was read
 * @param routes       one entry per (resource, method) the deployment has
 * @param settings     the stage's settings (throttling, access log format, variables, features not implemented)
 */
public record DeployedStage(String apiId, String apiName, String stageName, String deploymentId, List<Route> routes,
                            StageSettings settings) {

    public DeployedStage {
        routes = List.copyOf(routes);
    }

    /** The routes declared on the resource whose path template is {@code resourcePath}. */
    public List<Route> routesOf(String resourcePath) {
        return routes.stream().filter(r -> r.resourcePath().equals(resourcePath)).toList();
    }

    /**
     * One method of one resource and its integration.
     *
     * @param resourceId        the resource id
     * @param resourcePath      the resource's path template, e.g. {@code /v1/tickets/{ticketId}}
     * @param httpMethod        GET, POST, ... or ANY
     * @param authorizationType NONE, AWS_IAM, CUSTOM, COGNITO_USER_POOLS (NONE when the control plane says nothing)
     * @param apiKeyRequired    whether the method requires an API key
     * @param requestValidatorId the request validator, if any
     * @param integration       the integration, empty when the method has none
     */
    public record Route(String resourceId, String resourcePath, String httpMethod, String authorizationType,
                        boolean apiKeyRequired, String requestValidatorId, Optional<Integration> integration) {
    }

    /**
     * A method's integration as the control plane keeps it.
     *
     * @param type                 AWS_PROXY, HTTP_PROXY, MOCK, AWS, HTTP (upper case)
     * @param uri                  the integration URI
     * @param httpMethod           the method used towards the integration
     * @param requestParameters    integration request parameter mappings
     * @param requestTemplates     mapping templates by content type
     * @param responses            integration responses by status code
     * @param connectionType       INTERNET or VPC_LINK
     * @param credentials          role the integration is called with, if any
     * @param contentHandling      CONVERT_TO_BINARY / CONVERT_TO_TEXT, if any
     * @param timeoutMillis        integration timeout (API Gateway's default 29,000 ms when unset)
     */
    public record Integration(String type, String uri, String httpMethod, Map<String, String> requestParameters,
                              Map<String, String> requestTemplates, Map<String, IntegrationResponse> responses,
                              String connectionType, String credentials, String contentHandling, int timeoutMillis) {

        public Integration {
            type = type == null ? "" : type.toUpperCase(Locale.ROOT);
            requestParameters = Map.copyOf(requestParameters);
            requestTemplates = Map.copyOf(requestTemplates);
            responses = Map.copyOf(responses);
        }
    }

    /**
     * One integration response (used by mock and non-proxy integrations).
     *
     * @param statusCode         the method response status it produces
     * @param selectionPattern   the regular expression that selects it; empty for the default response
     * @param responseParameters method response parameter mappings (e.g. static headers)
     * @param responseTemplates  body templates by content type
     */
    public record IntegrationResponse(String statusCode, String selectionPattern, Map<String, String> responseParameters,
                                      Map<String, String> responseTemplates) {

        public IntegrationResponse {
            selectionPattern = selectionPattern == null ? "" : selectionPattern;
            responseParameters = Map.copyOf(responseParameters);
            responseTemplates = Map.copyOf(responseTemplates);
        }
    }

    /**
     * The stage's settings that change how requests are served.
     *
     * @param methodSettings      by key as the control plane returns it: {@code *}{@code /*}, or
     *                            {@code ~1resource~1path/METHOD}
     * @param accessLogFormat     the access log format, empty when access logging is off
     * @param variables           stage variables
     * @param cacheClusterEnabled whether the stage cache is on (not implemented: every request answers 501)
     * @param webAclArn           an associated WAF web ACL (not implemented: every request answers 501)
     * @param canary              whether canary settings are present (not implemented: every request answers 501)
     */
    public record StageSettings(Map<String, MethodSetting> methodSettings, Optional<String> accessLogFormat,
                                Map<String, String> variables, boolean cacheClusterEnabled, Optional<String> webAclArn,
                                boolean canary) {

        public StageSettings {
            methodSettings = Map.copyOf(methodSettings);
            variables = Map.copyOf(variables);
        }

        /** The settings API Gateway applies to one method: the method's own entry, else the stage-wide one. */
        public Optional<MethodSetting> forMethod(String resourcePath, String httpMethod) {
            String escaped = resourcePath.replace("/", "~1");
            for (String key : List.of(escaped + "/" + httpMethod, escaped + "/*", "*/*")) {
                MethodSetting setting = methodSettings.get(key);
                if (setting != null) {
                    return Optional.of(setting);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The per-method settings the gateway acts on.
     *
     * @param throttlingRateLimit  steady requests per second; negative when unset
     * @param throttlingBurstLimit bucket size; negative when unset
     * @param cachingEnabled       method caching (not implemented: 501)
     */
    public record MethodSetting(double throttlingRateLimit, int throttlingBurstLimit, boolean cachingEnabled) {
    }
}
