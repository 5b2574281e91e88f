package dev.multivendor.publisher.benchmark;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes WireMock enforce API Gateway's per-account control-plane quotas as token buckets ("Amazon API Gateway
 * quotas" in the API Gateway developer guide, https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html):
 * PutRestApi 1 per second, CreateDeployment 1 per 5 seconds, every other call 10 per second with a burst of 40.
 * A request without a token gets what API Gateway sends: 429 TooManyRequestsException, no Retry-After.
 *
 * <p>{@code timeScale} runs the clock faster: every interval is divided by it (the publisher's backoff is scaled
 * by the same factor), so the ratios are the same as in real time while the run takes 1/timeScale as long.
 */
final class QuotaEnforcer implements ResponseDefinitionTransformerV2 {

    /** A token bucket on the monotonic clock. */
    static final class Bucket {
        private final double capacity;
        private final double tokensPerNano;
        private double tokens;
        private long last;

        Bucket(double capacity, double perSecond) {
            this.capacity = capacity;
            this.tokensPerNano = perSecond / 1e9;
            reset();
        }

        synchronized boolean tryTake() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized void reset() {
            tokens = capacity;
            last = System.nanoTime();
        }
    }

    final double timeScale;
    final Bucket putRestApi;
    final Bucket createDeployment;
    final Bucket other;
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong allowed = new AtomicLong();

    QuotaEnforcer(double timeScale) {
        this.timeScale = timeScale;
        this.putRestApi = new Bucket(1, 1.0 * timeScale);
        this.createDeployment = new Bucket(1, 0.2 * timeScale);
        this.other = new Bucket(40, 10.0 * timeScale);
    }

    /** Seconds between two CreateDeployment calls, on the scaled clock. */
    double deploymentIntervalSeconds() {
        return 5.0 / timeScale;
    }

    double importIntervalSeconds() {
        return 1.0 / timeScale;
    }

    void reset() {
        putRestApi.reset();
        createDeployment.reset();
        other.reset();
        throttled.set(0);
        allowed.set(0);
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String method = serveEvent.getRequest().getMethod().getName();
        String path = serveEvent.getRequest().getUrl();
        if (!path.startsWith("/restapis/")) {
            return serveEvent.getResponseDefinition();
        }
        Bucket bucket = "PUT".equals(method) ? putRestApi
                : "POST".equals(method) && path.matches("/restapis/[^/?]+/deployments") ? createDeployment
                : other;
        if (bucket.tryTake()) {
            allowed.incrementAndGet();
            return serveEvent.getResponseDefinition();
        }
        throttled.incrementAndGet();
        return new ResponseDefinitionBuilder()
                .withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "TooManyRequestsException")
                .withBody("{\"message\":\"Too Many Requests\"}")
                .build();
    }

    @Override
    public String getName() {
        return "api-gateway-control-plane-quotas";
    }
}
