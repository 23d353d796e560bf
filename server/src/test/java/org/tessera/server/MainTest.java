package org.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.server.config.ConfigException;
import org.tessera.server.config.ConfigLoader;
import org.tessera.server.config.TesseraConfig;

class MainTest {

  @TempDir
  Path workingDir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void runWithoutFlagsUsesTheDefaultsWithAbsolutePaths() {
    RunCommand run = (RunCommand) parse("run");

    assertThat(run.config()).isEqualTo(ConfigLoader.resolvePaths(TesseraConfig.DEFAULTS, workingDir));
    assertThat(run.httpPort()).isEqualTo(8080);
    assertThat(run.dataDir()).isEqualTo(workingDir.resolve("data"));
    assertThat(run.config().storage().directory()).isEqualTo(workingDir.resolve("data/blobs"));
  }

  @Test
  void runTakesFlagsWithSpaceOrEquals() {
    RunCommand spaced = (RunCommand) parse("run", "--http-port", "0", "--data", "/tmp/x", "--dicom-port", "104",
        "--ae-title", "ARCHIVE", "--db", "postgresql://tessera@db/tessera", "--set", "storage.fsync=false");
    RunCommand equals = (RunCommand) parse("run", "--data=d", "--http-port=18080", "--set=ingest.workers=3");

    assertThat(spaced.httpPort()).isZero();
    assertThat(spaced.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(spaced.config().dimse().port()).isEqualTo(104);
    assertThat(spaced.config().dimse().aeTitle()).isEqualTo("ARCHIVE");
    assertThat(spaced.config().database().url()).isEqualTo("postgresql://tessera@db/tessera");
    assertThat(spaced.config().storage().fsync()).isFalse();
    assertThat(equals.httpPort()).isEqualTo(18080);
    assertThat(equals.dataDir()).isEqualTo(workingDir.resolve("d"));
    assertThat(equals.config().ingest().workers()).isEqualTo(3);
  }

  @Test
  void badCommandLinesSayWhatIsWrong() {
    assertUsageError("unknown command 'start'", "start");
    assertUsageError("no command given");
    assertUsageError("no help for 'stop'", "help", "stop");
  }

  @Test
  void badRunFlagsAreConfigurationProblems() {
    assertConfigError("unknown flag '--bogus' (see 'tessera run --help')", "run", "--bogus");
    assertConfigError("unexpected argument 'extra'", "run", "extra");
    assertConfigError("--http-port needs a value: --http-port N", "run", "--http-port");
    assertConfigError("--http-port: http.port: \"http\" is not a port number (0 to 65535)",
        "run", "--http-port", "http");
    assertConfigError("--http-port: http.port: \"65536\" is not a port number (0 to 65535)",
        "run", "--http-port=65536");
    assertConfigError("--data: data: \"\" is not a path", "run", "--data=");
    assertConfigError("--ae-title: dimse.aeTitle: \"A\\B\" is not an AE title (1 to 16 printable ASCII characters,"
        + " no backslash, not only spaces)", "run", "--ae-title", "A\\B");
    assertConfigError("--db: database.url: \"mysql://u:***@h/db\" is not empty (the embedded server) or a URL"
        + " starting with postgresql:// or postgres://", "run", "--db", "mysql://u:pw@h/db");
  }

  @Test
  void usageErrorExitsWithTwoAndAMessageOnStandardError() {
    int code = Main.execute(new String[] {"start"}, print(out), print(err));

    assertThat(code).isEqualTo(Main.EXIT_USAGE);
    assertThat(text(out)).isEmpty();
    assertThat(text(err)).contains("tessera: unknown command 'start'", "tessera help");
  }

  @Test
  void configurationErrorExitsWithTwoAndOneLinePerProblem() {
    int code = Main.execute(new String[] {"run", "--bogus", "--http-port"}, print(out), print(err));

    assertThat(code).isEqualTo(Main.EXIT_USAGE);
    assertThat(text(out)).isEmpty();
    assertThat(text(err).lines()).containsExactly(
        "tessera: unknown flag '--bogus' (see 'tessera run --help')",
        "tessera: --http-port needs a value: --http-port N");
  }

  @Test
  void helpPrintsUsageAndExitsWithZero() {
    assertThat(Main.execute(new String[] {"help"}, print(out), print(err))).isEqualTo(Main.EXIT_OK);
    assertThat(Main.execute(new String[] {"run", "--help"}, print(out), print(err))).isEqualTo(Main.EXIT_OK);

    assertThat(text(out)).contains("Usage: tessera <command>", "Usage: tessera run",
        "--config FILE", "--data DIR", "--http-port N", "--dicom-port N", "--ae-title AET", "--db URL",
        "--set KEY=VALUE", "--help", "(http.port, default 8080)");
    assertThat(text(err)).isEmpty();
  }

  @Test
  void helpForRunWinsOverOtherFlags() {
    assertThat(parse("run", "--bogus", "--help")).isEqualTo(new HelpCommand(CommandLine.RUN_USAGE));
  }

  private Command parse(String... args) {
    return CommandLine.parse(List.of(args), Map.of(), workingDir);
  }

  private void assertUsageError(String message, String... args) {
    assertThatThrownBy(() -> parse(args))
        .isInstanceOf(UsageException.class)
        .hasMessage(message);
  }

  private void assertConfigError(String message, String... args) {
    assertThatThrownBy(() -> parse(args))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
