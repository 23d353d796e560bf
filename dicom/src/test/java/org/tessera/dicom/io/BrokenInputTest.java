package org.tessera.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.testing.SampleDatasets;

/**
 * Deliberately broken input, made by mutating good files: every case ends quickly in a
 * {@link DicomParseException} (an {@link EOFException} only where there is no byte at all) whose
 * message names the element and byte offset, never in an OutOfMemoryError or a hang, and
 * allocates little however large the lengths it declares. Each input is fed whole, one byte at a
 * time and in chunks split at random points (streams that, like a socket, cannot say how much is
 * left); all must fail alike.
 */
class BrokenInputTest {
  /** Per case, generous: a good reader needs milliseconds. */
  private static final Duration TIME_LIMIT = Duration.ofSeconds(2);
  /**
   * What reading one broken input may allocate: buffers, one value of up to 1 MiB taken on
   * trust, arrays grown to about twice the input. Far below what the hostile lengths declare.
   */
  private static final long ALLOCATION_ALLOWANCE = 8L << 20;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Explicit VR LE: sequences of both length encodings, nested, and a 4x4 image. */
  private static byte[] small;
  /** The same data set in Implicit VR LE, where every element has a 32-bit length. */
  private static byte[] smallImplicit;
  /** A 64x64 CT, Explicit VR LE. */
  private static byte[] ct;

  /** How the reader gets its input. */
  enum Feed {
    WHOLE {
      @Override
      InputStream open(byte[] b) {
        return new ByteArrayInputStream(b);
      }
    },
    ONE_BYTE_AT_A_TIME {
      @Override
      InputStream open(byte[] b) {
        return trickle(b, new Random(0), 1);
      }
    },
    SPLIT_AT_RANDOM_POINTS {
      @Override
      InputStream open(byte[] b) {
        return trickle(b, new Random(b.length), 100);
      }
    };

    abstract InputStream open(byte[] b);

    /** Reads and skips at most 1 to {@code most} bytes at a time, and never says what is left. */
    static InputStream trickle(byte[] b, Random random, int most) {
      return new FilterInputStream(new ByteArrayInputStream(b)) {
        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          return super.read(buf, off, Math.min(len, 1 + random.nextInt(most)));
        }

        @Override
        public long skip(long n) throws IOException {
          return super.skip(Math.min(n, 1 + random.nextInt(most)));
        }

        @Override
        public int available() {
          return 0;
        }
      };
    }
  }

  /** What reading one input did. */
  record Outcome(DicomFile file, Throwable thrown, long allocated) {}

  @BeforeAll
  static void goodFiles() throws IOException {
    Attributes ds = smallDataset();
    small = write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    smallImplicit = write(ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    ct = write(SampleDatasets.ct(64, 64, 12), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    for (byte[] good : List.of(small, smallImplicit, ct)) {
      for (Feed feed : Feed.values()) {
        assertThat(read(good, feed).thrown()).isNull();
      }
    }
  }

  // ---- truncation

  @ParameterizedTest
  @EnumSource(Feed.class)
  void truncatedAtEveryOffset(Feed feed) throws IOException {
    TreeSet<Long> boundaries = topLevelBoundaries(small);
    List<String> problems = new ArrayList<>();
    for (int length = 0; length < small.length; length++) {
      truncationProblem(small, length, boundaries, feed).ifPresent(problems::add);
    }
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void truncatedAtRandomOffsets(Feed feed) throws IOException {
    TreeSet<Long> boundaries = topLevelBoundaries(ct);
    Random random = new Random(20240131);
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      truncationProblem(ct, random.nextInt(ct.length), boundaries, feed).ifPresent(problems::add);
    }
    assertThat(problems).isEmpty();
  }

  /**
   * A file cut short must fail, unless the cut falls between two top-level elements of the data
   * set: that is a well-formed shorter data set, which must hold exactly the elements before it.
   * Cuts in the preamble or File Meta group always fail: its group length says how much more
   * there should be.
   *
   * @return what is wrong with the outcome, if anything
   */
  private static Optional<String> truncationProblem(byte[] good, int length,
      TreeSet<Long> boundaries, Feed feed) {
    Outcome outcome = read(Arrays.copyOf(good, length), feed);
    String what = "cut at " + length + " of " + good.length + ": ";
    if (boundaries.contains((long) length)) {
      int expected = boundaries.headSet((long) length).size();
      return outcome.thrown() != null ? Optional.of(what + outcome.thrown())
          : outcome.file().dataset().size() != expected
              ? Optional.of(what + "read " + outcome.file().dataset().size() + " elements")
              : Optional.empty();
    }
    try {
      assertFailsCleanly(outcome, what, length == 0);
      if (outcome.thrown() instanceof DicomParseException e
          && (e.offset() < 0 || e.offset() > length)) {
        return Optional.of(what + "offset out of range in " + e.getMessage());
      }
      return Optional.empty();
    } catch (AssertionError e) {
      return Optional.of(what + (outcome.thrown() == null
          ? "read without error: " + describe(outcome.file())
          : outcome.thrown() + " (" + outcome.allocated() + " bytes allocated)"));
    }
  }

  private static String describe(DicomFile file) {
    return (file.fileMetaInformation() == null ? "no File Meta, " : "")
        + file.transferSyntax().name() + ", " + file.dataset().size() + " elements "
        + file.dataset().toString().lines().limit(2).toList();
  }

  // ---- lengths

  @ParameterizedTest
  @EnumSource(Feed.class)
  void hugeValueLength(Feed feed) {
    int first = firstDatasetElement(smallImplicit);
    byte[] b = withInt(smallImplicit, first + 4, 0xFFFFFFF0);
    DicomParseException e = assertFailsAt(b, feed, Tag.SpecificCharacterSet, first, first + 8);
    assertThat(e.getMessage()).contains("4294967280");
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void negativeLookingValueLength(Feed feed) {
    int first = firstDatasetElement(smallImplicit);
    byte[] b = withInt(smallImplicit, first + 4, 0x80000000);
    DicomParseException e = assertFailsAt(b, feed, Tag.SpecificCharacterSet, first, first + 8);
    assertThat(e.getMessage()).contains("2147483648");
  }

  /**
   * 1 GiB, within every limit: a reader that trusts it allocates 1 GiB before it finds the end.
   * The allocation bound of {@link #assertFailsCleanly} is what this checks.
   */
  @ParameterizedTest
  @EnumSource(Feed.class)
  void valueLengthFarBeyondTheEnd(Feed feed) {
    int first = firstDatasetElement(smallImplicit);
    byte[] b = withInt(smallImplicit, first + 4, 1 << 30);
    DicomParseException e = assertFailsAt(b, feed, Tag.SpecificCharacterSet, first, b.length);
    assertThat(e.getMessage()).contains("1073741824");
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void hugeLengthInFileMeta(Feed feed) {
    int version = indexOf(small, new byte[] {2, 0, 1, 0, 'O', 'B'}, 0);
    byte[] b = withInt(small, version + 8, 0xFFFFFFF0);
    assertFailsAt(b, feed, Tag.FileMetaInformationVersion, version, version + 12);
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void hugeSequenceLength(Feed feed) {
    int seq = indexOf(small, tagBytes(Tag.ReferencedImageSequence), 0);
    byte[] b = withInt(small, seq + 8, 0xFFFFFFF0);
    assertFailsAt(b, feed, Tag.ReferencedImageSequence, seq, seq + 12);
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void itemLengthOverrunsItsSequence(Feed feed) {
    int seq = indexOf(small, tagBytes(Tag.RequestAttributesSequence), 0);
    int seqLength = ByteBuffer.wrap(small, seq + 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    byte[] b = withInt(small, seq + 12 + 4, seqLength); // the item header is 8 of those bytes
    assertFailsAt(b, feed, Tag.RequestAttributesSequence, seq, seq + 12 + 8);
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void valueLengthOverrunsItsItem(Feed feed) {
    int code = indexOf(small, tagBytes(Tag.CodeValue), 0);
    byte[] b = small.clone();
    b[code + 6] = (byte) 0xF0; // 16-bit length 0x00F0: past the item, not past the file
    assertFailsAt(b, feed, Tag.CodeValue, code, code + 8);
  }

  // ---- structure

  /** The file ends inside an undefined-length item of an undefined-length sequence. */
  @ParameterizedTest
  @EnumSource(Feed.class)
  void undefinedLengthItemNeverDelimited(Feed feed) throws IOException {
    Attributes ds = minimalDataset();
    ds.newSequence(Tag.ReferencedImageSequence, 1).addNew()
        .setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3");
    byte[] good = write(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    byte[] b = Arrays.copyOf(good, good.length - 16); // no item and sequence delimiters
    int seq = indexOf(b, tagBytes(Tag.ReferencedImageSequence), 0);
    assertFailsAt(b, feed, Tag.ReferencedImageSequence, seq, b.length);
  }

  /** Sequences nested 10,000 deep (each in the one item of the one before), well delimited. */
  @ParameterizedTest
  @EnumSource(Feed.class)
  void endlessNesting(Feed feed) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(write(minimalDataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    int depth = 10_000;
    byte[] open = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN)
        .put(tagBytes(Tag.ContentSequence)).put((byte) 'S').put((byte) 'Q').putShort((short) 0)
        .putInt(-1).put(tagBytes(Tag.Item)).putInt(-1).array();
    byte[] close = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
        .put(tagBytes(Tag.ItemDelimitationItem)).putInt(0)
        .put(tagBytes(Tag.SequenceDelimitationItem)).putInt(0).array();
    int first = out.size();
    for (int i = 0; i < depth; i++) {
      out.write(open);
    }
    for (int i = 0; i < depth; i++) {
      out.write(close);
    }
    DicomParseException e = assertFailsAt(out.toByteArray(), feed, Tag.ContentSequence, first,
        first + (ReadOptions.DEFAULT_MAX_DEPTH + 1) * 20L);
    assertThat(e.getMessage()).contains("deeper than " + ReadOptions.DEFAULT_MAX_DEPTH);
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void unknownVrCode(Feed feed) {
    int name = indexOf(small, tagBytes(Tag.PatientName), 0);
    for (byte[] code : List.of(new byte[] {'X', 'X'}, new byte[] {0, 0},
        new byte[] {'p', 'n'})) {
      byte[] b = small.clone();
      b[name + 4] = code[0];
      b[name + 5] = code[1];
      DicomParseException e = assertFailsAt(b, feed, Tag.PatientName, name, name + 8);
      assertThat(e.getMessage()).containsIgnoringCase("VR");
    }
  }

  /** A Transfer Syntax UID that is not even a UID: reading on with a guess is no option. */
  @ParameterizedTest
  @EnumSource(Feed.class)
  void garbageTransferSyntax(Feed feed) {
    byte[] uid = Uid.ExplicitVRLittleEndian.getBytes(StandardCharsets.US_ASCII);
    int at = indexOf(small, uid, 0);
    byte[] b = small.clone();
    byte[] garbage = "garbage\u0001transfer.sx".getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(garbage, 0, b, at, uid.length);
    DicomParseException e = assertFailsAt(b, feed, Tag.TransferSyntaxUID, at - 8,
        firstDatasetElement(small));
    assertThat(e.getMessage()).containsIgnoringCase("transfer syntax");
  }

  // ---- not DICOM at all

  @ParameterizedTest
  @EnumSource(Feed.class)
  void zeroBytes(Feed feed) {
    assertFailsCleanly(read(new byte[0], feed), "zero bytes", true);
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void sevenRandomBytes(Feed feed) {
    byte[] b = new byte[7];
    new Random(7).nextBytes(b);
    assertFailsCleanly(read(b, feed), "7 random bytes", false);
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void oneMegabyteOfRandomGarbage(Feed feed) {
    byte[] b = new byte[1 << 20];
    new Random(42).nextBytes(b);
    assertFailsCleanly(read(b, feed), "1 MiB of random bytes", false);
  }

  /** The same input fails with the same message however it is fed. */
  @Test
  void failsAlikeWhateverTheFeed() {
    byte[] b = withInt(smallImplicit, firstDatasetElement(smallImplicit) + 4, 1 << 30);
    String whole = read(b, Feed.WHOLE).thrown().getMessage();
    for (Feed feed : Feed.values()) {
      assertThat(read(b, feed).thrown().getMessage()).as(feed.name()).isEqualTo(whole);
    }
  }

  /**
   * Named regression files for the reader bugs these tests found, and one for a check that
   * holds (made by the mutations above from files our writer wrote): each must fail with a
   * DicomParseException.
   * <ul>
   *   <li>zero-preamble-only: 128 zero bytes, a Part 10 file cut before "DICM"; read as a data
   *       set holding (0000,0000) over and over.
   *   <li>file-meta-cut-after-transfer-syntax: ends right after (0002,0010), though (0002,0000)
   *       promises 72 more bytes of File Meta; read as a file with an empty data set.
   *   <li>transfer-syntax-not-a-uid: (0002,0010) is "garbage" U+0001 "transfer.sx"; read on as if
   *       it named an encapsulated syntax.
   *   <li>item-never-delimited: ends inside an undefined-length item of (0008,1140); the error
   *       named no element.
   *   <li>huge-value-length: (0008,0016) of length 0xFFFFFFF0 in Implicit VR (rejected).
   * </ul>
   */
  @ParameterizedTest
  @ValueSource(strings = {"zero-preamble-only", "file-meta-cut-after-transfer-syntax",
      "transfer-syntax-not-a-uid", "item-never-delimited", "huge-value-length"})
  void regressionFiles(String name) throws IOException {
    byte[] b;
    try (InputStream in = BrokenInputTest.class.getResourceAsStream("/broken/" + name + ".dcm")) {
      b = in.readAllBytes();
    }
    for (Feed feed : Feed.values()) {
      Outcome outcome = read(b, feed);
      assertFailsCleanly(outcome, name + ", fed " + feed, false);
      DicomParseException e = (DicomParseException) outcome.thrown();
      assertThat(e.getMessage()).as(name).contains("at byte " + e.offset());
      if (e.tag() != -1) {
        assertThat(e.getMessage()).as(name).contains(Tag.toString(e.tag()));
      }
    }
  }

  // ---- helpers

  /**
   * Reads {@code b} on a thread of its own, within the time limit, and counts what that thread
   * allocated (HotSpot's per-thread allocation counter: exact, and blind to other threads).
   */
  private static Outcome read(byte[] b, Feed feed) {
    return assertTimeoutPreemptively(TIME_LIMIT, () -> {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      try (DicomReader reader = new DicomReader(feed.open(b), ReadOptions.DEFAULTS)) {
        DicomFile file = reader.readFile();
        return new Outcome(file, null, THREADS.getCurrentThreadAllocatedBytes() - before);
      } catch (Throwable t) { // OutOfMemoryError and StackOverflowError included
        return new Outcome(null, t, THREADS.getCurrentThreadAllocatedBytes() - before);
      }
    });
  }

  /**
   * A DicomParseException with a message, after allocating little. Only input without a single
   * byte may end in a bare EOFException instead: anything else has a place that went wrong.
   */
  private static void assertFailsCleanly(Outcome outcome, String what, boolean noBytes) {
    assertThat(outcome.thrown()).as(what + " must fail").isNotNull();
    if (noBytes) {
      assertThat(outcome.thrown()).as(what)
          .isInstanceOfAny(DicomParseException.class, EOFException.class);
    } else {
      assertThat(outcome.thrown()).as(what).isInstanceOf(DicomParseException.class);
    }
    assertThat(outcome.thrown().getMessage()).as(what).isNotBlank();
    assertThat(outcome.allocated()).as(what + ": bytes allocated")
        .isLessThan(ALLOCATION_ALLOWANCE);
  }

  /**
   * Asserts a DicomParseException naming {@code tag} at an offset in {@code [from, to]}, in the
   * message too, and returns it.
   */
  private static DicomParseException assertFailsAt(byte[] b, Feed feed, int tag, long from,
      long to) {
    Outcome outcome = read(b, feed);
    String what = "broken " + Tag.toString(tag) + ", fed " + feed;
    assertFailsCleanly(outcome, what, false);
    DicomParseException e = (DicomParseException) outcome.thrown();
    assertThat(e.getMessage()).as(what).contains(Tag.toString(tag))
        .contains("at byte " + e.offset());
    assertThat(e.tag()).as(e.getMessage()).isEqualTo(tag);
    assertThat(e.offset()).as(e.getMessage()).isBetween(from, to);
    return e;
  }

  /**
   * The offsets where a cut leaves a well-formed file: before each top-level data set element
   * and at the end. Found by stopping before each element in turn.
   */
  private static TreeSet<Long> topLevelBoundaries(byte[] good) throws IOException {
    TreeSet<Long> offsets = new TreeSet<>(List.of((long) good.length));
    Attributes ds;
    try (DicomReader all = new DicomReader(new ByteArrayInputStream(good))) {
      ds = all.readFile().dataset();
    }
    for (int i = 0; i < ds.size(); i++) {
      int tag = ds.tagAt(i);
      ReadOptions stop = ReadOptions.DEFAULTS.stopBefore((t, vr, length) -> t == tag);
      try (DicomReader reader = new DicomReader(new ByteArrayInputStream(good), stop)) {
        reader.readFile();
        offsets.add(reader.stoppedAt().headerOffset());
      }
    }
    return offsets;
  }

  private static int firstDatasetElement(byte[] file) {
    int groupLength = ByteBuffer.wrap(file, 140, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return 144 + groupLength;
  }

  private static Attributes minimalDataset() {
    Attributes ds = new Attributes();
    ds.setString(Tag.SOPClassUID, VR.UI, Uid.SecondaryCaptureImageStorage);
    ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1143.99");
    return ds;
  }

  private static Attributes smallDataset() {
    Attributes ds = minimalDataset();
    ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    Sequence images = ds.newSequence(Tag.ReferencedImageSequence, 2);
    Attributes undefinedItem = images.addNew();
    undefinedItem.setString(Tag.ReferencedSOPClassUID, VR.UI, Uid.CTImageStorage);
    undefinedItem.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.4");
    Attributes definedItem = images.addNew();
    definedItem.undefinedLength(false);
    definedItem.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.5");
    ds.setString(Tag.PatientName, VR.PN, "Ærø^Jens");
    Sequence requests = ds.newSequence(Tag.RequestAttributesSequence, 1);
    requests.undefinedLength(false);
    Attributes request = requests.addNew();
    request.undefinedLength(false);
    Sequence codes = request.newSequence(Tag.ScheduledProtocolCodeSequence, 1);
    codes.undefinedLength(false);
    Attributes code = codes.addNew();
    code.undefinedLength(false);
    code.setString(Tag.CodeValue, VR.SH, "113691");
    code.setString(Tag.CodingSchemeDesignator, VR.SH, "DCM");
    request.setString(Tag.RequestedProcedureID, VR.SH, "RP1");
    ds.setInt(Tag.Rows, VR.US, 4);
    ds.setInt(Tag.Columns, VR.US, 4);
    ds.setBytes(Tag.PixelData, VR.OW, SampleDatasets.pixels(4, 4, 16, 12));
    return ds;
  }

  private static byte[] write(Attributes ds, TransferSyntax ts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DicomWriter(out).writeFile(FileMetaInformation.forDataset(ds, ts.uid()), ds);
    return out.toByteArray();
  }

  private static byte[] withInt(byte[] b, int offset, int value) {
    byte[] copy = b.clone();
    ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
    return copy;
  }

  /** A tag as Explicit or Implicit VR Little Endian encodes it. */
  private static byte[] tagBytes(int tag) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) (tag >>> 16)).putShort((short) tag).array();
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (haystack[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("pattern not found");
  }
}
