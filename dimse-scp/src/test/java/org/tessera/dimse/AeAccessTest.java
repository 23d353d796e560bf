package org.tessera.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.archive.security.AccessFilter;

class AeAccessTest {

  @Test
  void listedAesGetTheirEntryOthersTheStarEntryOrEverything() {
    AeAccess access = AeAccess.parse("CT1=*, RESEARCH=public|lung|brain, CURATOR=lung ,*=public");

    assertThat(access.of("CT1")).isEqualTo(AccessFilter.all());
    assertThat(access.of("RESEARCH")).isEqualTo(AccessFilter.publicAnd(Set.of("lung", "brain")));
    assertThat(access.of("CURATOR")).isEqualTo(AccessFilter.only(Set.of("lung")));
    assertThat(access.of("ANYONE")).isEqualTo(AccessFilter.publicOnly());
    assertThat(AeAccess.parse("").of("ANYONE")).isEqualTo(AccessFilter.all());
    assertThat(AeAccess.parse("CT1=lung").of("OTHER")).isEqualTo(AccessFilter.all());
  }

  @Test
  void malformedEntriesAreNamed() {
    assertThatThrownBy(() -> AeAccess.parse("CT1=*,RESEARCH"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"RESEARCH\"");
    assertThatThrownBy(() -> AeAccess.parse("=lung"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AeAccess.parse("CT1="))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
