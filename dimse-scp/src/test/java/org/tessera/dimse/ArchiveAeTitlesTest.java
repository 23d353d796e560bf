package org.tessera.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.dimse.ArchiveAeTitles.ArchiveAe;

class ArchiveAeTitlesTest {

  @Test
  void eachAeTitleSelectsOneArchiveWithItsCallingAeTitles() {
    ArchiveAeTitles titles = ArchiveAeTitles.parse(" TESSERA ", "research=RESEARCH, ct_2=CT 2",
        "research=MODA | CT1, default=PACS", "SCU,PACS2");

    assertThat(titles.all()).containsExactly(
        new ArchiveAe("default", "TESSERA", Set.of("PACS")),
        new ArchiveAe("research", "RESEARCH", Set.of("MODA", "CT1")),
        new ArchiveAe("ct_2", "CT 2", Set.of("SCU", "PACS2")));
    assertThat(titles.called("RESEARCH ")).map(ArchiveAe::archive).hasValue("research");
    assertThat(titles.called("TESSERA")).map(ArchiveAe::archive).hasValue("default");
    assertThat(titles.called("research")).isEmpty(); // AE titles are case-sensitive
    assertThat(titles.called(null)).isEmpty();
    assertThat(titles.furtherArchives()).containsExactly("research", "ct_2");
    assertThat(titles.called("RESEARCH").orElseThrow().allows(" MODA")).isTrue();
    assertThat(titles.called("RESEARCH").orElseThrow().allows("SCU")).isFalse();
  }

  @Test
  void withoutAnyListEveryArchiveLetsAnyAeIn() {
    ArchiveAeTitles titles = ArchiveAeTitles.parse("TESSERA", "research=RESEARCH", "", "");

    assertThat(titles.all()).allSatisfy(ae -> assertThat(ae.allows("ANYONE")).isTrue());
    assertThat(ArchiveAeTitles.parse("TESSERA", "", "", "").all())
        .containsExactly(new ArchiveAe("default", "TESSERA", Set.of()));
  }

  @Test
  void entriesAreReadInOrder() {
    assertThat(ArchiveAeTitles.parseArchives("b=B,a=A,,")).isEqualTo(Map.of("b", "B", "a", "A"));
    assertThat(ArchiveAeTitles.parseArchives("b=B,a=A").keySet()).containsExactly("b", "a");
    assertThat(ArchiveAeTitles.parseCallingAeTitles("a=X|Y|X").get("a"))
        .containsExactly("X", "Y");
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "Research=RESEARCH => archives: \"Research=RESEARCH\" is not name=AET (a name of lowercase "
          + "letters, digits, - and _; an AE title)",
      "research => archives: \"research\" is not name=AET (a name of lowercase letters, digits, - "
          + "and _; an AE title)",
      "research=SEVENTEEN_CHARS_X => archives: \"research=SEVENTEEN_CHARS_X\" is not name=AET (a "
          + "name of lowercase letters, digits, - and _; an AE title)",
      "default=OTHER => archives: the archive default is not listed: aeTitle is its AE title",
      "a=A,a=B => archives: archive a is listed twice",
      "a=A,b=A => archives: AE title A is given to two archives",
      "a=TESSERA => archives: AE title TESSERA of archive a already selects archive default "
          + "(aeTitle)",
  })
  void badArchivesAreNamed(String archives, String message) {
    assertThatThrownBy(() -> ArchiveAeTitles.parse("TESSERA", archives, "", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "research => archiveCallingAeTitles: \"research\" is not archive=AET|AET... (an archive "
          + "name; one or more AE titles)",
      "research= => archiveCallingAeTitles: \"research=\" is not archive=AET|AET... (an archive "
          + "name; one or more AE titles)",
      "research=A\\B => archiveCallingAeTitles: \"research=A\\B\" is not archive=AET|AET... (an "
          + "archive name; one or more AE titles)",
      "research=A,research=B => archiveCallingAeTitles: archive research is listed twice",
      "teaching=A => archiveCallingAeTitles: \"teaching\" is not an archive (default, research)",
  })
  void badCallingAeTitlesAreNamed(String entries, String message) {
    assertThatThrownBy(() -> ArchiveAeTitles.parse("TESSERA", "research=RESEARCH", entries, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void optionsRefuseWhatTheyCannotServe() {
    assertThatThrownBy(() -> DimseOptions.DEFAULTS.withArchives("research=TESSERA"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already selects archive default");
    DimseOptions options = DimseOptions.DEFAULTS.withArchives("research=RESEARCH")
        .withArchiveCallingAeTitles("research=MODA");
    assertThat(options.archiveAeTitles().all()).extracting(ArchiveAe::aeTitle)
        .isEqualTo(List.of("TESSERA", "RESEARCH"));
  }
}
