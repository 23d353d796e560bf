package org.tessera.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessera.archive.database.DatabaseOptions;
import org.tessera.archive.ingest.DuplicatePolicy;
import org.tessera.archive.ingest.IngestOptions;
import org.tessera.archive.query.QueryOptions;
import org.tessera.archive.model.Visibility;
import org.tessera.archive.storage.StorageOptions;
import org.tessera.dimse.DimseOptions;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  // --- sources and precedence

  @Test
  void nothingSetGivesTheDefaults() {
    assertThat(load(Map.of())).isEqualTo(TesseraConfig.DEFAULTS);
  }

  @Test
  void fileThenEnvironmentThenFlags() throws IOException {
    writeDefaultFile("""
        http:
          port: 1000
        dimse:
          port: 1001
          aeTitle: FROM_FILE
        storage:
          fsync: false
        """);
    Map<String, String> env = Map.of("TESSERA_HTTP_PORT", "2000", "TESSERA_DIMSE_PORT", "2001");

    TesseraConfig config = load(env, "--http-port", "3000");

    assertThat(config.http().port()).isEqualTo(3000);
    assertThat(config.dimse()).isEqualTo(new DimseOptions(2001, "FROM_FILE"));
    assertThat(config.storage().fsync()).isFalse();
    assertThat(config.storage().directory()).isEqualTo(StorageOptions.DEFAULT_DIRECTORY);
    assertThat(config.database()).isEqualTo(DatabaseOptions.DEFAULTS);
  }

  @Test
  void amongFlagsTheLastForAKeyWins() {
    assertThat(load(Map.of(), "--http-port", "1", "--set", "http.port=2").http().port()).isEqualTo(2);
    assertThat(load(Map.of(), "--set", "http.port=2", "--http-port=1").http().port()).isEqualTo(1);
  }

  @Test
  void everyKeyCanBeSetByFileEnvironmentAndSet() throws IOException {
    TesseraConfig expected = new TesseraConfig(Path.of("/srv/tessera"), new HttpOptions(80),
        new DimseOptions(104, "ARCHIVE"),
        new StorageOptions(Path.of("/mnt/blobs"), false, Duration.ofHours(2)),
        new DatabaseOptions("postgresql://tessera:secret@db:5432/tessera", Path.of("embedded"), 4,
            Duration.ofMillis(500)),
        new IngestOptions(DuplicatePolicy.REJECT, 3, Visibility.PUBLIC, 1024),
        new QueryOptions(500));
    writeDefaultFile("""
        data: /srv/tessera
        http:
          port: 80
        dimse:
          port: 104
          aeTitle: ARCHIVE
        storage:
          directory: /mnt/blobs
          fsync: false
          staleTempAge: 2h
        database:
          url: postgresql://tessera:secret@db:5432/tessera
          embeddedDirectory: embedded
          poolSize: 4
          connectTimeout: 500ms
        ingest:
          duplicatePolicy: reject
          workers: 3
          newCollectionVisibility: PUBLIC
          maxHeaderValueLength: 1024
        query:
          maxResults: 500
        """);
    assertThat(load(Map.of())).isEqualTo(expected);

    Files.delete(dir.resolve("tessera.yaml"));
    Map<String, String> env = Map.ofEntries(
        Map.entry("TESSERA_DATA", "/srv/tessera"),
        Map.entry("TESSERA_HTTP_PORT", "80"),
        Map.entry("TESSERA_DIMSE_PORT", "104"),
        Map.entry("TESSERA_DIMSE_AE_TITLE", "ARCHIVE"),
        Map.entry("TESSERA_STORAGE_DIRECTORY", "/mnt/blobs"),
        Map.entry("TESSERA_STORAGE_FSYNC", "FALSE"),
        Map.entry("TESSERA_STORAGE_STALE_TEMP_AGE", "2h"),
        Map.entry("TESSERA_DATABASE_URL", "postgresql://tessera:secret@db:5432/tessera"),
        Map.entry("TESSERA_DATABASE_EMBEDDED_DIRECTORY", "embedded"),
        Map.entry("TESSERA_DATABASE_POOL_SIZE", "4"),
        Map.entry("TESSERA_DATABASE_CONNECT_TIMEOUT", "500ms"),
        Map.entry("TESSERA_INGEST_DUPLICATE_POLICY", "REJECT"),
        Map.entry("TESSERA_INGEST_WORKERS", "3"),
        Map.entry("TESSERA_INGEST_NEW_COLLECTION_VISIBILITY", "Public"),
        Map.entry("TESSERA_INGEST_MAX_HEADER_VALUE_LENGTH", "1024"),
        Map.entry("TESSERA_QUERY_MAX_RESULTS", "500"));
    assertThat(load(env)).isEqualTo(expected);

    String[] flags = env.entrySet().stream()
        .flatMap(entry -> List.of("--set", keyOf(entry.getKey()) + "=" + entry.getValue()).stream())
        .toArray(String[]::new);
    assertThat(load(Map.of(), flags)).isEqualTo(expected);
  }

  @Test
  void environmentVariablesThatNameNoKeyAreIgnored() {
    Map<String, String> env = Map.of(
        "TESSERA_JAVA_OPTS", "-Xmx4g -Dtessera.log.level=DEBUG",
        "TESSERA_HTTP_PROT", "1",
        "TESSERA_HTTP", "1",
        "HTTP_PORT", "1",
        "TESSERA_DIMSE_AE_TITLE", "FROM_ENV");

    TesseraConfig config = load(env);

    assertThat(config.http()).isEqualTo(HttpOptions.DEFAULTS);
    assertThat(config.dimse().aeTitle()).isEqualTo("FROM_ENV");
  }

  @Test
  void emptyVariableSetsAnEmptyValue() {
    Map<String, String> env = Map.of("TESSERA_DATABASE_URL", "");

    assertThat(load(env, "--db", "postgres://db/tessera").database().url()).isEqualTo("postgres://db/tessera");
    assertThat(load(env).database().url()).isEmpty();
    assertProblems(Map.of("TESSERA_HTTP_PORT", ""),
        "TESSERA_HTTP_PORT: http.port: \"\" is not a port number (0 to 65535)");
  }

  // --- where the file comes from

  @Test
  void configFlagBeatsVariableBeatsWorkingDirectory() throws IOException {
    writeDefaultFile("http: {port: 1}");
    Files.writeString(dir.resolve("env.yaml"), "http: {port: 2}");
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/flag.yaml"), "http: {port: 3}");
    Map<String, String> env = Map.of(ConfigLoader.CONFIG_ENV, "env.yaml");

    assertThat(load(Map.of()).http().port()).isEqualTo(1);
    assertThat(load(env).http().port()).isEqualTo(2);
    assertThat(load(env, "--config", "etc/flag.yaml").http().port()).isEqualTo(3);
    assertThat(load(env, "--config=" + dir.resolve("etc/flag.yaml")).http().port()).isEqualTo(3);
    assertThat(load(Map.of(ConfigLoader.CONFIG_ENV, "")).http().port()).isEqualTo(1);
  }

  @Test
  void aNamedFileMustExist() throws IOException {
    Files.createDirectories(dir.resolve("etc"));

    assertProblems(Map.of(), new String[] {"--config", "missing.yaml"},
        "--config: no configuration file 'missing.yaml' (" + dir.resolve("missing.yaml") + " does not exist)");
    assertProblems(Map.of(ConfigLoader.CONFIG_ENV, "etc"), new String[0],
        "TESSERA_CONFIG: no configuration file 'etc' (" + dir.resolve("etc") + " is not a regular file)");
    assertProblems(Map.of(), new String[] {"--config="},
        "--config: no configuration file '' (" + dir + " is not a regular file)");
  }

  @Test
  void anEmptyFileOrSectionChangesNothing() throws IOException {
    writeDefaultFile("# nothing yet\n");
    assertThat(load(Map.of())).isEqualTo(TesseraConfig.DEFAULTS);

    writeDefaultFile("http:\nstorage:\n  # fsync: false\ningest: ~\n");
    assertThat(load(Map.of())).isEqualTo(TesseraConfig.DEFAULTS);
  }

  @Test
  void yamlTypesDoNotMatterOnlyTheText() throws IOException {
    writeDefaultFile("""
        http: {port: "8081"}
        dimse: {aeTitle: 104}
        database: {url: }
        """);

    TesseraConfig config = load(Map.of());

    assertThat(config.http().port()).isEqualTo(8081);
    assertThat(config.dimse().aeTitle()).isEqualTo("104");
    assertThat(config.database().url()).isEmpty();
  }

  @Test
  void yamlNullIsTheEmptyString() throws IOException {
    writeDefaultFile("database: {url: ~}\n");
    assertThat(load(Map.of()).database().url()).isEmpty();

    writeDefaultFile("http: {port: null}\n");
    assertProblems(Map.of(), file() + ":1: http.port: \"\" is not a port number (0 to 65535)");
  }

  // --- values

  @ParameterizedTest
  @CsvSource({"0, PT0S", "500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "2h, PT2H", "1d, PT24H", "90s, PT1M30S"})
  void durationsTakeAUnit(String text, Duration expected) {
    assertThat(load(Map.of("TESSERA_STORAGE_STALE_TEMP_AGE", text)).storage().staleTempAge()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "1.5s", "-1s", "PT10S", "1 s", "s", "10sec", "0s0", "99999999999999999d"})
  void badDurationsNameTheKeyAndTheFormat(String text) {
    assertProblems(Map.of("TESSERA_STORAGE_STALE_TEMP_AGE", text),
        "TESSERA_STORAGE_STALE_TEMP_AGE: storage.staleTempAge: \"" + text
            + "\" is not a duration such as 0, 500ms, 30s, 5m, 2h or 1d");
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "no", "1", "on", ""})
  void booleansAreTrueOrFalseOnly(String text) {
    assertProblems(Map.of("TESSERA_STORAGE_FSYNC", text),
        "TESSERA_STORAGE_FSYNC: storage.fsync: \"" + text + "\" is not a boolean (true or false)");
  }

  @Test
  void enumsTakeTheirNamesInAnyCase() {
    assertThat(load(Map.of(), "--set", "ingest.duplicatePolicy=Reject").ingest().duplicatePolicy())
        .isEqualTo(DuplicatePolicy.REJECT);
    assertProblems(Map.of(), new String[] {"--set", "ingest.newCollectionVisibility=private"},
        "--set: ingest.newCollectionVisibility: \"private\" is not one of public, restricted");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ingest.workers=-1               | ingest.workers: \"-1\" is not a whole number, 0 or more",
      "ingest.workers=two              | ingest.workers: \"two\" is not a whole number, 0 or more",
      "ingest.workers=3000000000       | ingest.workers: \"3000000000\" is not a whole number, 0 or more",
      "database.poolSize=0             | database.poolSize: \"0\" is not a whole number, 1 or more",
      "database.connectTimeout=0       | database.connectTimeout: \"0\" is not a duration above 0 such as 500ms, 30s, 5m, 2h or 1d",
      "dimse.port=-1                   | dimse.port: \"-1\" is not a port number (0 to 65535)",
      "dimse.maxPduLength=1024         | dimse.maxPduLength: \"1024\" is not a length in bytes of 4096 or more",
      "dimse.idleTimeout=0             | dimse.idleTimeout: \"0\" is not a duration above 0 such as 500ms, 30s, 5m, 2h or 1d",
      "dimse.maxAssociations=0         | dimse.maxAssociations: \"0\" is not a whole number, 1 or more",
      "dimse.transferSyntaxes=1.2,x    | dimse.transferSyntaxes: \"1.2,x\" is not a comma-separated list of UIDs",
      "database.url=jdbc:postgresql:db | database.url: \"jdbc:postgresql:db\" is not empty (the embedded server) or a URL starting with postgresql:// or postgres://",
  })
  void numbersAndTextAreCheckedAgainstTheirRange(String set, String problem) {
    assertProblems(Map.of(), new String[] {"--set", set}, "--set: " + problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "                ", "SEVENTEEN_CHARS_X", "A\\B", "TAB\tX", "ÄRCHIV"})
  void aeTitlesFollowTheAeValueRepresentation(String title) {
    assertThatThrownBy(() -> load(Map.of(), "--ae-title", title))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--ae-title: dimse.aeTitle: ")
        .hasMessageEndingWith(
            " is not an AE title (1 to 16 printable ASCII characters, no backslash, not only spaces)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "SIXTEEN_CHARS_XX", " PADDED ", "my-archive.01"})
  void goodAeTitles(String title) {
    assertThat(load(Map.of(), "--ae-title", title).dimse().aeTitle()).isEqualTo(title);
  }

  // --- errors

  @Test
  void badValueInTheFileNamesFileLineKeyAndFormat() throws IOException {
    writeDefaultFile("""
        http:
          port: 8080
        storage:
          fsync: yes
        """);

    assertProblems(Map.of(), file() + ":4: storage.fsync: \"yes\" is not a boolean (true or false)");
  }

  @Test
  void unknownKeysNameWhatExists() throws IOException {
    writeDefaultFile("""
        http:
          prot: 8080
        storage:
          url: x
        htp:
          port: 1
          more: 2
        """);

    assertProblems(Map.of(), new String[] {"--set", "nope=1", "--set", "http.port.x=1"},
        file() + ":2: unknown key 'http.prot' (the keys of http are port)",
        file() + ":4: unknown key 'storage.url' (the keys of storage are directory, fsync, staleTempAge)",
        file() + ":5: unknown key 'htp' (the top-level keys are data, http, dimse, storage, database, ingest, query)",
        "--set: unknown key 'nope' (the top-level keys are data, http, dimse, storage, database, ingest, query)",
        "--set: unknown key 'http.port.x' (http.port is a value, not a section)");
  }

  @Test
  void sectionsAndValuesAreNotInterchangeable() throws IOException {
    writeDefaultFile("""
        http: 8080
        dimse:
          port:
            number: 104
        """);

    assertProblems(Map.of(), new String[] {"--set", "storage=x"},
        file() + ":1: http is a section (its keys are port), not a value",
        file() + ":3: dimse.port takes a port number (0 to 65535), not a section",
        "--set: storage is a section (its keys are directory, fsync, staleTempAge), not a value");
  }

  @Test
  void everyProblemOfEverySourceIsReportedAtOnce() throws IOException {
    writeDefaultFile("http: {port: x}\ndimse: {port: y}\n");

    assertProblems(Map.of("TESSERA_STORAGE_FSYNC", "maybe"), new String[] {"--dicom-port", "z"},
        file() + ":1: http.port: \"x\" is not a port number (0 to 65535)",
        file() + ":2: dimse.port: \"y\" is not a port number (0 to 65535)",
        "TESSERA_STORAGE_FSYNC: storage.fsync: \"maybe\" is not a boolean (true or false)",
        "--dicom-port: dimse.port: \"z\" is not a port number (0 to 65535)");
  }

  @Test
  void moveDestinationFlagsMakeOneListThatReplacesTheConfiguredOne() throws IOException {
    writeDefaultFile("dimse: {moveDestinations: \"OLD=old:1\"}\n");

    TesseraConfig config = load(Map.of(), "--move-destination", "STORESCP=localhost:11113",
        "--move-destination=VIEWER=10.0.0.7:104");

    assertThat(config.dimse().moveDestinations())
        .isEqualTo("STORESCP=localhost:11113,VIEWER=10.0.0.7:104");
    assertThat(config.dimse().moveDestinationMap().find("VIEWER")).hasValueSatisfying(d -> {
      assertThat(d.host()).isEqualTo("10.0.0.7");
      assertThat(d.port()).isEqualTo(104);
    });
    assertThat(config.dimse().moveDestinationMap().find("OLD")).isEmpty();
    assertThat(load(Map.of()).dimse().moveDestinationMap().find("OLD")).isPresent();
    assertProblems(Map.of(), new String[] {"--move-destination", "STORESCP=localhost"},
        "--move-destination: dimse.moveDestinations: \"STORESCP=localhost\" is not a "
        + "comma-separated list of AET=host:port entries");
  }

  @Test
  void archivesAndTheirCallingAeTitlesComeFromAnySource() throws IOException {
    writeDefaultFile("""
        dimse:
          archives: "research=RESEARCH, teaching=TEACH"
          archiveCallingAeTitles: "research=MODA|CT1"
        """);

    TesseraConfig config = load(Map.of("TESSERA_DIMSE_ALLOWED_CALLING_AE_TITLES", "PACS"));

    assertThat(config.dimse().archiveAeTitles().all()).extracting(
            ae -> ae.archive() + "=" + ae.aeTitle() + " " + new java.util.TreeSet<>(
                ae.allowedCallingAeTitles()))
        .containsExactly("default=TESSERA [PACS]", "research=RESEARCH [CT1, MODA]",
            "teaching=TEACH [PACS]");
    assertThat(load(Map.of("TESSERA_DIMSE_ARCHIVES", "",
        "TESSERA_DIMSE_ARCHIVE_CALLING_AE_TITLES", "")).dimse().archiveAeTitles()
        .furtherArchives()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "dimse.archives=Research=RES => dimse.archives: \"Research=RES\"",
      "dimse.archives=research => dimse.archives: \"research\"",
      "dimse.archives=research=A\\B => dimse.archives: \"research=A\\B\"",
      "dimse.archives=default=OTHER => dimse.archives: \"default=OTHER\"",
      "dimse.archives=a=A,a=B => dimse.archives: \"a=A,a=B\"",
      "dimse.archives=a=A,b=A => dimse.archives: \"a=A,b=A\"",
  })
  void badArchivesNameTheKeyAndTheForm(String set, String problem) {
    assertProblems(Map.of(), new String[] {"--set", set}, "--set: " + problem + " is not a "
        + "comma-separated list of name=AET entries (names of lowercase letters, digits, - and _, "
        + "not default; each name and AE title once)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"research", "research=", "research=A\\B", "Research=A",
      "research=A,research=B"})
  void badArchiveCallingAeTitlesNameTheKeyAndTheForm(String value) {
    assertProblems(Map.of("TESSERA_DIMSE_ARCHIVE_CALLING_AE_TITLES", value),
        "TESSERA_DIMSE_ARCHIVE_CALLING_AE_TITLES: dimse.archiveCallingAeTitles: \"" + value
            + "\" is not a comma-separated list of archive=AET|AET... entries, each archive once");
  }

  /** What no key can tell alone: an AE title taken twice, an archive that is not there. */
  @Test
  void archivesMustAgreeWithTheOtherDimseKeys() throws IOException {
    writeDefaultFile("""
        dimse:
          aeTitle: PACS
          archives: "research=PACS"
        """);
    assertProblems(Map.of(), "dimse: archives: AE title PACS of archive research already selects "
        + "archive default (aeTitle)");

    assertProblems(Map.of("TESSERA_DIMSE_ARCHIVE_CALLING_AE_TITLES", "teaching=MODA"),
        new String[] {"--set", "dimse.archives=research=RESEARCH"},
        "dimse: archiveCallingAeTitles: \"teaching\" is not an archive (default, research)");
    Files.delete(file());
    assertThat(load(Map.of("TESSERA_DIMSE_ARCHIVE_CALLING_AE_TITLES", "default=MODA"))
        .dimse().archiveAeTitles().called("TESSERA").orElseThrow().allows("MODA")).isTrue();
  }

  @Test
  void fileShapeProblemsStopAtOnce() throws IOException {
    writeDefaultFile("- http\n- dimse\n");
    assertProblems(Map.of(),
        file() + ":1: the file must be a mapping of keys such as 'http:', not a single value or a list");

    writeDefaultFile("http:\n  port: 1\nhttp:\n  port: 2\n");
    assertProblems(Map.of(), file() + ":3: http is set twice (first on line 1)");

    writeDefaultFile("ingest:\n  workers: [1, 2]\n");
    assertProblems(Map.of(), file() + ":2: ingest.workers: lists are not supported here");

    writeDefaultFile("http:\n  port: 1\n    port: 2\n");
    assertThatThrownBy(() -> load(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file() + ":3: not valid YAML: ");
  }

  @Test
  void flagSyntaxProblemsComeBeforeAnyFileIsRead() throws IOException {
    writeDefaultFile("http: {port: x}");

    assertProblems(Map.of(), new String[] {"--set", "http.port", "--set=", "-v", "--data"},
        "--set needs KEY=VALUE, not 'http.port'",
        "--set needs KEY=VALUE, not ''",
        "unknown flag '-v' (see 'tessera run --help')",
        "--data needs a value: --data DIR");
  }

  @Test
  void checksNameOnlyKeysThatExist() {
    assertThat(ValueChecks.BY_PATH.keySet())
        .allSatisfy(path -> assertThat(ConfigLoader.SCHEMA.key(path)).as(path).isPresent());
  }

  // --- what the loaded configuration is used for

  @Test
  void pathsAreResolvedAgainstTheWorkingDirectoryAndData() {
    TesseraConfig relative = TesseraConfig.DEFAULTS;
    TesseraConfig absolute = ConfigLoader.resolvePaths(load(Map.of(),
        "--data", "/srv/tessera", "--set", "storage.directory=/mnt/blobs"), dir);

    TesseraConfig resolved = ConfigLoader.resolvePaths(relative, dir);

    assertThat(resolved.data()).isEqualTo(dir.resolve("data"));
    assertThat(resolved.storage().directory()).isEqualTo(dir.resolve("data/blobs"));
    assertThat(resolved.database().embeddedDirectory()).isEqualTo(dir.resolve("data/pg"));
    assertThat(ConfigLoader.resolvePaths(resolved, dir.resolve("elsewhere"))).isEqualTo(resolved);
    assertThat(absolute.data()).isEqualTo(Path.of("/srv/tessera"));
    assertThat(absolute.storage().directory()).isEqualTo(Path.of("/mnt/blobs"));
    assertThat(absolute.database().embeddedDirectory()).isEqualTo(Path.of("/srv/tessera/pg"));
    assertThat(ConfigLoader.resolvePaths(load(Map.of(), "--data", "../x/./y"), dir).data())
        .isEqualTo(dir.getParent().resolve("x/y"));
  }

  @Test
  void describeListsEveryKeyWithSecretsMasked() {
    TesseraConfig config = load(Map.of("TESSERA_DATABASE_URL", "postgresql://tessera:s3cret@db:5432/tessera"));

    String described = ConfigLoader.describe(config);

    assertThat(described.lines()).hasSize(ConfigLoader.SCHEMA.keys().size());
    assertThat(described.lines()).startsWith("data: data", "http.port: 8080", "dimse.port: 11112",
        "dimse.aeTitle: \"TESSERA\"");
    assertThat(described).contains(
        "storage.staleTempAge: 0",
        "database.url: \"postgresql://tessera:***@db:5432/tessera\"",
        "database.connectTimeout: 10s",
        "ingest.duplicatePolicy: replace")
        .doesNotContain("s3cret");
    assertThat(ConfigLoader.describe(TesseraConfig.DEFAULTS)).contains("database.url: \"\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "database.url   | postgresql://u:pw@db/x                 | postgresql://u:***@db/x",
      "database.url   | postgresql://u:p@ss/w@db:5432/x        | postgresql://u:***@db:5432/x",
      "database.url   | postgresql://u@db:5432/x               | postgresql://u@db:5432/x",
      "database.url   | postgres://db/x?user=u&password=pw&a=b | postgres://db/x?user=u&password=***&a=b",
      "database.url   | ''                                     | ''",
      "ldap.password  | hunter2                                | ***",
      "oauth.tokenKey | abc                                    | ***",
      "dimse.aeTitle  | TESSERA                                | TESSERA",
  })
  void secretsAreMasked(String key, String text, String shown) {
    assertThat(Secrets.mask(key, text)).isEqualTo(shown);
  }

  @Test
  void badValuesAreQuotedMasked() {
    assertProblems(Map.of("TESSERA_DATABASE_URL", "mysql://root:hunter2@db/x"),
        "TESSERA_DATABASE_URL: database.url: \"mysql://root:***@db/x\" is not empty (the embedded server)"
            + " or a URL starting with postgresql:// or postgres://");
  }

  // --- helpers

  private TesseraConfig load(Map<String, String> env, String... flags) {
    return ConfigLoader.loadBlocking(List.of(flags), env, dir);
  }

  private void assertProblems(Map<String, String> env, String... problems) {
    assertProblems(env, new String[0], problems);
  }

  private void assertProblems(Map<String, String> env, String[] flags, String... problems) {
    assertThatThrownBy(() -> load(env, flags))
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.problems()).containsExactly(problems));
  }

  private void writeDefaultFile(String yaml) throws IOException {
    Files.writeString(file(), yaml);
  }

  private Path file() {
    return dir.resolve(ConfigLoader.DEFAULT_FILE);
  }

  /** The key whose variable is {@code envName}. */
  private static String keyOf(String envName) {
    return ConfigLoader.SCHEMA.keys().stream()
        .filter(key -> key.envName().equals(envName))
        .findFirst().orElseThrow().path();
  }
}
