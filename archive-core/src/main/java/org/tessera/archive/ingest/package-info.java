/**
 * The one ingest pipeline every ingest path calls (C-STORE, STOW-RS, import): stream to a temp
 * file with MD5, parse the header, validate, resolve the collection, place the file durably,
 * commit the index in one transaction, and only then acknowledge.
 */
package org.tessera.archive.ingest;
