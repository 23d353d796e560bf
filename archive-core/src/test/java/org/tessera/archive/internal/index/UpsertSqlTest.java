package org.tessera.archive.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.archive.database.Database;

class UpsertSqlTest {

  /**
   * Every ingest statement stays a cached prepared statement: the client re-parses (and cannot
   * pipeline) statements longer than its cache limit, which these exceed at the default 2048.
   */
  @Test
  void everyIngestStatementFitsThePreparedStatementCache() {
    List<String> statements = List.of(UpsertSql.PATIENT, UpsertSql.STUDY, UpsertSql.SERIES,
        UpsertSql.INSTANCE, IndexBatch.LOOKUP);

    assertThat(statements).allSatisfy(sql ->
        assertThat(sql.length()).isLessThan(Database.PREPARED_STATEMENT_SQL_LIMIT));
    assertThat(statements).anySatisfy(sql -> assertThat(sql.length()).isGreaterThan(2048));
  }
}
