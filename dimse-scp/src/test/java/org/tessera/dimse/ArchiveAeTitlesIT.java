package org.tessera.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.archive.ArchiveServices;
import org.tessera.archive.database.ArchiveCreationService;
import org.tessera.archive.query.QueryOptions;
import org.tessera.archive.query.QueryService;
import org.tessera.archive.retrieve.RetrieveService;
import org.tessera.archive.testing.TestArchive;
import org.tessera.archive.testing.TestInstances;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.testing.ExternalTool;
import org.tessera.dimse.scu.DimseClient;
import org.tessera.dimse.scu.ProposedContext;

/**
 * Two archives on one port, told apart by the called AE title: {@code default} as TESSERA, open
 * to any calling AE, and {@code research} as RESEARCH, open to MODA only. Each study goes in
 * with DCMTK's storescu through one AE title and is found and retrieved through that AE title
 * only.
 */
class ArchiveAeTitlesIT {
  static final String RESEARCH_STUDY = Uid.generate();
  static final String DEFAULT_STUDY = Uid.generate();

  @TempDir static Path dir;
  static TestArchive archive;
  static DimseServer server;
  static int port;
  static int destinationPort;
  /** The research study's files as storescu sent them, by SOP Instance UID. */
  static Map<String, Path> researchSent;

  @BeforeAll
  static void start() throws Exception {
    for (String tool : List.of("storescu", "findscu", "getscu", "movescu", "storescp")) {
      ExternalTool.require(tool, "dcmtk");
    }
    destinationPort = TwoStudiesArchive.freePort();
    DimseOptions options = new DimseOptions(0, "TESSERA")
        .withArchives("research=RESEARCH")
        .withArchiveCallingAeTitles("research=MODA")
        .withMoveDestinations("STORESCP=localhost:" + destinationPort);
    archive = new TestArchive(dir.resolve("archive"));
    Pool pool = archive.database.pool();
    new ArchiveCreationService(pool).createMissing(options.archiveAeTitles().furtherArchives())
        .await(10, TimeUnit.SECONDS);
    server = new DimseServer(options, new ArchiveServices(archive.ingest,
        new QueryService(pool, QueryOptions.DEFAULTS), new RetrieveService(pool), null,
        archive.blobs));
    archive.vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
    port = server.actualPort();

    researchSent = store("MODA", "RESEARCH", RESEARCH_STUDY, 2);
    store("OTHER", "TESSERA", DEFAULT_STUDY, 1); // any calling AE may store into default
  }

  @AfterAll
  static void stop() {
    if (archive != null) {
      archive.close();
    }
  }

  @Test
  void eachStudyIsIndexedInTheArchiveItsCalledAeTitleSelects() {
    assertThat(archive.rows("SELECT a.name, st.study_instance_uid, st.num_instances "
        + "FROM study st JOIN archive a ON a.pk = st.archive_fk ORDER BY a.name"))
        .containsExactly(List.of("default", DEFAULT_STUDY, 1),
            List.of("research", RESEARCH_STUDY, 2));
  }

  @Test
  void findSeesTheCalledArchiveOnly() throws Exception {
    assertThat(find("FINDSCU", "TESSERA").values(Tag.StudyInstanceUID))
        .containsExactly(DEFAULT_STUDY);
    Findscu.Result research = find("MODA", "RESEARCH");
    assertThat(research.values(Tag.StudyInstanceUID)).containsExactly(RESEARCH_STUDY);
    assertThat(research.values(Tag.RetrieveAETitle)).containsExactly("RESEARCH");
    // asked for by its UID, the other archive's study is not there
    assertThat(find("FINDSCU", "TESSERA", "-k", "StudyInstanceUID=" + RESEARCH_STUDY).responses())
        .isEmpty();
  }

  @Test
  void getRetrievesFromTheCalledArchiveOnly() throws Exception {
    Retrieved fromDefault = retrieve("getscu", "GETSCU", "TESSERA");
    assertThat(fromDefault.result.exitCode()).as(fromDefault.result.describe()).isZero();
    assertThat(fromDefault.received).isEmpty();
    assertThat(fromDefault.output()).contains("Completed Suboperations       : 0");

    Retrieved fromResearch = retrieve("getscu", "MODA", "RESEARCH");
    assertThat(fromResearch.result.exitCode()).as(fromResearch.result.describe()).isZero();
    assertThat(fromResearch.output()).contains("Completed Suboperations       : 2");
    assertReceivedAsSent(fromResearch.received);
  }

  /** The destination sees the archive's AE title as calling AE title: who sends. */
  @Test
  void moveSendsFromTheCalledArchiveAsItsAeTitle() throws Exception {
    Retrieved fromDefault = retrieve("movescu", "MOVESCU", "TESSERA");
    assertThat(fromDefault.result.exitCode()).as(fromDefault.result.describe()).isZero();
    assertThat(fromDefault.received).isEmpty();

    Retrieved fromResearch = retrieve("movescu", "MODA", "RESEARCH");
    assertThat(fromResearch.result.exitCode()).as(fromResearch.result.describe()).isZero();
    assertThat(fromResearch.output()).contains("Completed Suboperations       : 2");
    assertReceivedAsSent(fromResearch.received);
    assertThat(fromResearch.destinationLog)
        .containsPattern("Calling Application Name: +RESEARCH\n")
        .containsPattern("Called Application Name: +STORESCP\n");
  }

  /** PS3.8 Table 9-21: calling AE title not recognized (3), called AE title not recognized (7). */
  @Test
  void eachArchiveLetsInItsOwnCallingAes() throws Exception {
    ExternalTool.Result other = Dcmtk.storescu("OTHER", "RESEARCH", port, List.of(),
        researchSent.values().iterator().next());
    assertThat(other.exitCode()).as(other.describe()).isNotZero();
    assertThat(other.stdout() + other.stderr()).contains("Association Rejected")
        .contains("Result: Rejected Permanent, Source: Service User")
        .contains("Reason: Calling AE Title Not Recognized");

    assertThat(associate("OTHER", "RESEARCH")).endsWith(
        "rejected: rejected-permanent calling-AE-title-not-recognized (source 1, reason 3)");
    assertThat(associate("OTHER", "UNKNOWN")).endsWith(
        "rejected: rejected-permanent called-AE-title-not-recognized (source 1, reason 7)");
    assertThat(associate("OTHER", "TESSERA")).isEqualTo("accepted");
    assertThat(associate("MODA", "RESEARCH")).isEqualTo("accepted");
  }

  /**
   * Stores {@code count} new CT instances of {@code study} with storescu.
   *
   * @return the files sent, by SOP Instance UID
   */
  private static Map<String, Path> store(String calling, String called, String study, int count)
      throws Exception {
    Path in = Files.createDirectories(dir.resolve("in-" + called));
    String series = Uid.generate();
    Map<String, Path> files = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      Path file = TestInstances.writeCt(in, study, series);
      files.put(Part10Bytes.fileMeta(file).mediaStorageSopInstanceUid(), file);
    }
    ExternalTool.Result r = Dcmtk.storescu(calling, called, port, List.of(),
        files.values().toArray(Path[]::new));
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(Dcmtk.storeResponses(r)).hasSize(count).allMatch(s -> s.startsWith("Success"));
    return files;
  }

  private static Findscu.Result find(String calling, String called, String... keys)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("-k", "QueryRetrieveLevel=STUDY"));
    if (keys.length == 0) {
      args.addAll(List.of("-k", "StudyInstanceUID", "-k", "RetrieveAETitle"));
    }
    args.addAll(Arrays.asList(keys));
    return Findscu.run(dir, port, calling, called, "-S", args);
  }

  /**
   * @param destinationLog what storescp, the Move Destination, logged at debug level; empty
   *     for C-GET
   */
  record Retrieved(ExternalTool.Result result, Map<String, Path> received,
      String destinationLog) {
    String output() {
      return result.stdout() + result.stderr();
    }
  }

  /** The research study by getscu, or by movescu to storescp (STORESCP). */
  private static Retrieved retrieve(String tool, String calling, String called)
      throws Exception {
    Path out = Files.createTempDirectory(dir, "received");
    List<String> command = new ArrayList<>(List.of(tool, "-d", "-S", "-aet", calling,
        "-aec", called, "-k", "QueryRetrieveLevel=STUDY", "-k",
        "StudyInstanceUID=" + RESEARCH_STUDY));
    command.addAll(tool.equals("getscu") ? List.of("+B", "-od", out.toString())
        : List.of("-aem", "STORESCP"));
    command.addAll(List.of("localhost", String.valueOf(port)));
    ExternalTool retrieve = ExternalTool.of(command).env("TCP_NODELAY", "1")
        .timeout(Duration.ofSeconds(30));
    if (tool.equals("getscu")) {
      return new Retrieved(retrieve.run(), TwoStudiesArchive.received(out), "");
    }
    try (ExternalTool.Running scp = ExternalTool.of("storescp", "-d", "-aet", "STORESCP", "+B",
        "+xa", "-od", out.toString(), "-uf", "-dhl", String.valueOf(destinationPort))
        .env("TCP_NODELAY", "1").start()) {
      TwoStudiesArchive.awaitListening(destinationPort);
      ExternalTool.Result result = retrieve.run();
      return new Retrieved(result, TwoStudiesArchive.received(out), scp.outputSoFar());
    }
  }

  /** Each instance of the research study came back, its data set byte for byte as sent. */
  private static void assertReceivedAsSent(Map<String, Path> received) throws Exception {
    assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(researchSent.keySet());
    for (Map.Entry<String, Path> e : received.entrySet()) {
      Part10Bytes.assertSameDataset(e.getValue(), researchSent.get(e.getKey()));
    }
  }

  /** "accepted", or why our SCU's association for C-ECHO was not. */
  private static String associate(String calling, String called) throws Exception {
    DimseClient client = new DimseClient(archive.vertx, calling, Duration.ofSeconds(10));
    try {
      return client.open("localhost", port, called, List.of(new ProposedContext(
              Uid.Verification, List.of(Uid.ImplicitVRLittleEndian))))
          .compose(association -> association.release().map("accepted"))
          .otherwise(Throwable::getMessage)
          .await(10, TimeUnit.SECONDS);
    } finally {
      client.close().await(10, TimeUnit.SECONDS);
    }
  }
}
