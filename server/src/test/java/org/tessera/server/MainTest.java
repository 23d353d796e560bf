package org.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void runWithoutFlagsUsesTheDefaults() {
    assertThat(CommandLine.parse("run")).isEqualTo(new RunCommand(8080, Path.of("data")));
  }

  @Test
  void runTakesFlagsWithSpaceOrEquals() {
    assertThat(CommandLine.parse("run", "--http-port", "0", "--data", "/tmp/x"))
        .isEqualTo(new RunCommand(0, Path.of("/tmp/x")));
    assertThat(CommandLine.parse("run", "--data=d", "--http-port=18080"))
        .isEqualTo(new RunCommand(18080, Path.of("d")));
  }

  @Test
  void badCommandLinesSayWhatIsWrong() {
    assertUsageError("unknown flag '--bogus' for run", "run", "--bogus");
    assertUsageError("unknown flag '--dicom-port' for run", "run", "--dicom-port=104");
    assertUsageError("unexpected argument 'extra' for run", "run", "extra");
    assertUsageError("--http-port needs a value", "run", "--http-port");
    assertUsageError("--http-port must be a port number from 0 to 65535, not 'http'", "run", "--http-port", "http");
    assertUsageError("--http-port must be a port number from 0 to 65535, not '65536'", "run", "--http-port=65536");
    assertUsageError("--data must be a directory path, not ''", "run", "--data=");
    assertUsageError("unknown command 'start'", "start");
    assertUsageError("no command given");
  }

  @Test
  void usageErrorExitsWithTwoAndAMessageOnStandardError() {
    int code = Main.execute(new String[] {"run", "--bogus"}, print(out), print(err));

    assertThat(code).isEqualTo(Main.EXIT_USAGE);
    assertThat(text(out)).isEmpty();
    assertThat(text(err)).contains("tessera: unknown flag '--bogus' for run", "tessera help");
  }

  @Test
  void helpPrintsUsageAndExitsWithZero() {
    assertThat(Main.execute(new String[] {"help"}, print(out), print(err))).isEqualTo(Main.EXIT_OK);
    assertThat(Main.execute(new String[] {"run", "--help"}, print(out), print(err))).isEqualTo(Main.EXIT_OK);

    assertThat(text(out)).contains("Usage: tessera <command>", "Usage: tessera run", "--http-port N", "--data DIR");
    assertThat(text(err)).isEmpty();
  }

  private static void assertUsageError(String message, String... args) {
    assertThatThrownBy(() -> CommandLine.parse(args))
        .isInstanceOf(UsageException.class)
        .hasMessage(message);
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
