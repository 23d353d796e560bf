package org.tessera.dicom.io;

import org.tessera.dicom.data.VR;

/**
 * Where a reader stopped on a {@link ReadOptions.StopCondition}: the element it did not read.
 * The stream is left at {@code headerOffset}.
 *
 * @param tag the element's tag
 * @param vr its VR (from the data for explicit VR, from the dictionary for implicit VR)
 * @param headerOffset byte offset of the element's tag in the stream
 * @param valueOffset byte offset of its value
 * @param length value length in bytes, or -1 for undefined length (encapsulated or sequence)
 */
public record StopPoint(int tag, VR vr, long headerOffset, long valueOffset, long length) {}
