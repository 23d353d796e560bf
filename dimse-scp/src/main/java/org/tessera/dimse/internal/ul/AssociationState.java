package org.tessera.dimse.internal.ul;

/**
 * The states of PS3.8 Table 9-10. An acceptor passes through Sta2, Sta3 (for the duration of
 * a synchronous negotiation), Sta6, Sta8 and Sta13; the others belong to the requestor or to
 * release collisions and are listed so that the names match the standard.
 */
public enum AssociationState {
  Sta1("idle"),
  Sta2("transport connection open, awaiting A-ASSOCIATE-RQ"),
  Sta3("awaiting local A-ASSOCIATE response primitive"),
  Sta4("awaiting transport connection opening to complete"),
  Sta5("awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ"),
  Sta6("association established and ready for data transfer"),
  Sta7("awaiting A-RELEASE-RP"),
  Sta8("awaiting local A-RELEASE response primitive"),
  Sta9("release collision requestor side: awaiting A-RELEASE response primitive"),
  Sta10("release collision acceptor side: awaiting A-RELEASE-RP"),
  Sta11("release collision requestor side: awaiting A-RELEASE-RP"),
  Sta12("release collision acceptor side: awaiting A-RELEASE response primitive"),
  Sta13("awaiting transport connection close");

  private final String description;

  AssociationState(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
