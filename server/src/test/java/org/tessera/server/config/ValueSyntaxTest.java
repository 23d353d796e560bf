package org.tessera.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessera.archive.ingest.DuplicatePolicy;
import org.tessera.archive.model.Visibility;

class ValueSyntaxTest {

  @Test
  void everyTypeParses() {
    assertThat(ValueSyntax.parse(int.class, "-42")).contains(-42);
    assertThat(ValueSyntax.parse(long.class, "9000000000")).contains(9_000_000_000L);
    assertThat(ValueSyntax.parse(boolean.class, "true")).contains(true);
    assertThat(ValueSyntax.parse(boolean.class, "False")).contains(false);
    assertThat(ValueSyntax.parse(String.class, " as is ")).contains(" as is ");
    assertThat(ValueSyntax.parse(String.class, "")).contains("");
    assertThat(ValueSyntax.parse(Path.class, "a/b")).contains(Path.of("a/b"));
    assertThat(ValueSyntax.parse(Duration.class, "0")).contains(Duration.ZERO);
    assertThat(ValueSyntax.parse(Duration.class, "250ms")).contains(Duration.ofMillis(250));
    assertThat(ValueSyntax.parse(Duration.class, "7d")).contains(Duration.ofDays(7));
    assertThat(ValueSyntax.parse(DuplicatePolicy.class, "replace")).contains(DuplicatePolicy.REPLACE);
    assertThat(ValueSyntax.parse(Visibility.class, "PUBLIC")).contains(Visibility.PUBLIC);
  }

  @Test
  void wrongTextParsesToNothing() {
    assertThat(ValueSyntax.parse(int.class, "1.0")).isEmpty();
    assertThat(ValueSyntax.parse(int.class, "2147483648")).isEmpty();
    assertThat(ValueSyntax.parse(long.class, "0x10")).isEmpty();
    assertThat(ValueSyntax.parse(boolean.class, "yes")).isEmpty();
    assertThat(ValueSyntax.parse(Path.class, " ")).isEmpty();
    assertThat(ValueSyntax.parse(Path.class, "a\0b")).isEmpty();
    assertThat(ValueSyntax.parse(Duration.class, "1D")).isEmpty();
    assertThat(ValueSyntax.parse(Visibility.class, "hidden")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1ms", "999ms", "1s", "61s", "1m", "90m", "1h", "25h", "1d", "400d"})
  void durationsFormatInTheLargestExactUnitAndReadBack(String text) {
    Duration duration = (Duration) ValueSyntax.parse(Duration.class, text).orElseThrow();

    assertThat(ValueSyntax.format(duration)).isEqualTo(text);
  }

  @Test
  void formatSpellsWhatParseReads() {
    assertThat(ValueSyntax.format(Duration.ofSeconds(120))).isEqualTo("2m");
    assertThat(ValueSyntax.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(ValueSyntax.format(Duration.ofNanos(1))).isEqualTo("PT0.000000001S");
    assertThat(ValueSyntax.format(Visibility.RESTRICTED)).isEqualTo("restricted");
    assertThat(ValueSyntax.format(Path.of("a/b"))).isEqualTo("a/b");
    assertThat(ValueSyntax.format(8080)).isEqualTo("8080");
  }

  @Test
  void expectedNamesTheFormat() {
    assertThat(ValueSyntax.expected(long.class)).isEqualTo("a whole number");
    assertThat(ValueSyntax.expected(boolean.class)).isEqualTo("a boolean (true or false)");
    assertThat(ValueSyntax.expected(DuplicatePolicy.class)).isEqualTo("one of replace, reject");
  }
}
