package org.tessera.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Row;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tessera.archive.database.Database;
import org.tessera.archive.database.DatabaseOptions;
import org.tessera.archive.database.EmbeddedPostgresServer;
import org.tessera.archive.storage.FileBlobStore;
import org.tessera.archive.storage.StorageOptions;

/**
 * A {@code tessera} command run from the fat jar in a child JVM, as an operator runs it: its
 * standard output read line by line while it runs (so a test can act in the middle of an
 * import), standard error captured whole. The child gets no {@code TESSERA_*} variables from
 * the test's environment and runs in a directory of the test's choosing, so no stray
 * {@code tessera.yaml} configures it. Everything here blocks.
 */
final class TesseraProcess implements AutoCloseable {
  /** The jar the {@code package} phase builds; failsafe runs in the server module. */
  static final Path JAR = Path.of("target/tessera.jar");

  /** {@code <outcome> <SOPInstanceUID> <file>}: one line per instance with --verbose. */
  private static final Pattern INSTANCE_LINE =
      Pattern.compile("(stored|duplicate|replaced) (\\S+) (.+)");
  private static final String END_OF_OUTPUT = "\u0000end";

  private final Process process;
  private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
  private final List<String> stdout = new ArrayList<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Thread stderrReader;
  private boolean ended;

  private TesseraProcess(Process process) {
    this.process = process;
    Thread stdoutReader = new Thread(() -> readLines(process.getInputStream()),
        "tessera-stdout-" + process.pid());
    stdoutReader.setDaemon(true);
    stdoutReader.start();
    stderrReader = new Thread(() -> copy(process.getErrorStream()),
        "tessera-stderr-" + process.pid());
    stderrReader.setDaemon(true);
    stderrReader.start();
  }

  /** Starts {@code java -jar tessera.jar args...} in {@code workingDir}. */
  static TesseraProcess start(Path workingDir, String... args) throws IOException {
    Path jar = JAR.toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(jar + " missing: the package phase builds it (mvn verify)");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("TESSERA_"));
    return new TesseraProcess(builder.start());
  }

  /**
   * The next line of standard output, or null once the process has closed it.
   *
   * @throws AssertionError if no line comes within {@code timeout}
   */
  String nextLine(Duration timeout) throws InterruptedException {
    if (ended) {
      return null;
    }
    String line = pending.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      throw new AssertionError("no output from tessera within " + timeout + "; so far:\n"
          + String.join("\n", stdout));
    }
    if (line.equals(END_OF_OUTPUT)) {
      ended = true;
      return null;
    }
    stdout.add(line);
    return line;
  }

  /**
   * Waits for the process to exit and for all its output.
   *
   * @return the exit code
   * @throws AssertionError if it does not exit within {@code timeout} (it is killed then)
   */
  int waitFor(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (nextLine(Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1))) != null) {
      // collects the line
    }
    if (!process.waitFor(Math.max(deadline - System.nanoTime(), 1), TimeUnit.NANOSECONDS)) {
      killBlocking();
      throw new AssertionError("tessera did not exit within " + timeout);
    }
    stderrReader.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }

  /** SIGKILL on Linux: no shutdown hook runs, nothing is flushed or closed. Returns once dead. */
  void killBlocking() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("tessera " + process.pid() + " survived SIGKILL for 30 s");
    }
  }

  /** The lines of standard output read so far. */
  List<String> stdout() {
    return List.copyOf(stdout);
  }

  String stderr() {
    synchronized (stderr) {
      return stderr.toString(StandardCharsets.UTF_8);
    }
  }

  /** The --verbose instance lines read so far, in order. */
  List<InstanceLine> instanceLines() {
    List<InstanceLine> found = new ArrayList<>();
    for (String line : stdout) {
      InstanceLine parsed = InstanceLine.parse(line);
      if (parsed != null) {
        found.add(parsed);
      }
    }
    return found;
  }

  /** Everything read so far, for assertion messages. */
  String describe() {
    return "stdout:\n" + String.join("\n", stdout) + "\nstderr:\n" + stderr();
  }

  /**
   * Kills the process if it still runs. Its embedded PostgreSQL is no child of it (pg_ctl
   * detaches the server) and outlives the kill: {@link Index#stopOrphanBlocking} stops it.
   */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void readLines(InputStream in) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        pending.add(line);
      }
    } catch (IOException e) {
      // the process died mid-line: what was read is what it said
    } finally {
      pending.add(END_OF_OUTPUT);
    }
  }

  private void copy(InputStream in) {
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        synchronized (stderr) {
          stderr.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      // as above
    }
  }

  /** One line of {@code import --verbose}: what happened to which instance from which file. */
  record InstanceLine(String outcome, String sopInstanceUid, Path file) {
    static InstanceLine parse(String line) {
      Matcher m = INSTANCE_LINE.matcher(line);
      return m.matches() ? new InstanceLine(m.group(1), m.group(2), Path.of(m.group(3))) : null;
    }
  }

  /**
   * The index and blobs a tessera process left in its data directory, opened from the test JVM
   * once that process is gone: the embedded PostgreSQL started on {@code pg/} (stopping one a
   * killed process left running), the schema as the process left it.
   */
  static final class Index implements AutoCloseable {
    private final Vertx vertx;
    private final EmbeddedPostgresServer server;
    private final Database database;
    private final FileBlobStore blobs;

    private Index(Vertx vertx, EmbeddedPostgresServer server, Database database,
        FileBlobStore blobs) {
      this.vertx = vertx;
      this.server = server;
      this.database = database;
      this.blobs = blobs;
    }

    static Index openBlocking(Path dataDir) throws IOException {
      // a blocked event loop prints a stack trace (each one is a bug)
      Vertx vertx = Vertx.vertx(new VertxOptions()
          .setMaxEventLoopExecuteTime(200)
          .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
      EmbeddedPostgresServer server = null;
      try {
        server = EmbeddedPostgresServer.startBlocking(dataDir.resolve("pg"));
        Database database = Database.open(vertx, server.url(), DatabaseOptions.DEFAULTS).await();
        FileBlobStore blobs = new FileBlobStore(vertx,
            new StorageOptions(dataDir.resolve("blobs"), false, Duration.ZERO));
        return new Index(vertx, server, database, blobs);
      } catch (IOException | RuntimeException e) {
        if (server != null) {
          server.close();
        }
        vertx.close().await();
        throw e;
      }
    }

    long count(String table) {
      return value("SELECT count(*) FROM " + table);
    }

    private long value(String sql) {
      return database.pool().query(sql).execute().await().iterator().next().getLong(0);
    }

    /** Every instance row: what it says about its file. */
    List<InstanceRow> instances() {
      List<InstanceRow> rows = new ArrayList<>();
      for (Row r : database.pool().query(
          "SELECT sop_instance_uid, blob_key, size, md5 FROM instance ORDER BY pk")
          .execute().await()) {
        rows.add(new InstanceRow(r.getString(0), r.getString(1), r.getLong(2),
            r.getBuffer(3).getBytes()));
      }
      return rows;
    }

    /**
     * Rows whose aggregates disagree with the instances under them: series and study
     * {@code num_instances} and {@code total_bytes}, study {@code num_series}. Empty when the
     * index is consistent.
     */
    List<String> aggregateMismatches() {
      List<String> found = new ArrayList<>();
      for (Row r : database.pool().query("""
          SELECT 'series ' || se.series_instance_uid || ': ' || se.num_instances || ' instances, '
                 || se.total_bytes || ' bytes; rows say ' || count(i.pk) || ', '
                 || coalesce(sum(i.size), 0)
            FROM series se LEFT JOIN instance i ON i.series_fk = se.pk
           GROUP BY se.pk
          HAVING se.num_instances <> count(i.pk) OR se.total_bytes <> coalesce(sum(i.size), 0)
          UNION ALL
          SELECT 'study ' || st.study_instance_uid || ': ' || st.num_series || ' series, '
                 || st.num_instances || ' instances, ' || st.total_bytes || ' bytes; rows say '
                 || count(DISTINCT se.pk) || ', ' || count(i.pk) || ', '
                 || coalesce(sum(i.size), 0)
            FROM study st LEFT JOIN series se ON se.study_fk = st.pk
                 LEFT JOIN instance i ON i.series_fk = se.pk
           GROUP BY st.pk
          HAVING st.num_series <> count(DISTINCT se.pk) OR st.num_instances <> count(i.pk)
              OR st.total_bytes <> coalesce(sum(i.size), 0)
          """).execute().await()) {
        found.add(r.getString(0));
      }
      return found;
    }

    /**
     * Stops the embedded PostgreSQL a killed process left running on {@code dataDir}, if any:
     * for a test that ends before it opened the index (which stops it too).
     */
    static void stopOrphanBlocking(Path dataDir) throws IOException, InterruptedException {
      Path pg = dataDir.resolve("pg").toAbsolutePath();
      Path pidFile = pg.resolve("postmaster.pid");
      if (!Files.exists(pidFile)) {
        return;
      }
      String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
      Optional<ProcessHandle> server;
      try {
        server = ProcessHandle.of(Long.parseLong(first));
      } catch (NumberFormatException e) {
        return;
      }
      // the pid file may be stale and its number taken by another process since
      Optional<ProcessHandle> ours = server.filter(ProcessHandle::isAlive).filter(h ->
          h.info().commandLine().map(c -> c.contains(pg.toString())).orElse(false));
      if (ours.isPresent()) {
        ours.get().destroy();
        try {
          ours.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
          ours.get().destroyForcibly();
        }
      }
    }

    /** The instance files in the blob store of {@code dataDir}, temp files not counted. */
    static List<Path> blobFiles(Path dataDir) throws IOException {
      Path blobs = dataDir.resolve("blobs");
      try (Stream<Path> walk = Files.walk(blobs)) {
        return walk.filter(Files::isRegularFile)
            .filter(p -> !blobs.relativize(p).startsWith("tmp")).toList();
      }
    }

    /** The files in the blob store's {@code tmp/}: ingests that had not placed their file. */
    static List<Path> tempFiles(Path dataDir) throws IOException {
      try (Stream<Path> list = Files.list(dataDir.resolve("blobs/tmp"))) {
        return list.toList();
      }
    }

    static byte[] md5(Path file) throws IOException {
      try {
        return MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file));
      } catch (NoSuchAlgorithmException e) {
        throw new AssertionError(e);
      }
    }

    /** The file of blob {@code key}. */
    Path blob(String key) {
      return blobs.path(key);
    }

    @Override
    public void close() throws IOException {
      try {
        database.close().await();
      } finally {
        try {
          server.close();
        } finally {
          vertx.close().await();
        }
      }
    }
  }

  /** An instance row's file, as the index records it. */
  record InstanceRow(String sopInstanceUid, String blobKey, long size, byte[] md5) {}
}
