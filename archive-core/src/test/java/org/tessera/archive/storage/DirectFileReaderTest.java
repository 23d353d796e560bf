package org.tessera.archive.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectFileReaderTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 4095, 4096, 4097, 3 * 4096, 64 * 1024 + 17})
  void readsEveryByteUpToTheEndOfTheFile(int length) throws Exception {
    byte[] data = new byte[length];
    new Random(length).nextBytes(data);
    Path file = Files.write(dir.resolve("f"), data);
    DirectFileReader reader = DirectFileReader.open(file);
    assumeThat(reader).as("direct I/O on the file system of " + dir).isNotNull();

    // a buffer smaller than the file, so most reads end on a block boundary inside it
    ByteBuffer buffer = DirectFileReader.alignedBuffer(2 * DirectFileReader.ALIGNMENT);
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    int reads = 0;
    try (reader) {
      while (true) {
        buffer.clear();
        int n = reader.read(buffer);
        if (n < 0) {
          break;
        }
        read.write(bytes(buffer.flip()), 0, n);
        reads++;
      }
      assertThat(reader.read(buffer.clear())).as("after the end").isEqualTo(-1);
    }

    assertThat(read.toByteArray()).isEqualTo(data);
    assertThat(reads).isEqualTo((length + 2 * DirectFileReader.ALIGNMENT - 1)
        / (2 * DirectFileReader.ALIGNMENT));
  }

  @Test
  void aMissingFileIsLeftToTheNormalOpenToReport() {
    assertThat(DirectFileReader.open(dir.resolve("missing"))).isNull();
  }

  @Test
  void alignedBuffersStartOnABlockBoundaryAndHoldWholeBlocks() {
    ByteBuffer buffer = DirectFileReader.alignedBuffer(256 * 1024);
    assertThat(buffer.isDirect()).isTrue();
    assertThat(buffer.alignmentOffset(0, DirectFileReader.ALIGNMENT)).isZero();
    assertThat(buffer.capacity()).isGreaterThanOrEqualTo(256 * 1024);
    assertThat(buffer.capacity() % DirectFileReader.ALIGNMENT).isZero();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
