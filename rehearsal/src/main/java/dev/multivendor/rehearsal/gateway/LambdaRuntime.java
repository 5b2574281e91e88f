package dev.multivendor.rehearsal.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs published Lambda functions the way the {@code java21} managed runtime does: each execution environment is
 * a separate JVM started with the official runtime interface client
 * ({@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda <handler>}, from Maven Central) and
 * {@code AWS_LAMBDA_RUNTIME_API} pointing at a Lambda Runtime API served here, on loopback, one endpoint per
 * environment: {@code GET /2018-06-01/runtime/invocation/next}, {@code POST .../invocation/{id}/response},
 * {@code POST .../invocation/{id}/error} and {@code POST /2018-06-01/runtime/init/error}.
 *
 * <p>Environments start on demand (the first invocation of a version pays the cold start; with SnapStart the version
 * is initialized when it is registered, i.e. published), one invocation at a time each, more of them up to
 * {@link LambdaFunction#maxEnvironments()} while invocations wait. The caller's wait (API Gateway's integration
 * timeout) and the function's own timeout are separate, as on AWS: a caller that stops waiting does not stop the
 * invocation; an invocation that runs past the function's timeout, or an init error, stops its environment.
 * SnapStart's snapshot and restore are not emulated: environments beyond the first start cold.
 */
public final class LambdaRuntime implements AutoCloseable {

    private static final String API = "/2018-06-01/runtime";
    /** Classes whose jars make up the runtime interface client's classpath (the client and its dependencies). */
    private static final List<String> RUNTIME_CLASSES = List.of(
            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
            "com.amazonaws.services.lambda.runtime.Context",
            "com.amazonaws.services.lambda.runtime.serialization.util.ReflectUtil",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

    /** The outcome of one invocation. */
    public record Result(Outcome outcome, String payload, String errorType) {
    }

    /** How an invocation ended. */
    public enum Outcome { SUCCESS, FUNCTION_ERROR, INIT_ERROR, TIMEOUT, ENVIRONMENT_EXITED }

    private final Map<String, LambdaFunction> functions = new ConcurrentHashMap<>();
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private final List<Path> runtimeClasspath;
    private final Path logDirectory;
    private final Consumer<String> log;
    private final AtomicInteger environmentCounter = new AtomicInteger();
    private final java.util.concurrent.ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lambda-timeouts");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    /**
     * @param logDirectory where each environment's stdout/stderr goes (its "CloudWatch log"), one file per environment
     * @param log          one line per environment start, init error and stop
     */
    public LambdaRuntime(Path logDirectory, Consumer<String> log) {
        this.runtimeClasspath = runtimeInterfaceClientClasspath();
        this.logDirectory = logDirectory;
        this.log = log;
        watchdog.scheduleWithFixedDelay(this::enforceTimeouts, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** Lambda's function timeout: an invocation running past it stops its environment and fails. */
    private void enforceTimeouts() {
        long now = System.currentTimeMillis();
        for (Pool pool : pools.values()) {
            for (Environment env : pool.environments) {
                for (Invocation invocation : env.inFlight.values()) {
                    if (invocation.functionDeadlineMillis > 0 && now > invocation.functionDeadlineMillis) {
                        log.accept("lambda " + pool.function.functionArn() + ": invocation " + invocation.requestId
                                + " ran past the function timeout (" + pool.function.timeout().toSeconds()
                                + " s); stopping its environment " + env.name);
                        invocation.result.complete(new Result(Outcome.TIMEOUT, "Task timed out", "Sandbox.Timedout"));
                        env.stop();
                    }
                }
            }
        }
    }

    /** Publishes a function version or alias: from now on integrations naming its ARN invoke it. */
    public void register(LambdaFunction function) {
        functions.put(function.functionArn(), function);
        if (function.snapStart()) {
            Pool pool = pools.computeIfAbsent(function.functionArn(), arn -> new Pool(function));
            Environment first = pool.start();
            first.awaitInitialized(Duration.ofMinutes(3));
        }
    }

    public Optional<LambdaFunction> function(String functionArn) {
        return Optional.ofNullable(functions.get(functionArn));
    }

    /** How many execution environments have been started so far (cold starts). */
    public int environmentsStarted() {
        return environmentCounter.get();
    }

    /** Invokes the function synchronously (RequestResponse) with a JSON payload; waits at most {@code timeout}. */
    public Result invoke(String functionArn, String payload, Duration timeout) {
        LambdaFunction function = functions.get(functionArn);
        if (function == null) {
            throw new IllegalArgumentException("no function " + functionArn + " is published in this rehearsal");
        }
        Pool pool = pools.computeIfAbsent(functionArn, arn -> new Pool(function));
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), payload);
        pool.submit(invocation);
        try {
            return invocation.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The caller stops waiting; the invocation goes on (and is answered to nobody), as on Lambda.
            return new Result(Outcome.TIMEOUT, "no answer within " + timeout.toMillis() + " ms", "Caller.Timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.TIMEOUT, "interrupted", "Sandbox.Timedout");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
        pools.values().forEach(Pool::close);
        pools.clear();
    }

    /** The runtime interface client's jars, from this JVM's classpath (it is a dependency of this module). */
    static List<Path> runtimeInterfaceClientClasspath() {
        List<Path> jars = new ArrayList<>();
        for (String name : RUNTIME_CLASSES) {
            try {
                Class<?> type = Class.forName(name, false, LambdaRuntime.class.getClassLoader());
                Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (!jars.contains(jar)) {
                    jars.add(jar);
                }
            } catch (ClassNotFoundException | URISyntaxException e) {
                throw new IllegalStateException("the Lambda runtime interface client is not on the classpath (" + name
                        + "): add com.amazonaws:aws-lambda-java-runtime-interface-client", e);
            }
        }
        return List.copyOf(jars);
    }

    private static final class Invocation {
        final String requestId;
        final String payload;
        volatile long functionDeadlineMillis;
        final CompletableFuture<Result> result = new CompletableFuture<>();

        Invocation(String requestId, String payload) {
            this.requestId = requestId;
            this.payload = payload;
        }
    }

    /** The execution environments of one function version, sharing one queue of invocations. */
    private final class Pool {
        final LambdaFunction function;
        final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
        final List<Environment> environments = new CopyOnWriteArrayList<>();
        final AtomicInteger outstanding = new AtomicInteger();

        Pool(LambdaFunction function) {
            this.function = function;
        }

        void submit(Invocation invocation) {
            int waiting = outstanding.incrementAndGet();
            invocation.result.whenComplete((r, e) -> outstanding.decrementAndGet());
            queue.add(invocation);
            synchronized (this) {
                environments.removeIf(env -> !env.alive());
                if (!closed && waiting > environments.size() && environments.size() < function.maxEnvironments()) {
                    environments.add(new Environment(this));
                }
            }
        }

        synchronized Environment start() {
            Environment env = new Environment(this);
            environments.add(env);
            return env;
        }

        void close() {
            environments.forEach(Environment::stop);
            Invocation pending;
            while ((pending = queue.poll()) != null) {
                pending.result.complete(new Result(Outcome.ENVIRONMENT_EXITED, "runtime closed", "Runtime.Closed"));
            }
        }
    }

    /** One execution environment: a Runtime API endpoint and the JVM that polls it. */
    private final class Environment {
        final Pool pool;
        final String name;
        final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
        final java.util.concurrent.CountDownLatch initialized = new java.util.concurrent.CountDownLatch(1);
        final HttpServer server;
        final ExecutorService executor;
        final Process process;
        volatile boolean stopped;

        Environment(Pool pool) {
            this.pool = pool;
            LambdaFunction function = pool.function;
            this.name = function.functionName() + "-" + function.qualifier().replace("$", "") + "-"
                    + environmentCounter.incrementAndGet();
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "runtime-api-" + name);
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.createContext(API + "/invocation/next", this::next);
            server.createContext(API + "/invocation/", this::result);
            server.createContext(API + "/init/error", this::initError);
            server.start();
            process = start(function);
            process.onExit().thenRun(this::exited);
            log.accept("lambda " + function.functionArn() + ": started execution environment " + name + " (pid "
                    + process.pid() + ", runtime API 127.0.0.1:" + server.getAddress().getPort() + ")");
        }

        private Process start(LambdaFunction function) {
            // Every execution environment has its own /tmp, as on Lambda; a shared one also lets two environments
            // starting at once race on the runtime client's native library that each unpacks there (seen as SIGBUS).
            Path tmp = logDirectory.resolve(name + "-tmp").toAbsolutePath();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(function.jvmOptions());
            command.add("-Djava.io.tmpdir=" + tmp);
            List<String> classpath = new ArrayList<>();
            classpath.add(function.artifact().toAbsolutePath().toString());
            runtimeClasspath.forEach(p -> classpath.add(p.toString()));
            command.add("-cp");
            command.add(String.join(File.pathSeparator, classpath));
            command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
            command.add(function.handler());
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> env = builder.environment();
            String path = env.get("PATH");
            env.clear();
            if (path != null) {
                env.put("PATH", path);
            }
            env.put("TZ", ":UTC");
            env.put("TMPDIR", tmp.toString());
            env.put("LANG", "en_US.UTF-8");
            env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getAddress().getPort());
            env.put("_HANDLER", function.handler());
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
            env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
            env.put("AWS_LAMBDA_FUNCTION_VERSION", function.qualifier());
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
            env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.functionName());
            env.put("AWS_LAMBDA_LOG_STREAM_NAME", name);
            env.put("AWS_REGION", function.region());
            env.put("AWS_DEFAULT_REGION", function.region());
            env.putAll(function.environment());
            builder.redirectErrorStream(true);
            try {
                Files.createDirectories(tmp);
                builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logDirectory.resolve(name + ".log").toFile()));
                return builder.start();
            } catch (IOException e) {
                server.stop(0);
                executor.shutdownNow();
                throw new UncheckedIOException("cannot start " + command, e);
            }
        }

        void awaitInitialized(Duration limit) {
            try {
                if (!initialized.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.accept("lambda " + pool.function.functionArn() + ": " + name + " not initialized within "
                            + limit.toSeconds() + " s");
                } else {
                    log.accept("lambda " + pool.function.functionArn() + ": " + name + " initialized (SnapStart: at publish)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        boolean alive() {
            return !stopped && process.isAlive();
        }

        private void next(HttpExchange exchange) throws IOException {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    send(exchange, 405, "{\"errorMessage\":\"use GET\"}");
                    return;
                }
                // The first call to /next means the runtime and the handler's static initialization are done.
                initialized.countDown();
                Invocation invocation = null;
                while (invocation == null && !stopped) {
                    try {
                        invocation = pool.queue.poll(500, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (invocation != null && invocation.result.isDone()) {
                        invocation = null;
                    }
                }
                if (invocation == null) {
                    return;
                }
                invocation.functionDeadlineMillis = System.currentTimeMillis() + pool.function.timeout().toMillis();
                inFlight.put(invocation.requestId, invocation);
                exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
                exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.functionDeadlineMillis));
                exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", pool.function.functionArn());
                exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id",
                        "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + invocation.requestId.replace("-", "").substring(0, 24)
                                + ";Sampled=0");
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                send(exchange, 200, invocation.payload);
            }
        }

        private void result(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String rest = path.substring((API + "/invocation/").length());
                int slash = rest.indexOf('/');
                if (!"POST".equals(exchange.getRequestMethod()) || slash < 0) {
                    send(exchange, 404, "{\"errorMessage\":\"unknown path " + path + "\"}");
                    return;
                }
                String requestId = rest.substring(0, slash);
                String kind = rest.substring(slash + 1);
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Invocation invocation = inFlight.remove(requestId);
                if (invocation == null) {
                    send(exchange, 400, "{\"errorMessage\":\"invalid request id " + requestId + "\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                if (kind.equals("response")) {
                    invocation.result.complete(new Result(Outcome.SUCCESS, body, null));
                } else if (kind.equals("error")) {
                    String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"))
                            .orElse("Unhandled");
                    invocation.result.complete(new Result(Outcome.FUNCTION_ERROR, body, type));
                } else {
                    send(exchange, 404, "{\"errorMessage\":\"unknown path " + path + "\"}");
                    return;
                }
                send(exchange, 202, "{\"status\":\"OK\"}");
            }
        }

        private void initError(HttpExchange exchange) throws IOException {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                log.accept("lambda " + pool.function.functionArn() + ": init error in " + name + ": " + body);
                send(exchange, 202, "{\"status\":\"OK\"}");
            }
            // Lambda fails the invocation that triggered the init and discards the environment.
            Invocation pending = pool.queue.poll();
            if (pending != null) {
                pending.result.complete(new Result(Outcome.INIT_ERROR, "init error", "Runtime.InitError"));
            }
            stop();
        }

        private void exited() {
            if (!stopped) {
                log.accept("lambda " + pool.function.functionArn() + ": environment " + name + " exited with code "
                        + process.exitValue() + " (log: " + logDirectory.resolve(name + ".log") + ")");
            }
            inFlight.values().forEach(i -> i.result.complete(
                    new Result(Outcome.ENVIRONMENT_EXITED, "the execution environment exited", "Runtime.ExitError")));
            inFlight.clear();
            stopped = true;
            server.stop(0);
            executor.shutdownNow();
        }

        void stop() {
            stopped = true;
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.stop(0);
            executor.shutdownNow();
        }

        private void send(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
