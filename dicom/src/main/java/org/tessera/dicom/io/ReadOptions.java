package org.tessera.dicom.io;

import java.nio.file.Path;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;

/**
 * How a {@link DicomReader} reads: where it stops, which values it leaves in the file, and the
 * limits that keep hostile input from exhausting memory or the stack.
 *
 * @param stopCondition checked before each top-level element; the reader stops before the
 *     first element it accepts
 * @param bulkDataFile the file the stream reads from its first byte; when set, bulk values
 *     (OB, OD, OF, OL, OV, OW, UN and fragments) longer than {@code bulkDataThreshold} become
 *     {@link org.tessera.dicom.data.BulkDataRef}s into it instead of being loaded. Ignored for
 *     deflated data, whose offsets are not file offsets.
 * @param bulkDataThreshold value length above which a bulk value is left in the file
 * @param maxDepth deepest nesting of sequences accepted
 * @param maxValueLength longest single value loaded into memory, in bytes
 */
public record ReadOptions(
    StopCondition stopCondition, Path bulkDataFile, long bulkDataThreshold, int maxDepth,
    int maxValueLength) {

  public static final int DEFAULT_MAX_DEPTH = 32;
  public static final int DEFAULT_MAX_VALUE_LENGTH = Integer.MAX_VALUE - 16;
  public static final long DEFAULT_BULK_DATA_THRESHOLD = 1024;

  /** Read everything into memory. */
  public static final ReadOptions DEFAULTS = new ReadOptions(
      StopCondition.NEVER, null, DEFAULT_BULK_DATA_THRESHOLD, DEFAULT_MAX_DEPTH,
      DEFAULT_MAX_VALUE_LENGTH);

  public ReadOptions {
    if (maxDepth < 1 || maxValueLength < 0 || bulkDataThreshold < 0) {
      throw new IllegalArgumentException("bad read limits");
    }
  }

  /** Decides, before a top-level element is read, whether to stop there. */
  @FunctionalInterface
  public interface StopCondition {
    StopCondition NEVER = (tag, vr, length) -> false;
    StopCondition PIXEL_DATA = (tag, vr, length) -> tag == Tag.PixelData;

    /**
     * @param length the value length, or -1 for undefined length
     */
    boolean stopBefore(int tag, VR vr, long length);

    /** Stops before Pixel Data or before any bulk value longer than {@code threshold}. */
    static StopCondition bulkDataAbove(long threshold) {
      return (tag, vr, length) -> tag == Tag.PixelData
          || vr.isBulk() && (length > threshold || length == -1);
    }
  }

  /** The header-only mode: everything before Pixel Data (7FE0,0010). */
  public ReadOptions stopBeforePixelData() {
    return stopBefore(StopCondition.PIXEL_DATA);
  }

  public ReadOptions stopBefore(StopCondition condition) {
    return new ReadOptions(condition, bulkDataFile, bulkDataThreshold, maxDepth, maxValueLength);
  }

  /** Leaves bulk values longer than {@code threshold} bytes in {@code file} as references. */
  public ReadOptions bulkDataIn(Path file, long threshold) {
    return new ReadOptions(stopCondition, file, threshold, maxDepth, maxValueLength);
  }

  public ReadOptions maxDepth(int depth) {
    return new ReadOptions(stopCondition, bulkDataFile, bulkDataThreshold, depth, maxValueLength);
  }

  public ReadOptions maxValueLength(int length) {
    return new ReadOptions(stopCondition, bulkDataFile, bulkDataThreshold, maxDepth, length);
  }
}
