/** What the internal packages of archive-core share. */
package org.tessera.archive.internal;
