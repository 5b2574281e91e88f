package dev.multivendor.rehearsal.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The REST API Lambda proxy integration's event (payload format 1.0) and the function's answer, as documented in
 * "Lambda proxy integrations in API Gateway", sections "Input format of a Lambda function for proxy integration" and
 * "Output format of a Lambda function for proxy integration"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html).
 */
final class ProxyEvent {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A function's proxy response turned into an HTTP response, or the reason it is malformed. */
    record Answer(int statusCode, Map<String, List<String>> headers, byte[] body, Optional<String> malformed) {
    }

    private ProxyEvent() {
    }

    /** The event API Gateway hands the function for one request. */
    static ObjectNode build(GatewayRequest request, DeployedStage stage, DeployedStage.Route route,
                            Map<String, String> pathParameters, String accountId) {
        ObjectNode event = JSON.createObjectNode();
        event.put("resource", route.resourcePath());
        event.put("path", request.resourceRequestPath());
        event.put("httpMethod", request.method());
        Map<String, List<String>> headers = request.headers();
        if (headers.isEmpty()) {
            event.putNull("headers");
            event.putNull("multiValueHeaders");
        } else {
            ObjectNode single = event.putObject("headers");
            ObjectNode multi = event.putObject("multiValueHeaders");
            headers.forEach((name, values) -> {
                single.put(name, values.get(values.size() - 1));
                values.forEach(multi.putArray(name)::add);
            });
        }
        Map<String, List<String>> query = request.query();
        if (query.isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode single = event.putObject("queryStringParameters");
            ObjectNode multi = event.putObject("multiValueQueryStringParameters");
            query.forEach((name, values) -> {
                single.put(name, values.get(values.size() - 1));
                values.forEach(multi.putArray(name)::add);
            });
        }
        if (pathParameters.isEmpty()) {
            event.putNull("pathParameters");
        } else {
            ObjectNode path = event.putObject("pathParameters");
            pathParameters.forEach(path::put);
        }
        if (stage.settings().variables().isEmpty()) {
            event.putNull("stageVariables");
        } else {
            ObjectNode variables = event.putObject("stageVariables");
            stage.settings().variables().forEach(variables::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", accountId);
        context.put("apiId", stage.apiId());
        context.put("domainName", request.host());
        context.put("domainPrefix", stage.apiId());
        context.put("extendedRequestId", request.extendedRequestId());
        context.put("httpMethod", request.method());
        ObjectNode identity = context.putObject("identity");
        for (String absent : List.of("accessKey", "accountId", "apiKey", "apiKeyId", "caller", "cognitoAuthenticationProvider",
                "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId", "user", "userArn")) {
            identity.putNull(absent);
        }
        identity.put("sourceIp", request.sourceIp());
        identity.put("userAgent", request.firstHeader("User-Agent").orElse(null));
        context.put("path", "/" + stage.stageName() + request.resourceRequestPath());
        context.put("protocol", request.protocol());
        context.put("requestId", request.requestId());
        context.put("requestTime", REQUEST_TIME.format(Instant.ofEpochMilli(request.receivedEpochMillis())));
        context.put("requestTimeEpoch", request.receivedEpochMillis());
        context.put("resourceId", route.resourceId());
        context.put("resourcePath", route.resourcePath());
        context.put("stage", stage.stageName());
        context.put("deploymentId", stage.deploymentId());
        if (request.body().length == 0) {
            event.putNull("body");
        } else {
            // Without binary media types on the API (none are deployed here), API Gateway passes the body as text.
            event.put("body", new String(request.body(), StandardCharsets.UTF_8));
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    /** Reads the function's proxy response: statusCode, headers, multiValueHeaders, body, isBase64Encoded. */
    static Answer answer(String payload) {
        JsonNode response;
        try {
            response = JSON.readTree(payload);
        } catch (Exception e) {
            return malformed("the function's response is not JSON");
        }
        if (response == null || !response.isObject()) {
            return malformed("the function's response is not a JSON object");
        }
        JsonNode status = response.get("statusCode");
        if (status == null || !(status.isInt() || status.isTextual() && status.asText().matches("\\d{3}"))) {
            return malformed("the function's response has no valid statusCode");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        JsonNode single = response.get("headers");
        if (single != null && single.isObject()) {
            single.properties().forEach(f -> headers.put(f.getKey(), new ArrayList<>(List.of(f.getValue().asText()))));
        }
        JsonNode multi = response.get("multiValueHeaders");
        if (multi != null && multi.isObject()) {
            multi.properties().forEach(f -> {
                List<String> values = headers.computeIfAbsent(f.getKey(), k -> new ArrayList<>());
                f.getValue().forEach(v -> {
                    if (!values.contains(v.asText())) {
                        values.add(v.asText());
                    }
                });
            });
        }
        JsonNode body = response.get("body");
        byte[] bytes = new byte[0];
        if (body != null && !body.isNull()) {
            String text = body.isTextual() ? body.asText() : body.toString();
            if (response.path("isBase64Encoded").asBoolean(false)) {
                try {
                    bytes = Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    return malformed("isBase64Encoded is true but the body is not base64");
                }
            } else {
                bytes = text.getBytes(StandardCharsets.UTF_8);
            }
        }
        return new Answer(status.asInt(), headers, bytes, Optional.empty());
    }

    private static Answer malformed(String reason) {
        return new Answer(502, Map.of(), new byte[0], Optional.of(reason));
    }
}
