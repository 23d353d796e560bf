package org.tessera.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.io.DicomFile;
import org.tessera.dicom.io.DicomReader;
import org.tessera.dicom.io.ReadOptions;

/**
 * Parsing a 512 x 512 16-bit CT instance ({@link CtInstance}) from memory on one thread: the
 * header only, as indexing does, and the whole file. One operation is one file, so the score is
 * files/s; times the file size it is bytes/s. {@code memoryCopy} is the yardstick for a full
 * parse: copying the file's bytes into a new array, which a parser that does no per-byte work on
 * Pixel Data should approach.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParseBenchmark {
  private static final ReadOptions HEADER_ONLY = ReadOptions.DEFAULTS.stopBeforePixelData();

  /** The data set's transfer syntax, by its UID keyword. */
  @Param({"ExplicitVRLittleEndian", "ImplicitVRLittleEndian"})
  public String syntax;

  private byte[] file;
  private byte[] copyTarget;

  @Setup
  public void encode() {
    TransferSyntax ts = switch (syntax) {
      case "ExplicitVRLittleEndian" -> TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
      case "ImplicitVRLittleEndian" -> TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
      default -> throw new IllegalArgumentException("no such syntax: " + syntax);
    };
    file = CtInstance.encode(ts);
    copyTarget = new byte[file.length];
    System.out.printf("%n%s: %,d bytes per file%n", syntax, file.length);
  }

  /** Everything before Pixel Data (7FE0,0010), as an index reads it. */
  @Benchmark
  public DicomFile headerOnly() throws IOException {
    try (DicomReader reader = new DicomReader(new ByteArrayInputStream(file), HEADER_ONLY)) {
      return reader.readFile();
    }
  }

  /** The whole file, Pixel Data loaded into its own array. */
  @Benchmark
  public DicomFile fullParse() throws IOException {
    try (DicomReader reader = new DicomReader(new ByteArrayInputStream(file),
        ReadOptions.DEFAULTS)) {
      return reader.readFile();
    }
  }

  /** Yardstick for {@link #fullParse()}: the file's bytes into a new array. */
  @Benchmark
  public byte[] memoryCopy() {
    return file.clone();
  }

  /** The copy alone, without allocating (and zeroing) the target. */
  @Benchmark
  public byte[] memoryCopyInto() {
    System.arraycopy(file, 0, copyTarget, 0, file.length);
    return copyTarget;
  }
}
