package org.tessera.archive.query;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Tests that query the index of {@link QueryTestData}, built once per class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueryIndexTest {
  QueryTestData data;
  QueryService service;

  @BeforeAll
  void createIndex() {
    data = QueryTestData.create();
    service = data.service();
  }

  @AfterAll
  void close() {
    data.close();
  }
}
