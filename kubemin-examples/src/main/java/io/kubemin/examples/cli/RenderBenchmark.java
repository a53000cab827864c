package io.kubemin.examples.cli;

import io.kubemin.model.Application;
import io.kubemin.render.Renderer;
import java.time.Duration;
import java.util.Objects;

/**
 * Renders one application over and over on the calling thread: first a warm-up (so the JIT has
 * compiled the hot paths), then a measured run. Reports components rendered per second.
 */
public final class RenderBenchmark {
  private final Renderer renderer;
  private final Application application;
  private final Duration warmup;
  private final Duration measured;

  /** Keeps the JIT from discarding renders whose result nobody reads. */
  private volatile long sink;

  /**
   * @param renderer the renderer to measure
   * @param application what to render
   * @param warmup how long to render before measuring
   * @param measured how long to measure
   */
  public RenderBenchmark(
      Renderer renderer, Application application, Duration warmup, Duration measured) {
    this.renderer = Objects.requireNonNull(renderer, "renderer");
    this.application = Objects.requireNonNull(application, "application");
    this.warmup = Objects.requireNonNull(warmup, "warmup");
    this.measured = Objects.requireNonNull(measured, "measured");
  }

  /**
   * Runs the warm-up and the measured run.
   *
   * @throws io.kubemin.error.RenderException when the application cannot be rendered
   */
  public Result run() {
    renderFor(warmup);
    long start = System.nanoTime();
    long renders = renderFor(measured);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(application.components().size(), renders, seconds);
  }

  private long renderFor(Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    long renders = 0;
    long objects = 0;
    do {
      objects += renderer.render(application).objects().size();
      renders++;
    } while (System.nanoTime() < deadline);
    sink += objects;
    return renders;
  }

  /**
   * What a run measured.
   *
   * @param components components per render
   * @param renders renders in the measured run
   * @param seconds length of the measured run
   */
  public record Result(int components, long renders, double seconds) {

    /** Components rendered per second. */
    public double componentsPerSecond() {
      return seconds <= 0 ? 0 : components * renders / seconds;
    }
  }
}
