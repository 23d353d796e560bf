/** Records of what the archive holds: archives, collections, and the DICOM hierarchy. */
package org.tessera.archive.model;
