package org.tessera.dimse.internal.pdu;

/** A-RELEASE-RP (PS3.8 9.3.7): no parameters. */
public record AReleaseRp() implements Pdu {
  public static final AReleaseRp INSTANCE = new AReleaseRp();

  @Override
  public int type() {
    return A_RELEASE_RP;
  }
}
