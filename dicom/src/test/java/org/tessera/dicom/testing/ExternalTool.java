package org.tessera.dicom.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An external program run by a test (DCMTK's {@code dcmdump}, {@code storescu}, {@code findscu},
 * {@code storescp}, dicom3tools' {@code dciodvfy} ...): one command line with its timeout,
 * working directory and environment, run to completion ({@link #run()}) or started in the
 * background for servers ({@link #start()}). Stdout and stderr are captured separately as bytes.
 *
 * <p>Every child gets {@code TCP_NODELAY=1}: Debian's DCMTK otherwise waits on Nagle's algorithm
 * and each DIMSE exchange stalls for tens of milliseconds. Everything here blocks the calling
 * thread; never call it from a Vert.x event loop.
 *
 * <pre>{@code
 * ExternalTool.require("dcmdump", "dcmtk");
 * ExternalTool.Result r = ExternalTool.of("dcmdump", "+L", file.toString()).run();
 * assertThat(r.exitCode()).as(r.describe()).isZero();
 * }</pre>
 */
public final class ExternalTool {
  /** How long {@link #run()} waits unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final Map<String, Path> FOUND = new ConcurrentHashMap<>();

  private final List<String> command;
  private Duration timeout = DEFAULT_TIMEOUT;
  private Path directory;
  private final Map<String, String> environment = new LinkedHashMap<>();

  private ExternalTool(List<String> command) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    this.command = List.copyOf(command);
    environment.put("TCP_NODELAY", "1");
  }

  /** A command: the executable (looked up on PATH) and its arguments. */
  public static ExternalTool of(String... command) {
    return new ExternalTool(List.of(command));
  }

  public static ExternalTool of(List<String> command) {
    return new ExternalTool(command);
  }

  /**
   * Fails the calling test unless {@code executable} is on PATH. A missing tool is never a reason
   * to skip, since a skipped interop test looks like a passed one: on CI ({@code CI=true}) and
   * locally alike the test fails with an AssertionError that says what to install, e.g.
   * "dcmdump missing: apt-get install -y dcmtk".
   *
   * @param debianPackage the Debian package that provides it (dcmtk, dicom3tools)
   * @return the executable's path
   */
  public static Path require(String executable, String debianPackage) {
    Path found = FOUND.computeIfAbsent(executable, ExternalTool::findOnPath);
    if (found == null) {
      throw new AssertionError(executable + " missing: apt-get install -y " + debianPackage);
    }
    return found;
  }

  private static Path findOnPath(String executable) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null; // computeIfAbsent stores nothing, so a later install is noticed
  }

  public ExternalTool timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** The working directory; the test JVM's if not set. */
  public ExternalTool directory(Path directory) {
    this.directory = directory;
    return this;
  }

  /** Adds or replaces an environment variable of the child (the JVM's are inherited). */
  public ExternalTool env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /**
   * Runs the command to completion. On timeout the process and its descendants are killed and
   * an AssertionError reports the command and what it had printed.
   */
  public Result run() throws IOException {
    Running running = start();
    try {
      if (!running.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        Result partial = running.stop();
        throw new AssertionError(command.get(0) + " did not finish within "
            + timeout.toMillis() + " ms\n" + partial.describe());
      }
    } catch (InterruptedException e) {
      running.stop();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + command.get(0), e);
    }
    return running.result();
  }

  /**
   * Starts the command in the background, as for a server ({@code storescp}) that runs until it
   * is stopped. Close the handle (try-with-resources) to kill it.
   */
  public Running start() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.environment().putAll(environment);
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    long started = System.nanoTime();
    return new Running(command, builder.start(), started);
  }

  /**
   * What a finished (or stopped) command did.
   *
   * @param command the command line
   * @param exitCode its exit status (a killed process reports the signal's, e.g. 137)
   * @param stdoutBytes everything it wrote to stdout
   * @param stderrBytes everything it wrote to stderr
   * @param elapsed wall-clock time from start to exit
   */
  public record Result(
      List<String> command, int exitCode, byte[] stdoutBytes, byte[] stderrBytes,
      Duration elapsed) {

    /** Stdout as UTF-8 (DCMTK prints UTF-8 with {@code +U8}). */
    public String stdout() {
      return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    public String stderr() {
      return new String(stderrBytes, StandardCharsets.UTF_8);
    }

    /** The non-blank lines of stdout and then of stderr. */
    public List<String> lines() {
      List<String> lines = new ArrayList<>();
      for (String text : List.of(stdout(), stderr())) {
        text.lines().filter(l -> !l.isBlank()).forEach(lines::add);
      }
      return lines;
    }

    /**
     * DCMTK's log lines at warning level or above: those starting with "W:", "E:" or "F:"
     * (the default log pattern of OFLog), from either stream.
     */
    public List<String> dcmtkDiagnostics() {
      return lines().stream()
          .filter(l -> l.startsWith("W: ") || l.startsWith("E: ") || l.startsWith("F: "))
          .toList();
    }

    /** The command, exit code and output, for assertion messages. */
    public String describe() {
      return String.join(" ", command) + "\nexit code " + exitCode + " after "
          + elapsed.toMillis() + " ms\n--- stdout\n" + abbreviate(stdout())
          + "\n--- stderr\n" + abbreviate(stderr());
    }

    private static String abbreviate(String s) {
      return s.length() <= 4000 ? s : s.substring(0, 4000) + "\n... (" + s.length() + " chars)";
    }
  }

  /** A started command; {@link #close()} kills it if it is still running. */
  public static final class Running implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final long started;
    private final Drain stdout;
    private final Drain stderr;

    private Running(List<String> command, Process process, long started) {
      this.command = command;
      this.process = process;
      this.started = started;
      this.stdout = new Drain(process.getInputStream(), command.get(0) + "-stdout");
      this.stderr = new Drain(process.getErrorStream(), command.get(0) + "-stderr");
    }

    public Process process() {
      return process;
    }

    /** What it has printed so far, stdout then stderr. */
    public String outputSoFar() {
      return stdout.text() + stderr.text();
    }

    /**
     * Waits until its output contains {@code text} (a server's "listening" line, say).
     *
     * @throws AssertionError if the process exits or {@code timeout} passes first
     */
    public void awaitOutput(String text, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!outputSoFar().contains(text)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError(command.get(0) + " never printed \"" + text + "\"\n"
              + outputSoFar());
        }
        Thread.sleep(20);
      }
    }

    /** Kills the process and its descendants and returns what it did. */
    public Result stop() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return result();
    }

    private Result result() {
      int exit = process.isAlive() ? -1 : process.exitValue();
      stdout.await();
      stderr.await();
      return new Result(command, exit, stdout.bytes(), stderr.bytes(),
          Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        stop();
      }
    }
  }

  /** Copies one output stream of the child into memory on its own thread, so it never blocks. */
  private static final class Drain {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final Thread thread;

    Drain(InputStream in, String name) {
      thread = new Thread(() -> copy(in), name);
      thread.setDaemon(true);
      thread.start();
    }

    private void copy(InputStream in) {
      byte[] buf = new byte[8192];
      try (in) {
        for (int n; (n = in.read(buf)) >= 0; ) {
          synchronized (sink) {
            sink.write(buf, 0, n);
          }
        }
      } catch (IOException e) {
        // the stream closes when the process is killed; what was read so far is kept
      }
    }

    void await() {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(new IOException("interrupted", e));
      }
    }

    byte[] bytes() {
      synchronized (sink) {
        return sink.toByteArray();
      }
    }

    String text() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }
  }
}
