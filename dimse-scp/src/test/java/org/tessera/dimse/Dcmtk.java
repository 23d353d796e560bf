package org.tessera.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tessera.dimse.Part10Bytes.fileMeta;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.tessera.dicom.testing.ExternalTool;

/**
 * The DCMTK programs the store tests drive, each failing the test if it is not installed: storescu
 * as the peer, storescp as a witness of what storescu sends, img2dcm and dump2dcm to make files
 * our writer does not.
 */
final class Dcmtk {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String RESPONSE = "I: Received Store Response (";

  private Dcmtk() {}

  /** Runs storescu -v from {@code calling} to {@code called} on loopback {@code port}. */
  static ExternalTool.Result storescu(String calling, String called, int port,
      List<String> options, Path... files) throws IOException {
    ExternalTool.require("storescu", "dcmtk");
    List<String> command = new ArrayList<>(List.of("storescu", "-v", "-aet", calling, "-aec",
        called));
    command.addAll(options);
    command.addAll(List.of("127.0.0.1", String.valueOf(port)));
    for (Path f : files) {
      command.add(f.toString());
    }
    return ExternalTool.of(command).timeout(TIMEOUT).run();
  }

  /** What each "Received Store Response (...)" line of a storescu -v run says, in order. */
  static List<String> storeResponses(ExternalTool.Result storescu) {
    return storescu.lines().stream()
        .filter(l -> l.startsWith(RESPONSE))
        .map(l -> l.substring(RESPONSE.length(), l.length() - 1))
        .toList();
  }

  /**
   * Sends {@code source} with the same storescu options to storescp in bit-preserving mode
   * ({@code +B}), which keeps each data set exactly as it arrived: the bytes storescu sends,
   * to compare ours with. storescp accepts every syntax it knows ({@code +xa}) and, like us,
   * prefers Explicit VR Little Endian. Returns its files by SOP Instance UID.
   */
  static Map<String, Path> witness(Path out, String calling, List<String> options, Path source)
      throws Exception {
    ExternalTool.require("storescp", "dcmtk");
    Files.createDirectories(out);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (ExternalTool.Running scp = ExternalTool.of("storescp", "+xa", "+B", "-od",
        out.toString(), String.valueOf(port)).start()) {
      awaitEcho(scp, port);
      ExternalTool.Result sent = storescu(calling, "ANY-SCP", port, options, source);
      assertThat(sent.exitCode()).as(sent.describe()).isZero();
    }
    Map<String, Path> byUid = new HashMap<>();
    try (Stream<Path> files = Files.list(out)) {
      files.forEach(f -> byUid.put(fileMeta(f).mediaStorageSopInstanceUid(), f));
    }
    return byUid;
  }

  /** Waits until a just started SCP answers C-ECHO (storescp prints nothing when listening). */
  private static void awaitEcho(ExternalTool.Running scp, int port) throws Exception {
    ExternalTool.require("echoscu", "dcmtk");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ExternalTool.of("echoscu", "-to", "1", "127.0.0.1", String.valueOf(port))
        .timeout(Duration.ofSeconds(10)).run().exitCode() != 0) {
      if (!scp.process().isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("storescp does not answer on port " + port + "\n"
            + scp.outputSoFar());
      }
      Thread.sleep(20);
    }
  }

  /** A JPEG Baseline Secondary Capture instance that img2dcm makes from a gray ramp. */
  static Path img2dcm(Path target) throws IOException {
    ExternalTool.require("img2dcm", "dcmtk");
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        image.getRaster().setSample(x, y, 0, (x * 4 + y) & 0xFF);
      }
    }
    Path jpeg = Files.createTempFile("ramp", ".jpg");
    try {
      assertThat(ImageIO.write(image, "jpg", jpeg.toFile())).isTrue();
      ExternalTool.Result r = ExternalTool.of("img2dcm", jpeg.toString(), target.toString()).run();
      assertThat(r.exitCode()).as(r.describe()).isZero();
    } finally {
      Files.delete(jpeg);
    }
    return target;
  }

  /**
   * Runs dump2dcm on the committed dump {@code /dumps/<name>.dump} (a readable text file):
   * a Part 10 file in Explicit VR Little Endian in {@code dir}.
   */
  static Path dump2dcm(Path dir, String name) throws IOException {
    ExternalTool.require("dump2dcm", "dcmtk");
    Path dump = dir.resolve(name + ".dump");
    try (InputStream in = Dcmtk.class.getResourceAsStream("/dumps/" + name + ".dump")) {
      Files.write(dump, in.readAllBytes());
    }
    Path file = dir.resolve(name + ".dcm");
    ExternalTool.Result r = ExternalTool.of("dump2dcm", "+te", dump.toString(), file.toString())
        .run();
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.dcmtkDiagnostics()).as(r.describe()).isEmpty();
    return file;
  }
}
