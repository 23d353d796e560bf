package org.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {
  @TempDir Path data;

  @Test
  void aStopThatLeftWorkBehindIsSeenByTheNextProcess() throws Exception {
    DataDirectoryLock first = DataDirectoryLock.acquireBlocking(data);
    assertThat(first.previousStopUnclean()).isFalse();
    assertThatThrownBy(() -> DataDirectoryLock.acquireBlocking(data))
        .hasMessageContaining("in use by another Tessera process")
        .hasMessageContaining("pid " + ProcessHandle.current().pid());
    first.close(false); // as if the process died: its pid stays in the file

    DataDirectoryLock second = DataDirectoryLock.acquireBlocking(data);
    assertThat(second.previousStopUnclean()).isTrue();
    second.close(true);

    DataDirectoryLock third = DataDirectoryLock.acquireBlocking(data);
    assertThat(third.previousStopUnclean()).isFalse();
    third.close(true);
  }
}
