package org.tessera.dimse.internal.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The services of one DIMSE server, by SOP class. Immutable. */
public final class ServiceRegistry {
  private final Map<String, DimseService> bySopClass;

  private ServiceRegistry(Map<String, DimseService> bySopClass) {
    this.bySopClass = Collections.unmodifiableMap(bySopClass);
  }

  /**
   * @throws IllegalArgumentException if two services claim the same SOP class
   */
  public static ServiceRegistry of(List<DimseService> services) {
    Map<String, DimseService> map = new LinkedHashMap<>();
    for (DimseService service : services) {
      for (String sopClass : service.sopClasses()) {
        DimseService other = map.putIfAbsent(sopClass, service);
        if (other != null) {
          throw new IllegalArgumentException(sopClass + " is served by both "
              + other.getClass().getSimpleName() + " and " + service.getClass().getSimpleName());
        }
      }
    }
    return new ServiceRegistry(map);
  }

  /** The services of this slice: Verification only. */
  public static ServiceRegistry defaults() {
    return of(List.of(new EchoScp()));
  }

  public Optional<DimseService> service(String sopClassUid) {
    return Optional.ofNullable(bySopClass.get(sopClassUid));
  }

  public boolean supports(String sopClassUid) {
    return bySopClass.containsKey(sopClassUid);
  }

  /** Every SOP class served, in registration order. */
  public Set<String> sopClasses() {
    return bySopClass.keySet();
  }
}
