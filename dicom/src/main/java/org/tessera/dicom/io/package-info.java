/**
 * Part 10 files and data set streams: {@link org.tessera.dicom.io.DicomReader} and
 * {@link org.tessera.dicom.io.DicomWriter}, File Meta Information, and the options that bound
 * what a reader loads. Everything here blocks on I/O; callers on an event loop hand it to a
 * worker.
 */
package org.tessera.dicom.io;
