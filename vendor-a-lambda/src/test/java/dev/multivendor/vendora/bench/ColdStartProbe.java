package dev.multivendor.vendora.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.multivendor.vendora.api.Json;
import dev.multivendor.vendora.local.LocalContext;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * One cold start, in a fresh JVM started by {@link ColdStartBenchmark}: create the handler as the Lambda runtime
 * does, answer one API Gateway event, say so on stdout at once (the parent times JVM launch to that line), then
 * report the CPU time and the classes loaded so far, the heap after the first call and the warm per-invocation time.
 * Arguments: {@code scf|plain <event.json> <warm invocations>}.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws IOException {
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        int warm = Integer.parseInt(args[2]);
        RequestStreamHandler handler = args[0].equals("scf") ? new FunctionInvoker() : new FrameworkFreeHandler();
        String first = invoke(handler, event, 0);
        // CPU time of every thread (JIT and GC included) up to the first answer: steadier than wall time on a busy
        // machine, and what a Lambda function's share of a vCPU is spent on.
        long cpuMillis = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        System.out.println("BENCH answered " + Json.MAPPER.readTree(first).get("statusCode").asString());
        System.out.flush();
        System.out.println("BENCH cpuMillis " + cpuMillis);
        System.out.println("BENCH classesLoaded " + ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());

        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long heapAfterFirstCall = runtime.totalMemory() - runtime.freeMemory();
        long[] nanos = new long[warm];
        for (int i = 0; i < warm; i++) {
            long start = System.nanoTime();
            invoke(handler, event, i + 1);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.println("BENCH heapBytes " + heapAfterFirstCall);
        System.out.println("BENCH warmMedianNanos " + (warm == 0 ? 0 : nanos[warm / 2]));
    }

    private static String invoke(RequestStreamHandler handler, byte[] event, int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, new LocalContext("bench-" + n));
        return out.toString(StandardCharsets.UTF_8);
    }
}
