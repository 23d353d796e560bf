package org.tessera.server;

import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.server.config.ConfigException;

/**
 * The {@code tessera} command. Exit codes: 0 success, 1 the node could not start, 2 the
 * command line or the configuration is wrong (message on standard error).
 */
public final class Main {

  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  private static final long START_TIMEOUT_SECONDS = 300;
  /**
   * Files an import keeps in flight per ingest worker: one waiting for the index holds no worker,
   * and the more wait, the more instances each index transaction commits at once.
   */
  private static final int IN_FLIGHT_PER_WORKER = 8;
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private Main() {
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("import")) {
      // progress and summary go to standard output; the log, rejections included, apart
      System.setProperty("tessera.log.target", "System.err");
    }
    int code = execute(args, System.out, System.err);
    boolean serving = args.length > 0 && args[0].equals("run") && code == EXIT_OK;
    if (!serving) {
      System.exit(code);
    }
    // run returns once the node is up; Vert.x's non-daemon threads keep the process alive
  }

  static int execute(String[] args, PrintStream out, PrintStream err) {
    Command command;
    try {
      command = CommandLine.parse(args);
    } catch (UsageException e) {
      err.println("tessera: " + e.getMessage());
      err.println("Run 'tessera help' for usage.");
      return EXIT_USAGE;
    } catch (ConfigException e) {
      e.problems().forEach(problem -> err.println("tessera: " + problem));
      return EXIT_USAGE;
    }
    if (command instanceof HelpCommand help) {
      out.println(help.text());
      return EXIT_OK;
    }
    if (command instanceof ImportCommand importing) {
      return importFiles(importing, out, err);
    }
    return run((RunCommand) command);
  }

  private static int run(RunCommand command) {
    Logger log = LoggerFactory.getLogger(Main.class);
    TesseraNode node = new TesseraNode(command.config(), new VertxOptions());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitQuietly(node.stop()), "tessera-shutdown"));
    try {
      // the main thread is no event loop: waiting here blocks nothing
      node.start().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return EXIT_OK;
    } catch (ExecutionException e) {
      log.error("Tessera could not start: {}", e.getCause().getMessage());
      log.debug("start failure", e.getCause());
    } catch (TimeoutException e) {
      log.error("Tessera did not start within {} s", START_TIMEOUT_SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return EXIT_FAILED;
  }

  private static int importFiles(ImportCommand command, PrintStream out, PrintStream err) {
    Logger log = LoggerFactory.getLogger(Main.class);
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      StorageCore core = await(StorageCore.start(vertx, command.config(),
          new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), START_TIMEOUT_SECONDS);
      try {
        BulkImport.Summary summary = await(new BulkImport(vertx, core.services().ingest(),
            IN_FLIGHT_PER_WORKER * command.config().ingest().effectiveWorkers(), out,
            command.verbose())
            .run(command.roots()), Long.MAX_VALUE);
        out.println(summary.describe());
        summary.errors().forEach(e -> err.println("  " + e));
        return summary.errors().isEmpty() ? EXIT_OK : EXIT_FAILED;
      } finally {
        awaitQuietly(core.close(vertx));
      }
    } catch (ExecutionException e) {
      log.error("import failed: {}", e.getCause().getMessage());
      return EXIT_FAILED;
    } catch (TimeoutException e) {
      log.error("the storage core did not start within {} s", START_TIMEOUT_SECONDS);
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return EXIT_FAILED;
    } finally {
      awaitQuietly(vertx.close());
    }
  }

  private static <T> T await(Future<T> f, long seconds)
      throws ExecutionException, TimeoutException, InterruptedException {
    return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }

  private static void awaitQuietly(Future<Void> stopping) {
    try {
      stopping.toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // already logged by TesseraNode.stop, or the JVM is going down regardless
    }
  }
}
