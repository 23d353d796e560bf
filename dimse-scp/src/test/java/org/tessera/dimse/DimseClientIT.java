package org.tessera.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.io.DicomReader;
import org.tessera.dicom.io.DicomWriter;
import org.tessera.dicom.io.FileMetaInformation;
import org.tessera.dicom.testing.ExternalTool;
import org.tessera.dicom.testing.SampleDatasets;
import org.tessera.dimse.message.Command;
import org.tessera.dimse.message.Status;
import org.tessera.dimse.scu.ClientAssociation;
import org.tessera.dimse.scu.DimseClient;
import org.tessera.dimse.scu.ProposedContext;

/**
 * Our SCU against DCMTK's storescp (the reference SCP), and against our own server: echo,
 * C-STORE of files in two transfer syntaxes, one of them larger than many PDVs, received byte for
 * byte, and a rejected association.
 */
class DimseClientIT {
  static Vertx vertx;
  static DimseClient client;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    client = new DimseClient(vertx, "TESSERA_SCU", Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void storesFilesOnStorescpByteForByte() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Path out = Files.createDirectories(dir.resolve("out"));
    Path small = write(in.resolve("explicit.dcm"), SampleDatasets.ct(64, 64, 12),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    // 2 MB of pixels: dozens of PDVs at storescp's default 16 KB maximum PDU length
    Path large = write(in.resolve("implicit.dcm"), SampleDatasets.ct(1024, 1024, 16),
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    int port = freePort();
    ExternalTool.require("storescp", "dcmtk");
    try (ExternalTool.Running scp = ExternalTool.of("storescp", "-aet", "STORESCP", "+B", "-od",
        out.toString(), "-uf", "+xa", "-dhl", String.valueOf(port))
        .env("TCP_NODELAY", "1").start()) {
      ClientAssociation a = openWhenListening(port, "STORESCP", List.of(
          ProposedContext.of(Uid.Verification, Uid.ImplicitVRLittleEndian),
          ProposedContext.of(Uid.CTImageStorage, Uid.ExplicitVRLittleEndian),
          ProposedContext.of(Uid.CTImageStorage, Uid.ImplicitVRLittleEndian)));

      assertThat(a.echo().await(10, TimeUnit.SECONDS).status()).isEqualTo(Status.SUCCESS);
      Command first = a.store(small).await(10, TimeUnit.SECONDS);
      Command second = a.store(large).await(30, TimeUnit.SECONDS);
      a.release().await(10, TimeUnit.SECONDS);

      assertThat(first.status()).isEqualTo(Status.SUCCESS);
      assertThat(second.status()).isEqualTo(Status.SUCCESS);
      for (Path sent : List.of(small, large)) {
        String iuid = iuid(sent);
        Path received = out.resolve("CT." + iuid);
        assertThat(received).as(scp.outputSoFar()).exists();
        assertThat(Part10Bytes.dataset(received)).isEqualTo(Part10Bytes.dataset(sent));
      }
    }
  }

  @Test
  void storesOnOurServerAndIsRejectedForAnUnknownAeTitle() throws Exception {
    DimseServer server = new DimseServer(new DimseOptions(0, "TESSERA"));
    vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
    int port = server.actualPort();

    ClientAssociation a = client.open("localhost", port, "TESSERA",
        List.of(ProposedContext.of(Uid.Verification, Uid.ImplicitVRLittleEndian)))
        .await(10, TimeUnit.SECONDS);
    assertThat(a.echo().await(10, TimeUnit.SECONDS).status()).isEqualTo(Status.SUCCESS);
    assertThat(a.echo().await(10, TimeUnit.SECONDS).status()).isEqualTo(Status.SUCCESS);
    a.release().await(10, TimeUnit.SECONDS);

    assertThatThrownBy(() -> client.open("localhost", port, "NOBODY",
        List.of(ProposedContext.of(Uid.Verification, Uid.ImplicitVRLittleEndian)))
        .await(10, TimeUnit.SECONDS))
        .hasMessageContaining("rejected");
  }

  private static ClientAssociation openWhenListening(int port, String aet,
      List<ProposedContext> contexts) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        return client.open("localhost", port, aet, contexts).await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50); // storescp is still starting
      }
    }
  }

  private static Path write(Path file, Attributes ds, TransferSyntax ts) throws IOException {
    DicomWriter.write(file, FileMetaInformation.forDataset(ds, ts.uid()), ds);
    return file;
  }

  private static String iuid(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        DicomReader r = new DicomReader(in)) {
      return r.readFileMetaInformation().attributes().getString(Tag.MediaStorageSOPInstanceUID);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
