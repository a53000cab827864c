package io.kubemin.examples.rest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the REST server serves: dialect, authentication, CORS, TLS, the console's files and the
 * limits that keep slow or large requests from holding it. Immutable; {@link #defaults()} is a
 * loopback server in the upstream dialect without authentication.
 *
 * <pre>{@code
 * RestSettings settings = RestSettings.builder()
 *     .dialect(ApiDialect.CONSOLE)
 *     .token(Files.readString(tokenFile).strip())
 *     .corsOrigin("https://console.example.com")
 *     .build();
 * }</pre>
 */
public final class RestSettings {
  /** Largest request body accepted (413 beyond). */
  public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

  /** Threads running handlers. */
  public static final int DEFAULT_THREADS = 8;

  /** Requests that may wait for a handler thread; more are answered 503. */
  public static final int DEFAULT_QUEUE_CAPACITY = 64;

  /** Time a new connection has to send its request line and headers. */
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);

  /** Time a request has to send its whole body once its headers are in (408 beyond). */
  public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);

  /** Time a kept-alive connection may stay without a complete request. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

  /** Deepest nesting of JSON objects and arrays in a request body. */
  public static final int DEFAULT_MAX_JSON_DEPTH = 64;

  private final ApiDialect dialect;
  private final String token;
  private final List<String> corsOrigins;
  private final List<String> allowedHosts;
  private final Path tlsCert;
  private final Path tlsKey;
  private final Path consoleUi;
  private final java.util.function.Supplier<String> metrics;
  private final io.opentelemetry.api.OpenTelemetry openTelemetry;
  private final boolean insecure;
  private final int maxBodyBytes;
  private final int threads;
  private final int queueCapacity;
  private final Duration headerTimeout;
  private final Duration bodyTimeout;
  private final Duration idleTimeout;
  private final int maxJsonDepth;

  private RestSettings(Builder b) {
    this.dialect = b.dialect;
    this.token = b.token;
    this.corsOrigins = List.copyOf(b.corsOrigins);
    this.allowedHosts = List.copyOf(b.allowedHosts);
    this.tlsCert = b.tlsCert;
    this.tlsKey = b.tlsKey;
    this.consoleUi = b.consoleUi;
    this.metrics = b.metrics;
    this.openTelemetry = b.openTelemetry;
    this.insecure = b.insecure;
    this.maxBodyBytes = b.maxBodyBytes;
    this.threads = b.threads;
    this.queueCapacity = b.queueCapacity;
    this.headerTimeout = b.headerTimeout;
    this.bodyTimeout = b.bodyTimeout;
    this.idleTimeout = b.idleTimeout;
    this.maxJsonDepth = b.maxJsonDepth;
  }

  /** The defaults: upstream dialect, no token, no CORS, plain HTTP, the limits' defaults. */
  public static RestSettings defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The wire format. */
  public ApiDialect dialect() {
    return dialect;
  }

  /** The bearer token every API request must carry, or null for none. */
  public String token() {
    return token;
  }

  /** Origins allowed to call the API from a browser ({@code *}: any, without credentials). */
  public List<String> corsOrigins() {
    return corsOrigins;
  }

  /** Host names accepted in the {@code Host} header besides the bind address and loopback. */
  public List<String> allowedHosts() {
    return allowedHosts;
  }

  /** The PEM certificate (chain) for TLS, or null for plain HTTP. */
  public Path tlsCert() {
    return tlsCert;
  }

  /** The PEM private key for TLS, or null for plain HTTP. */
  public Path tlsKey() {
    return tlsKey;
  }

  /** The directory of a built single-page console served at {@code /}, or null. */
  public Path consoleUi() {
    return consoleUi;
  }

  /** Where each request's server span goes, or null when requests are not traced. */
  public io.opentelemetry.api.OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** What {@code GET /metrics} answers (Prometheus text format), or null when it is off. */
  public java.util.function.Supplier<String> metrics() {
    return metrics;
  }

  /** Whether a non-loopback address may be bound without a token. */
  public boolean insecure() {
    return insecure;
  }

  /** Largest request body in bytes. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Threads running handlers. */
  public int threads() {
    return threads;
  }

  /** Requests that may wait for a thread. */
  public int queueCapacity() {
    return queueCapacity;
  }

  /** Time for the request line and headers of a new connection. */
  public Duration headerTimeout() {
    return headerTimeout;
  }

  /** Time for a request's body. */
  public Duration bodyTimeout() {
    return bodyTimeout;
  }

  /** Time a kept-alive connection may wait for its next request. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** Deepest JSON nesting of a request body. */
  public int maxJsonDepth() {
    return maxJsonDepth;
  }

  /** Builds {@link RestSettings}; each setter checks its value. */
  public static final class Builder {
    private ApiDialect dialect = ApiDialect.UPSTREAM;
    private String token;
    private final List<String> corsOrigins = new ArrayList<>();
    private final List<String> allowedHosts = new ArrayList<>();
    private Path tlsCert;
    private Path tlsKey;
    private Path consoleUi;
    private java.util.function.Supplier<String> metrics;
    private io.opentelemetry.api.OpenTelemetry openTelemetry;
    private boolean insecure;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int threads = DEFAULT_THREADS;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
    private Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private int maxJsonDepth = DEFAULT_MAX_JSON_DEPTH;

    private Builder() {}

    /** The wire format (default {@link ApiDialect#UPSTREAM}). */
    public Builder dialect(ApiDialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * The bearer token API requests must carry; null for none.
     *
     * @throws IllegalArgumentException when blank or shorter than 16 characters
     */
    public Builder token(String token) {
      if (token != null && token.strip().length() < 16) {
        throw new IllegalArgumentException("the token must have at least 16 characters");
      }
      this.token = token == null ? null : token.strip();
      return this;
    }

    /**
     * Allows browser calls from this origin, such as {@code https://console.example.com}; {@code *}
     * allows any origin without credentials.
     *
     * @throws IllegalArgumentException when it is not {@code *} or an http(s) origin without path
     */
    public Builder corsOrigin(String origin) {
      Objects.requireNonNull(origin, "origin");
      if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
        throw new IllegalArgumentException(
            "CORS origin '" + origin + "' must be * or scheme://host[:port] without a path");
      }
      corsOrigins.add(origin);
      return this;
    }

    /** Accepts this name in the {@code Host} header (the bind address and loopback always are). */
    public Builder allowedHost(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank() || host.contains("/")) {
        throw new IllegalArgumentException("host name '" + host + "' must be a bare host name");
      }
      allowedHosts.add(host.strip().toLowerCase(java.util.Locale.ROOT));
      return this;
    }

    /** Serves HTTPS with this PEM certificate (chain) and PEM private key. */
    public Builder tls(Path certificate, Path privateKey) {
      this.tlsCert = Objects.requireNonNull(certificate, "certificate");
      this.tlsKey = Objects.requireNonNull(privateKey, "privateKey");
      return this;
    }

    /** Serves the built single-page app in this directory at {@code /}. */
    public Builder consoleUi(Path directory) {
      this.consoleUi = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Allows binding a non-loopback address without a token (default false). */
    /**
     * Opens a server span for each API request (a child of the caller's W3C {@code traceparent}
     * header), current while the request runs, so an exec's trace starts at the REST call.
     */
    public Builder tracing(io.opentelemetry.api.OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /**
     * Serves {@code GET /metrics} with what {@code scrape} returns, in the Prometheus text format
     * (behind the bearer token when there is one).
     */
    public Builder metrics(java.util.function.Supplier<String> scrape) {
      this.metrics = Objects.requireNonNull(scrape, "scrape");
      return this;
    }

    /** Allows a non-loopback address without a token. */
    public Builder insecure(boolean insecure) {
      this.insecure = insecure;
      return this;
    }

    /** Largest request body, 1 KiB to 64 MiB (default 4 MiB). */
    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = within("maxBodyBytes", bytes, 1024, 64 * 1024 * 1024);
      return this;
    }

    /** Handler threads, 1 to 256 (default 8). */
    public Builder threads(int threads) {
      this.threads = within("threads", threads, 1, 256);
      return this;
    }

    /** Requests waiting for a thread before 503, 0 to 10000 (default 64). */
    public Builder queueCapacity(int capacity) {
      this.queueCapacity = within("queueCapacity", capacity, 0, 10_000);
      return this;
    }

    /** Time for the request line and headers, 100 ms or more (default 10 s). */
    public Builder headerTimeout(Duration timeout) {
      this.headerTimeout = positive("headerTimeout", timeout);
      return this;
    }

    /** Time for a request's body, 100 ms or more (default 30 s). */
    public Builder bodyTimeout(Duration timeout) {
      this.bodyTimeout = positive("bodyTimeout", timeout);
      return this;
    }

    /** Time a kept-alive connection may wait, 100 ms or more (default 60 s). */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive("idleTimeout", timeout);
      return this;
    }

    /** Deepest JSON nesting of a body, 8 to 1000 (default 64). */
    public Builder maxJsonDepth(int depth) {
      this.maxJsonDepth = within("maxJsonDepth", depth, 8, 1000);
      return this;
    }

    /** The settings. */
    public RestSettings build() {
      return new RestSettings(this);
    }

    private static int within(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            name + " must be from " + min + " to " + max + ", got " + value);
      }
      return value;
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.toMillis() < 100) {
        throw new IllegalArgumentException(name + " must be 100 ms or more, got " + value);
      }
      return value;
    }
  }
}
