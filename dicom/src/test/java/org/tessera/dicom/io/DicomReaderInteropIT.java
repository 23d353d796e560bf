package org.tessera.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Fragments;
import org.tessera.dicom.data.PersonName;
import org.tessera.dicom.data.PrivateTag;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.testing.Dcmdump;
import org.tessera.dicom.testing.ExternalTool;

/**
 * Their writer, our reader: files that DCMTK writes — {@code dump2dcm} from the text dumps in
 * {@code src/test/resources/dumps} in each uncompressed transfer syntax with explicit and with
 * undefined sequence lengths, and {@code img2dcm} from a JPEG — read with the values dcmdump
 * shows, and come out byte for byte the same when written again.
 */
class DicomReaderInteropIT {
  private static final List<String> DUMPS = List.of("latin1-study", "utf8-names", "binary-vrs");

  /** A dump2dcm output option and the syntax it writes. */
  enum DcmtkSyntax {
    LITTLE("+te", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
    BIG("+tb", TransferSyntax.EXPLICIT_VR_BIG_ENDIAN),
    IMPLICIT("+ti", TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN),
    DEFLATED("+td", TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);

    final String option;
    final TransferSyntax ts;

    DcmtkSyntax(String option, TransferSyntax ts) {
      this.option = option;
      this.ts = ts;
    }
  }

  @TempDir Path dir;

  static Stream<Arguments> dumpsInEverySyntax() {
    List<Arguments> args = new ArrayList<>();
    for (String dump : DUMPS) {
      for (DcmtkSyntax syntax : DcmtkSyntax.values()) {
        args.add(Arguments.of(dump, syntax, "+e")); // explicit lengths
        args.add(Arguments.of(dump, syntax, "-e")); // undefined lengths
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("dumpsInEverySyntax")
  void weReadWhatDcmdumpShows(String dump, DcmtkSyntax syntax, String lengths)
      throws IOException {
    Path file = dump2dcm(dump, syntax.option, lengths);

    DicomFile read = DicomReader.read(file, ReadOptions.DEFAULTS);
    Dcmdump.Dump seen = Dcmdump.dump(file);

    assertThat(seen.exitCode()).as(seen.result().describe()).isZero();
    assertThat(seen.diagnostics()).isEmpty();
    assertThat(read.transferSyntax()).isEqualTo(syntax.ts);
    assertThat(read.stoppedAt()).isNull();
    assertThat(seen.differences(read.fileMetaInformation())).as("File Meta").isEmpty();
    assertThat(seen.differences(read.dataset())).as("data set").isEmpty();
    assertSpelledOutValues(dump, read.dataset(), syntax.ts);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("dumpsInEverySyntax")
  void writingWhatWeReadGivesTheSameBytes(String dump, DcmtkSyntax syntax, String lengths)
      throws IOException {
    Path file = dump2dcm(dump, syntax.option, lengths);

    DicomFile read = DicomReader.read(file, ReadOptions.DEFAULTS);
    Path again = dir.resolve("again.dcm");
    DicomWriter.write(again, read.fileMetaInformation(), read.dataset());

    assertThat(again).hasSameBinaryContentAs(file);
  }

  /**
   * img2dcm wraps a JPEG file in encapsulated Pixel Data (JPEG Baseline): an item with a
   * one-entry Basic Offset Table, then the JPEG stream as one fragment, padded to even length.
   * It drops the JFIF APP0 segment on the way (Photometric Interpretation says what JFIF would),
   * so the fragment is the file without it.
   */
  @Test
  void encapsulatedJpegFromImg2dcm() throws IOException {
    ExternalTool.require("img2dcm", "dcmtk");
    Path jpeg = dir.resolve("picture.jpg");
    BufferedImage image = new BufferedImage(33, 17, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, (x * 7) << 16 | (y * 13) << 8 | (x + y) * 5);
      }
    }
    assertThat(ImageIO.write(image, "jpg", jpeg.toFile())).isTrue();
    Path file = dir.resolve("img2dcm.dcm");
    ExternalTool.Result made = ExternalTool.of("img2dcm", "-k", "PatientName=Doe^John",
        "-k", "PatientID=JPEG-1", jpeg.toString(), file.toString()).run();
    assertThat(made.exitCode()).as(made.describe()).isZero();

    DicomFile read = DicomReader.read(file, ReadOptions.DEFAULTS);

    assertThat(read.transferSyntax().uid()).isEqualTo(Uid.JPEGBaseline8Bit);
    Fragments fragments = read.dataset().getFragments(Tag.PixelData);
    assertThat(fragments).hasSize(2);
    assertThat((byte[]) fragments.get(0)).containsExactly(0, 0, 0, 0);
    byte[] jpegBytes = withoutJfifSegment(Files.readAllBytes(jpeg));
    byte[] fragment = (byte[]) fragments.get(1);
    assertThat(fragment.length).isEqualTo((jpegBytes.length + 1) & ~1);
    assertThat(Arrays.copyOf(fragment, jpegBytes.length)).isEqualTo(jpegBytes);
    assertThat(read.dataset().getInt(Tag.Rows, 0)).isEqualTo(17);
    assertThat(read.dataset().getInt(Tag.Columns, 0)).isEqualTo(33);
    assertThat(read.dataset().getString(Tag.PatientName)).isEqualTo("Doe^John");
    Dcmdump.Dump seen = Dcmdump.dump(file);
    assertThat(seen.diagnostics()).isEmpty();
    assertThat(seen.differences(read.fileMetaInformation())).as("File Meta").isEmpty();
    assertThat(seen.differences(read.dataset())).as("data set").isEmpty();

    Path again = dir.resolve("again.dcm");
    DicomWriter.write(again, read.fileMetaInformation(), read.dataset());
    assertThat(again).hasSameBinaryContentAs(file);
  }

  /** The JPEG stream without its APP0 "JFIF" segment, which ImageIO writes right after SOI. */
  private static byte[] withoutJfifSegment(byte[] jpeg) {
    assertThat(Arrays.copyOf(jpeg, 4)).containsExactly(0xFF, 0xD8, 0xFF, 0xE0);
    assertThat(new String(jpeg, 6, 4, StandardCharsets.US_ASCII)).isEqualTo("JFIF");
    int segment = 2 + ((jpeg[4] & 0xFF) << 8 | jpeg[5] & 0xFF);
    byte[] stripped = new byte[jpeg.length - segment];
    stripped[0] = jpeg[0];
    stripped[1] = jpeg[1];
    System.arraycopy(jpeg, 2 + segment, stripped, 2, stripped.length - 2);
    return stripped;
  }

  /**
   * Values spelled out here as well, so that a fault shared by dcmdump and the comparison
   * cannot hide a wrong value.
   */
  private static void assertSpelledOutValues(String dump, Attributes ds, TransferSyntax ts) {
    switch (dump) {
      case "latin1-study" -> {
        assertThat(ds.getString(Tag.InstitutionName)).isEqualTo("Hôpital Sainte-Anne");
        assertThat(ds.getPersonName(Tag.PatientName)).isEqualTo(
            PersonName.parse("Müller-Lüdenscheidt^Jürgen^^Prof. Dr."));
        assertThat(ds.getStrings(Tag.OtherPatientNames))
            .containsExactly("Mueller^Juergen", "Müller^J.");
        assertThat(ds.getString(Tag.AccessionNumber)).isNull();
        assertThat(ds.contains(Tag.AccessionNumber)).isTrue();
        assertThat(ds.getSequence(Tag.ReferencedStudySequence)).isEmpty();
        assertThat(ds.getSequence(Tag.ReferencedImageSequence).get(1).isEmpty()).isTrue();
        assertThat(ds.getSequence(Tag.RequestAttributesSequence).get(0)
            .getSequence(Tag.ScheduledProtocolCodeSequence).get(0).getString(Tag.CodeMeaning))
            .isEqualTo("IHE Protocol");
        int privateTag = ds.tagOf(new PrivateTag("ACME Ärzte 1.1", 0x0011, 0x01));
        assertThat(privateTag).isEqualTo(0x00111001);
        if (ts.explicitVr()) {
          assertThat(ds.getString(privateTag)).isEqualTo("privat: Größe");
        }
        assertThat(ds.getInts(Tag.PixelData)).startsWith(0, 0x0400, 0x0800, 0x0FFF);
      }
      case "utf8-names" -> {
        PersonName name = ds.getPersonName(Tag.ReferringPhysicianName);
        assertThat(name.alphabetic().toString()).isEqualTo("Kyōko^Satō");
        assertThat(name.ideographic().toString()).isEqualTo("佐藤^恭子");
        assertThat(name.phonetic().toString()).isEqualTo("さとう^きょうこ");
        assertThat(ds.getStrings(Tag.PhysiciansOfRecord)).containsExactly(
            "Yamada^Tarou=山田^太郎=やまだ^たろう", "Wang^XiaoDong=王^小東");
        assertThat(ds.getString(Tag.ImageComments))
            .isEqualTo("Ein Kommentar mit \\ Backslash und Ümlaut; 日本語");
      }
      case "binary-vrs" -> {
        assertThat(ds.getStrings(Tag.SelectorATValue)).containsExactly("00100010", "7FE00010");
        assertThat(ds.getLongs(Tag.SelectorSSValue)).containsExactly(-32768, 32767);
        assertThat(ds.getLongs(Tag.SelectorULValue)).containsExactly(0, 4294967295L);
        assertThat(ds.getLongs(Tag.SelectorSVValue))
            .containsExactly(Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(ds.getDoubles(Tag.SelectorFLValue)).containsExactly(0.5, -1.75);
        assertThat(ds.getLongs(Tag.SelectorOWValue)).containsExactly(0, 0x0102, 0xFFFE, 0xFFFF);
        assertThat(ds.getString(Tag.SelectorUTValue)).isEqualTo("unlimited text \\ no delimiter");
      }
      default -> throw new IllegalArgumentException(dump);
    }
  }

  /**
   * Runs dump2dcm on a committed dump, first re-encoding the dump (kept in UTF-8) in the
   * character set its (0008,0005) declares, since dump2dcm copies the bytes of text values.
   */
  private Path dump2dcm(String name, String... options) throws IOException {
    ExternalTool.require("dump2dcm", "dcmtk");
    String text;
    try (var in = DicomReaderInteropIT.class.getResourceAsStream("/dumps/" + name + ".dump")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Charset charset = text.contains("[ISO_IR 100]") ? StandardCharsets.ISO_8859_1
        : StandardCharsets.UTF_8;
    Path dump = dir.resolve(name + ".dump");
    Files.writeString(dump, text, charset);
    Path file = dir.resolve(name + ".dcm");
    List<String> command = new ArrayList<>(List.of("dump2dcm"));
    command.addAll(List.of(options));
    command.addAll(List.of(dump.toString(), file.toString()));
    ExternalTool.Result result = ExternalTool.of(command).run();
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.dcmtkDiagnostics()).as(result.describe()).isEmpty();
    return file;
  }
}
