package org.tessera.dicom.io;

import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.TransferSyntax;

/**
 * What {@link DicomReader#readFile()} read.
 *
 * @param fileMetaInformation the File Meta Information, or null if the file had none
 * @param dataset the data set (up to the stop point, if any)
 * @param transferSyntax the data set's transfer syntax (from File Meta, or guessed)
 * @param stoppedAt where reading stopped, or null if the whole file was read
 */
public record DicomFile(
    FileMetaInformation fileMetaInformation, Attributes dataset, TransferSyntax transferSyntax,
    StopPoint stoppedAt) {}
