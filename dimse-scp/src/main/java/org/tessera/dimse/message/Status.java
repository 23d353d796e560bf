package org.tessera.dimse.message;

/**
 * DIMSE status codes (value of Status (0000,0900)) named as the standard names them, and their
 * classification.
 */
public final class Status {

  /** The class of a status code (PS3.7 C.1). */
  public enum Category { SUCCESS, WARNING, FAILURE, CANCEL, PENDING }

  // PS3.7 C.1 and C.2: general statuses
  public static final int SUCCESS = 0x0000;
  public static final int CANCEL = 0xFE00;
  public static final int PENDING = 0xFF00;

  // PS3.7 C.4 and C.5: failures and warnings of the DIMSE service
  public static final int ATTRIBUTE_LIST_ERROR = 0x0107;
  public static final int ATTRIBUTE_VALUE_OUT_OF_RANGE = 0x0116;
  public static final int PROCESSING_FAILURE = 0x0110;
  public static final int DUPLICATE_SOP_INSTANCE = 0x0111;
  public static final int NO_SUCH_SOP_INSTANCE = 0x0112;
  public static final int INVALID_ARGUMENT_VALUE = 0x0115;
  public static final int NO_SUCH_SOP_CLASS = 0x0118;
  public static final int CLASS_INSTANCE_CONFLICT = 0x0119;
  public static final int MISSING_ATTRIBUTE = 0x0120;
  public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
  public static final int NOT_AUTHORIZED = 0x0124;
  public static final int DUPLICATE_INVOCATION = 0x0210;
  public static final int UNRECOGNIZED_OPERATION = 0x0211;
  public static final int MISTYPED_ARGUMENT = 0x0212;
  public static final int RESOURCE_LIMITATION = 0x0213;

  // PS3.4 C.4.1.1.4: C-FIND statuses of the Query/Retrieve Service Class; Refused: Out of
  // Resources is A700 and Cancel FE00 as above
  public static final int IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
  /** Pending: matches are continuing, but one or more Optional Keys were not supported. */
  public static final int PENDING_OPTIONAL_KEYS_NOT_SUPPORTED = 0xFF01;

  // PS3.4 C.4.2.1.5, C.4.3.1.4: C-MOVE and C-GET
  public static final int OUT_OF_RESOURCES_UNABLE_TO_CALCULATE_MATCHES = 0xA701;
  public static final int UNABLE_TO_PERFORM_SUBOPERATIONS = 0xA702;
  public static final int MOVE_DESTINATION_UNKNOWN = 0xA801;
  public static final int SUBOPERATIONS_COMPLETE_WITH_FAILURES = 0xB000;
  /** Failed: Unable to process (C-FIND, C-MOVE, C-GET); C000H to CFFFH, the low bits are ours. */
  public static final int UNABLE_TO_PROCESS = 0xC000;

  // PS3.4 B.2.3: C-STORE statuses of the Storage Service Class
  public static final int OUT_OF_RESOURCES = 0xA700;
  public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
  public static final int CANNOT_UNDERSTAND = 0xC000;
  public static final int COERCION_OF_DATA_ELEMENTS = 0xB000;
  public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING = 0xB007;
  public static final int ELEMENTS_DISCARDED = 0xB006;

  private Status() {
  }

  /** PS3.7 C.1: the ranges of success, warning, failure, cancel and pending. */
  public static Category category(int status) {
    if (status == SUCCESS) {
      return Category.SUCCESS;
    } else if (status == CANCEL) {
      return Category.CANCEL;
    } else if (status == PENDING || status == PENDING_OPTIONAL_KEYS_NOT_SUPPORTED) {
      return Category.PENDING;
    } else if (status == 0x0001 || (status & 0xF000) == 0xB000
        || status == ATTRIBUTE_LIST_ERROR || status == ATTRIBUTE_VALUE_OUT_OF_RANGE) {
      return Category.WARNING;
    }
    return Category.FAILURE;
  }

  /** Four hex digits and H, as the standard prints statuses: "0122H". */
  public static String format(int status) {
    return String.format("%04XH", status);
  }
}
