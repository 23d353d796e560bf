package org.tessera.server;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.ingest.IngestContext;
import org.tessera.archive.ingest.IngestOutcome;
import org.tessera.archive.ingest.IngestResult;
import org.tessera.archive.ingest.IngestService;

/**
 * {@code tessera import}: every regular file under the given directories through the ingest
 * pipeline, {@code parallelism} at a time, with a progress line each second and a summary. A
 * file that cannot be ingested is listed with its reason; it never stops the run.
 */
final class BulkImport {
  /** DICOMDIR indexes media; it is no instance. */
  private static final String DICOMDIR = "DICOMDIR";

  /** What an import did. */
  record Summary(int files, int stored, int duplicates, int replaced, long bytes,
      long nanos, List<String> errors) {
    String describe() {
      double seconds = Math.max(nanos, 1) / 1e9;
      return String.format(Locale.ROOT, "import: %d files (%d stored, %d duplicates, %d replaced), "
          + "%.1f MB in %.1f s (%.0f files/s, %.1f MB/s), %d errors", files, stored, duplicates,
          replaced, bytes / 1e6, seconds, files / seconds, bytes / 1e6 / seconds, errors.size());
    }
  }

  private final Vertx vertx;
  private final IngestService ingest;
  private final int parallelism;
  private final PrintStream out;
  private final boolean verbose;
  private final IngestContext ctx = IngestContext.of(IngestContext.DEFAULT_ARCHIVE, "import");

  private List<Path> files;
  private int next;
  private int done;
  private int stored;
  private int duplicates;
  private int replaced;
  private long bytes;
  private long start;
  private final List<String> errors = new ArrayList<>();

  /** @param verbose print a line per instance: outcome, SOP Instance UID, file */
  BulkImport(Vertx vertx, IngestService ingest, int parallelism, PrintStream out,
      boolean verbose) {
    this.verbose = verbose;
    this.vertx = vertx;
    this.ingest = ingest;
    this.parallelism = parallelism;
    this.out = out;
  }

  /** Imports the trees under {@code roots}; completes when every file has been tried. */
  Future<Summary> run(List<Path> roots) {
    Context context = vertx.getOrCreateContext();
    Promise<Summary> result = Promise.promise();
    vertx.executeBlocking(() -> list(roots), false).onComplete(ar -> context.runOnContext(v -> {
      if (ar.failed()) {
        result.fail(ar.cause());
        return;
      }
      files = ar.result();
      start = System.nanoTime();
      long timer = vertx.setPeriodic(1000, id -> out.println(progress()));
      for (int i = 0; i < parallelism; i++) {
        startNext(result, timer);
      }
      if (files.isEmpty()) {
        finish(result, timer);
      }
    }));
    return result.future();
  }

  private static List<Path> list(List<Path> roots) {
    List<Path> all = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        throw new UncheckedIOException(new IOException("no such file or directory: " + root));
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().equalsIgnoreCase(DICOMDIR))
            .sorted().forEach(all::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all;
  }

  private void startNext(Promise<Summary> result, long timer) {
    if (next == files.size()) {
      return;
    }
    Path file = files.get(next++);
    ingest.ingestFile(ctx, file).onComplete(ar -> {
      count(file, ar.succeeded() ? ar.result() : null, ar.cause());
      if (++done == files.size()) {
        finish(result, timer);
      } else {
        startNext(result, timer);
      }
    });
  }

  private void count(Path file, IngestResult r, Throwable failure) {
    if (r == null) {
      errors.add(file + ": " + ArchiveException.of(failure).getMessage());
      return;
    }
    switch (r.outcome()) {
      case STORED -> stored++;
      case DUPLICATE -> duplicates++;
      case REPLACED -> replaced++;
      case REJECTED -> errors.add(file + ": " + r.message());
    }
    if (r.outcome() != IngestOutcome.REJECTED) {
      bytes += r.instance().size();
      if (verbose) {
        out.println(r.outcome().name().toLowerCase(Locale.ROOT) + " "
            + r.instance().sopInstanceUid() + " " + file);
      }
    }
  }

  private String progress() {
    double seconds = Math.max(System.nanoTime() - start, 1) / 1e9;
    return String.format(Locale.ROOT, "import: %d/%d files, %.1f MB, %.0f files/s, %d errors",
        done, files.size(), bytes / 1e6, done / seconds, errors.size());
  }

  private void finish(Promise<Summary> result, long timer) {
    vertx.cancelTimer(timer);
    result.complete(new Summary(files.size(), stored, duplicates, replaced, bytes,
        System.nanoTime() - start, List.copyOf(errors)));
  }
}
