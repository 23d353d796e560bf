package org.tessera.archive.internal.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.tessera.archive.Problem;
import org.tessera.archive.ingest.IngestOutcome;
import org.tessera.archive.ingest.IngestResult;

/** Ingest counters and latency for /metrics: instances by outcome, bytes, rejections by problem. */
public final class IngestMetrics {
  private final Map<IngestOutcome, Counter> outcomes = new EnumMap<>(IngestOutcome.class);
  private final Map<Problem, Counter> problems = new EnumMap<>(Problem.class);
  private final Counter bytes;
  private final Timer latency;

  public IngestMetrics(MeterRegistry registry) {
    for (IngestOutcome o : IngestOutcome.values()) {
      outcomes.put(o, Counter.builder("tessera.ingest.instances")
          .description("Instances received, by outcome").tag("outcome", o.name().toLowerCase())
          .register(registry));
    }
    for (Problem p : Problem.values()) {
      problems.put(p, Counter.builder("tessera.ingest.errors")
          .description("Ingests rejected or failed, by problem").tag("problem", p.name().toLowerCase())
          .register(registry));
    }
    bytes = Counter.builder("tessera.ingest.bytes").baseUnit("bytes")
        .description("Bytes of instances stored").register(registry);
    latency = Timer.builder("tessera.ingest.latency")
        .description("From the first byte received to the acknowledgement")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
  }

  public void record(IngestResult result, long startNanos) {
    latency.record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    outcomes.get(result.outcome()).increment();
    if (result.problem() != null) {
      problems.get(result.problem()).increment();
    } else if (result.outcome() != IngestOutcome.DUPLICATE && result.instance() != null) {
      bytes.increment(result.instance().size());
    }
  }

  public void recordFailure(Problem problem) {
    problems.get(problem).increment();
  }
}
