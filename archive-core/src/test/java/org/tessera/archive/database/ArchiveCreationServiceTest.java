package org.tessera.archive.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.testing.TestDatabase;

class ArchiveCreationServiceTest {
  private final Vertx vertx = Vertx.vertx();
  private Database db;
  private ArchiveCreationService service;

  @BeforeEach
  void open() {
    db = Database.open(vertx, TestDatabase.newDatabaseUrl(), DatabaseOptions.DEFAULTS).await();
    service = new ArchiveCreationService(db.pool());
  }

  @AfterEach
  void close() {
    db.close().await();
    vertx.close().await();
  }

  @Test
  void createsEachMissingArchiveWithItsDefaultCollectionOnce() {
    assertThat(service.createMissing(List.of("research", "teaching-2")).await())
        .containsExactly("research", "teaching-2");
    List<String> afterFirst = archivesAndCollections();

    // a second start with the same configuration, and the archive the schema made, change nothing
    assertThat(service.createMissing(List.of("research", "teaching-2", "default")).await())
        .isEmpty();

    assertThat(archivesAndCollections()).isEqualTo(afterFirst).containsExactly(
        "default/default/restricted", "research/default/restricted",
        "teaching-2/default/restricted");
  }

  @Test
  void onlyTheNewNamesAreReported() {
    service.createMissing(List.of("research")).await();

    assertThat(service.createMissing(List.of("research", "teaching")).await())
        .containsExactly("teaching");
  }

  @Test
  void nodesStartingTogetherCreateEachArchiveOnce() {
    ArchiveCreationService other = new ArchiveCreationService(db.pool());

    Future<List<String>> a = service.createMissing(List.of("research", "teaching"));
    Future<List<String>> b = other.createMissing(List.of("teaching", "research"));
    Future.all(a, b).await();

    List<String> created = new ArrayList<>(a.result());
    created.addAll(b.result());
    assertThat(created).containsExactlyInAnyOrder("research", "teaching");
    assertThat(archivesAndCollections()).hasSize(3);
  }

  @Test
  void anInvalidNameCreatesNothing() {
    assertThatThrownBy(() -> service.createMissing(List.of("research", "Research")).await())
        .isInstanceOfSatisfying(ArchiveException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.INVALID_REQUEST);
          assertThat(e).hasMessage(
              "archive name 'Research' is not lowercase letters, digits, - and _");
        });
    assertThat(archivesAndCollections()).containsExactly("default/default/restricted");
  }

  @Test
  void namesAreLowercaseLettersDigitsDashAndUnderscore() {
    assertThat(List.of("default", "a", "ct-2024_b", "0"))
        .allMatch(ArchiveCreationService::isValidName);
    assertThat(List.of("", "Research", "a b", "a/b", "a.b", "é"))
        .noneMatch(ArchiveCreationService::isValidName);
    assertThat(ArchiveCreationService.isValidName(null)).isFalse();
  }

  /** archive/collection/visibility of every collection, by archive name. */
  private List<String> archivesAndCollections() {
    List<String> rows = new ArrayList<>();
    for (Row r : db.pool().query("SELECT a.name, c.name, c.visibility FROM archive a "
        + "LEFT JOIN collection c ON c.archive_fk = a.pk ORDER BY a.name, c.name").execute()
        .await()) {
      rows.add(r.getString(0) + "/" + r.getString(1) + "/" + r.getString(2));
    }
    return rows;
  }
}
