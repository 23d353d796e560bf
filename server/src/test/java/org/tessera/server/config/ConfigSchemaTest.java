package org.tessera.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

  private static final ConfigSchema<TesseraConfig> SCHEMA = ConfigLoader.SCHEMA;

  @Test
  void keysAreComponentPathsAndVariablesAreTheirUpperSnakeCase() {
    assertThat(SCHEMA.keys())
        .extracting(ConfigSchema.Key::path, ConfigSchema.Key::envName)
        .containsExactly(
            tuple("data", "TESSERA_DATA"),
            tuple("http.port", "TESSERA_HTTP_PORT"),
            tuple("dimse.port", "TESSERA_DIMSE_PORT"),
            tuple("dimse.aeTitle", "TESSERA_DIMSE_AE_TITLE"),
            tuple("dimse.archives", "TESSERA_DIMSE_ARCHIVES"),
            tuple("dimse.maxPduLength", "TESSERA_DIMSE_MAX_PDU_LENGTH"),
            tuple("dimse.artimTimeout", "TESSERA_DIMSE_ARTIM_TIMEOUT"),
            tuple("dimse.idleTimeout", "TESSERA_DIMSE_IDLE_TIMEOUT"),
            tuple("dimse.maxAssociations", "TESSERA_DIMSE_MAX_ASSOCIATIONS"),
            tuple("dimse.transferSyntaxes", "TESSERA_DIMSE_TRANSFER_SYNTAXES"),
            tuple("dimse.moveDestinations", "TESSERA_DIMSE_MOVE_DESTINATIONS"),
            tuple("dimse.allowedCallingAeTitles", "TESSERA_DIMSE_ALLOWED_CALLING_AE_TITLES"),
            tuple("dimse.archiveCallingAeTitles", "TESSERA_DIMSE_ARCHIVE_CALLING_AE_TITLES"),
            tuple("dimse.aeAccess", "TESSERA_DIMSE_AE_ACCESS"),
            tuple("storage.directory", "TESSERA_STORAGE_DIRECTORY"),
            tuple("storage.fsync", "TESSERA_STORAGE_FSYNC"),
            tuple("storage.staleTempAge", "TESSERA_STORAGE_STALE_TEMP_AGE"),
            tuple("database.url", "TESSERA_DATABASE_URL"),
            tuple("database.embeddedDirectory", "TESSERA_DATABASE_EMBEDDED_DIRECTORY"),
            tuple("database.poolSize", "TESSERA_DATABASE_POOL_SIZE"),
            tuple("database.connectTimeout", "TESSERA_DATABASE_CONNECT_TIMEOUT"),
            tuple("ingest.duplicatePolicy", "TESSERA_INGEST_DUPLICATE_POLICY"),
            tuple("ingest.workers", "TESSERA_INGEST_WORKERS"),
            tuple("ingest.newCollectionVisibility", "TESSERA_INGEST_NEW_COLLECTION_VISIBILITY"),
            tuple("ingest.maxHeaderValueLength", "TESSERA_INGEST_MAX_HEADER_VALUE_LENGTH"),
            tuple("query.maxResults", "TESSERA_QUERY_MAX_RESULTS"));
  }

  @Test
  void envNamesSplitWordsAtCaseChanges() {
    assertThat(ConfigSchema.envName("dicomweb.maxUploadSize")).isEqualTo("TESSERA_DICOMWEB_MAX_UPLOAD_SIZE");
    assertThat(ConfigSchema.envName("tls.pkcs12File")).isEqualTo("TESSERA_TLS_PKCS12_FILE");
    assertThat(ConfigSchema.envName("a.b")).isEqualTo("TESSERA_A_B");
  }

  @Test
  void defaultsComeFromTheRootDefaultsAndBuildingNothingGivesThemBack() {
    assertThat(SCHEMA.key("database.poolSize").orElseThrow().defaultValue()).isEqualTo(8);
    assertThat(SCHEMA.build(Map.of())).isEqualTo(TesseraConfig.DEFAULTS);
    assertThat(SCHEMA.build(SCHEMA.values(TesseraConfig.DEFAULTS))).isEqualTo(TesseraConfig.DEFAULTS);
  }

  @Test
  void sectionsKnowTheirChildren() {
    assertThat(SCHEMA.isSection("storage")).isTrue();
    assertThat(SCHEMA.isSection("storage.fsync")).isFalse();
    assertThat(SCHEMA.isSection("")).isFalse();
    assertThat(SCHEMA.children("")).containsExactly("data", "http", "dimse", "storage", "database", "ingest", "query");
    assertThat(SCHEMA.children("http")).containsExactly("port");
  }

  record Inner(int y) {
  }

  record Colliding(Inner x, int xY) {
  }

  @Test
  void twoKeysWithOneVariableAreRefused() {
    assertThatThrownBy(() -> ConfigSchema.of(Colliding.class, new Colliding(new Inner(1), 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x.y and xY both map to TESSERA_X_Y");
  }

  record WithList(List<String> names) {
  }

  record WithNull(Path dir) {
  }

  @Test
  void typesNoSourceCanSpellAndMissingDefaultsAreRefused() {
    assertThatThrownBy(() -> ConfigSchema.of(WithList.class, new WithList(List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("names has type java.util.List, which no configuration source can spell");
    assertThatThrownBy(() -> ConfigSchema.of(WithNull.class, new WithNull(null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dir has no default value");
  }

  record Range(int low, int high) {
    Range {
      if (low > high) {
        throw new IllegalArgumentException("low must not exceed high");
      }
    }
  }

  record WithRange(Range range) {
  }

  @Test
  void aRecordsOwnValidationBecomesAConfigurationProblem() {
    ConfigSchema<WithRange> schema = ConfigSchema.of(WithRange.class, new WithRange(new Range(1, 2)));

    assertThat(schema.build(Map.of("range.high", 5))).isEqualTo(new WithRange(new Range(1, 5)));
    assertThatThrownBy(() -> schema.build(Map.of("range.low", 3, "range.high", 0)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("range: low must not exceed high");
  }
}
