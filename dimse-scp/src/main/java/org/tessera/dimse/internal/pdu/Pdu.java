package org.tessera.dimse.internal.pdu;

/** One Upper Layer PDU (PS3.8 9.3.1); {@link #type()} is its PDU-type byte. */
public sealed interface Pdu
    permits AAssociateRq, AAssociateAc, AAssociateRj, PDataTf, AReleaseRq, AReleaseRp, AAbort {

  int A_ASSOCIATE_RQ = 0x01;
  int A_ASSOCIATE_AC = 0x02;
  int A_ASSOCIATE_RJ = 0x03;
  int P_DATA_TF = 0x04;
  int A_RELEASE_RQ = 0x05;
  int A_RELEASE_RP = 0x06;
  int A_ABORT = 0x07;

  int type();

  /** The standard's name of a PDU type ("A-ASSOCIATE-RQ"), for messages. */
  static String name(int type) {
    return switch (type) {
      case A_ASSOCIATE_RQ -> "A-ASSOCIATE-RQ";
      case A_ASSOCIATE_AC -> "A-ASSOCIATE-AC";
      case A_ASSOCIATE_RJ -> "A-ASSOCIATE-RJ";
      case P_DATA_TF -> "P-DATA-TF";
      case A_RELEASE_RQ -> "A-RELEASE-RQ";
      case A_RELEASE_RP -> "A-RELEASE-RP";
      case A_ABORT -> "A-ABORT";
      default -> String.format("unknown PDU type %02XH", type);
    };
  }
}
