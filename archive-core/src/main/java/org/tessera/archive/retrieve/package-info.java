/**
 * The retrieve lookup: which stored files a WADO-RS, WADO-URI, C-GET, C-MOVE or NBIA download
 * sends, and the instance metadata WADO-RS streams, under the same access filter as queries.
 */
package org.tessera.archive.retrieve;
