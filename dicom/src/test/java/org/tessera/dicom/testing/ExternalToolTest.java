package org.tessera.dicom.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExternalToolTest {

  @Test
  void missingToolFailsWithWhatToInstall() {
    assertThatThrownBy(() -> ExternalTool.require("tessera-no-such-tool", "dcmtk"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("tessera-no-such-tool missing: apt-get install -y dcmtk");
  }

  @Test
  void capturesExitCodeOutputsAndEnvironment() throws IOException {
    ExternalTool.Result r = ExternalTool.of("sh", "-c",
        "echo out $TCP_NODELAY $EXTRA; echo 'W: careful' >&2; exit 3")
        .env("EXTRA", "x").run();

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("out 1 x\n");
    assertThat(r.stderr()).isEqualTo("W: careful\n");
    assertThat(r.dcmtkDiagnostics()).containsExactly("W: careful");
  }

  @Test
  void killsWhatOutlivesItsTimeout() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> ExternalTool.of("sleep", "30").timeout(Duration.ofMillis(200)).run())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("sleep did not finish within");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }
}
