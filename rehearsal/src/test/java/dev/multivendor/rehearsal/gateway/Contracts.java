package dev.multivendor.rehearsal.gateway;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.multivendor.contracts.ApiContract;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks answers that came through the gateway against the vendor's contract in shared-contracts. */
final class Contracts {

    private final OpenApiInteractionValidator validator;
    private final String stagePrefix;

    /** @param stagePrefix the invoke URL's path ({@code /<apiId>/<stage>}), removed before matching the contract's paths */
    Contracts(ApiContract contract, String stagePrefix) {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(contract.yaml()).build();
        this.stagePrefix = stagePrefix;
    }

    /** Empty when the answer is one the contract allows for this operation; else the validator's messages. */
    Optional<String> violations(HttpRequest request, HttpResponse<String> response) {
        String path = request.uri().getPath();
        if (path.startsWith(stagePrefix)) {
            path = path.substring(stagePrefix.length());
        }
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            builder.withHeader(header.getKey(), header.getValue());
        }
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(request.method()), builder.build());
        return report.hasErrors()
                ? Optional.of(request.method() + " " + path + " -> " + response.statusCode() + " breaks the contract: "
                + report.getMessages() + " body: " + response.body())
                : Optional.empty();
    }
}
