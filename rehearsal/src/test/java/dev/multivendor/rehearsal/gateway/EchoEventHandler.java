package dev.multivendor.rehearsal.gateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A Lambda handler for the gateway's tests, run by the runtime interface client in its own JVM: it answers a
 * Lambda proxy response whose body is the event it received, with a single-value and a multi-value header; for the
 * path {@code /v1/fail} it throws, for {@code /v1/malformed} it answers something that is not a proxy response.
 * No JSON library: the runtime interface client's classpath has none.
 */
public final class EchoEventHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        if (event.contains("\"path\":\"/v1/fail\"")) {
            throw new IllegalStateException("failing on purpose");
        }
        String response = event.contains("\"path\":\"/v1/malformed\"")
                ? "[\"not a proxy response\"]"
                : "{\"statusCode\":201,\"headers\":{\"X-Echo\":\"" + context.getInvokedFunctionArn() + "\"},"
                + "\"multiValueHeaders\":{\"X-Multi\":[\"a\",\"b\"]},\"body\":\"" + escape(event) + "\",\"isBase64Encoded\":false}";
        output.write(response.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
