package dev.multivendor.vendora.local;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Invokes the Lambda handler ({@link FunctionInvoker#handleRequest}) with API Gateway event files, in order, in one
 * JVM (so a list after a create sees it), and prints each response as the Lambda runtime would return it:
 * {@code java -cp target/vendor-a-lambda-*-aws.jar dev.multivendor.vendora.local.InvokeEvents src/test/resources/events/*.json}
 */
public final class InvokeEvents {

    private InvokeEvents() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: InvokeEvents <event.json>... (API Gateway REST proxy events, e.g. src/test/resources/events/*.json)");
            System.exit(2);
        }
        FunctionInvoker invoker = new FunctionInvoker();
        int invocation = 0;
        for (String file : args) {
            byte[] event;
            try {
                event = Files.readAllBytes(Path.of(file));
            } catch (NoSuchFileException e) {
                System.err.println(file + ": no such file");
                System.exit(2);
                return;
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            invoker.handleRequest(new ByteArrayInputStream(event), response, new LocalContext("local-" + ++invocation));
            System.out.println("== " + Path.of(file).getFileName());
            System.out.println(response.toString(StandardCharsets.UTF_8));
        }
    }
}
