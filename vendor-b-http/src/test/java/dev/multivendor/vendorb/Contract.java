package dev.multivendor.vendorb;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.multivendor.contracts.ApiContract;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Checks real responses of this service against vendor B's contract in shared-contracts. */
final class Contract {

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(ApiContract.SUPPORT_TICKETS_V1.yaml())
            .build();

    private Contract() {
    }

    /** Fails with the validator's messages unless the response is one the contract allows for this operation. */
    static void assertConforms(Request.Method method, String path, HttpResponse<String> response) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode())
                .withBody(response.body());
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            builder.withHeader(header.getKey(), header.getValue());
        }
        ValidationReport report = VALIDATOR.validateResponse(path, method, builder.build());
        assertFalse(report.hasErrors(), () -> method + " " + path + " -> " + response.statusCode() + " breaks the "
                + "contract: " + report.getMessages() + "\nbody: " + response.body());
    }
}
