package dev.multivendor.rehearsal;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One emulated AWS account: a {@code moto_server} on a free loopback port with {@code MOTO_ACCOUNT_ID}, so every
 * resource it creates and every {@code sts:GetCallerIdentity} it answers belongs to that account.
 */
public final class MotoServer implements AutoCloseable {

    private final String party;
    private final String accountId;
    private final int port;
    private final Process process;
    private final Path log;

    private MotoServer(String party, String accountId, int port, Process process, Path log) {
        this.party = party;
        this.accountId = accountId;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts moto_server for {@code party}'s account and waits until it answers. {@code loadManagedPolicies}: the
     * core attaches an AWS managed policy (the API Gateway CloudWatch role), which moto only knows when asked to
     * load them ({@code MOTO_IAM_LOAD_MANAGED_POLICIES}).
     */
    public static MotoServer start(String party, String accountId, boolean loadManagedPolicies, Path logDir,
                                   Duration deadline) {
        Path log = logDir.resolve("moto-" + party + ".log");
        StepFailure last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freePort();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("MOTO_ACCOUNT_ID", accountId);
            if (loadManagedPolicies) {
                env.put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
            }
            Process p;
            try {
                p = Processes.startServer(List.of("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port)),
                        logDir, env, log);
            } catch (IOException e) {
                throw new StepFailure("cannot start moto_server for " + party + ": " + e.getMessage()
                        + " (install it with `pip install 'moto[server]==5.2.1'`)", e);
            }
            MotoServer server = new MotoServer(party, accountId, port, p, log);
            try {
                server.awaitReady(deadline);
                return server;
            } catch (StepFailure e) {
                // Another process may have taken the port between the probe and moto's bind: try another.
                server.close();
                last = e;
            }
        }
        throw last;
    }

    private void awaitReady(Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new StepFailure("moto_server for " + party + " exited with " + process.exitValue()
                        + " before answering on port " + port + "; log " + log);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint().resolve("/moto-api/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                int status = c.getResponseCode();
                c.disconnect();
                if (status > 0) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailure("interrupted while waiting for moto_server (" + party + ")");
            }
        }
        throw new StepFailure("moto_server for " + party + " did not answer on port " + port + " within "
                + deadline.toSeconds() + " s; log " + log);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new StepFailure("no free loopback port: " + e.getMessage(), e);
        }
    }

    public String party() {
        return party;
    }

    public String accountId() {
        return accountId;
    }

    public int port() {
        return port;
    }

    /** http://127.0.0.1:PORT: every service of this account answers here. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        Processes.stop(process);
    }

    @Override
    public String toString() {
        return party + " account " + accountId + " at " + endpoint();
    }
}
