package org.tessera.server;

import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tessera} command. Exit codes: 0 success, 1 the node could not start, 2 the
 * command line is wrong (message on standard error).
 */
public final class Main {

  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  private static final long START_TIMEOUT_SECONDS = 300;
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private Main() {
  }

  public static void main(String[] args) {
    int code = execute(args, System.out, System.err);
    if (code != EXIT_OK) {
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
    }
    if (command instanceof HelpCommand help) {
      out.println(help.text());
      return EXIT_OK;
    }
    return run((RunCommand) command);
  }

  private static int run(RunCommand command) {
    Logger log = LoggerFactory.getLogger(Main.class);
    TesseraNode node = new TesseraNode(command, new VertxOptions());
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
