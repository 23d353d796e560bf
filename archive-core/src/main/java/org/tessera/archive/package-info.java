/**
 * The storage core: blob store, PostgreSQL index, the one ingest pipeline and the one query
 * engine that every protocol module translates onto (issue 3).
 */
package org.tessera.archive;
