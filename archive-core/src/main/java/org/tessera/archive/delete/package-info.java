/** Deletion of patients, studies, series and instances: index rows, files, aggregates. */
package org.tessera.archive.delete;
