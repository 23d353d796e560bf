package org.tessera.server.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How each key type is spelled in every source (YAML scalars, environment variables and flags
 * alike, so a value means the same wherever it is written): decimal integers, {@code true} or
 * {@code false}, paths, durations with a unit ({@code 500ms 30s 5m 2h 1d}, or {@code 0}) and
 * enum constants by name in any case.
 */
final class ValueSyntax {

  /** Largest unit first, so {@link #format} picks the shortest exact spelling. */
  private static final List<DurationUnit> DURATION_UNITS = List.of(
      new DurationUnit("d", ChronoUnit.DAYS),
      new DurationUnit("h", ChronoUnit.HOURS),
      new DurationUnit("m", ChronoUnit.MINUTES),
      new DurationUnit("s", ChronoUnit.SECONDS),
      new DurationUnit("ms", ChronoUnit.MILLIS));

  private static final Pattern DURATION = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

  private record DurationUnit(String suffix, ChronoUnit unit) {
  }

  private ValueSyntax() {
  }

  /** The value {@code text} spells, or empty if it is not one of {@code type}. */
  static Optional<Object> parse(Class<?> type, String text) {
    try {
      if (type == String.class) {
        return Optional.of(text);
      } else if (type == int.class) {
        return Optional.of(Integer.parseInt(text));
      } else if (type == long.class) {
        return Optional.of(Long.parseLong(text));
      } else if (type == boolean.class) {
        return parseBoolean(text);
      } else if (type == Path.class) {
        return text.isBlank() ? Optional.empty() : Optional.of(Path.of(text));
      } else if (type == Duration.class) {
        return parseDuration(text);
      } else if (type.isEnum()) {
        return Arrays.stream(type.getEnumConstants())
            .filter(constant -> ((Enum<?>) constant).name().equalsIgnoreCase(text))
            .<Object>map(constant -> constant)
            .findFirst();
      }
    } catch (NumberFormatException | InvalidPathException | ArithmeticException e) {
      return Optional.empty();
    }
    throw new IllegalArgumentException("no syntax for " + type.getName());
  }

  /** What {@link #parse} accepts for {@code type}, to complete "... is not ". */
  static String expected(Class<?> type) {
    if (type == int.class || type == long.class) {
      return "a whole number";
    } else if (type == boolean.class) {
      return "a boolean (true or false)";
    } else if (type == Path.class) {
      return "a path";
    } else if (type == Duration.class) {
      return "a duration such as 0, 500ms, 30s, 5m, 2h or 1d";
    } else if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants())
          .map(ValueSyntax::format)
          .collect(Collectors.joining(", "));
    }
    return "text";
  }

  /** The spelling {@link #parse} reads back as {@code value}; durations in their largest exact unit. */
  static String format(Object value) {
    if (value instanceof Duration duration) {
      return formatDuration(duration);
    } else if (value instanceof Enum<?> constant) {
      return constant.name().toLowerCase(Locale.ROOT);
    }
    return String.valueOf(value);
  }

  private static Optional<Object> parseBoolean(String text) {
    if (text.equalsIgnoreCase("true")) {
      return Optional.of(Boolean.TRUE);
    } else if (text.equalsIgnoreCase("false")) {
      return Optional.of(Boolean.FALSE);
    }
    return Optional.empty();
  }

  private static Optional<Object> parseDuration(String text) {
    if (text.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(matcher.group(1));
    ChronoUnit unit = DURATION_UNITS.stream()
        .filter(candidate -> candidate.suffix().equals(matcher.group(2)))
        .findFirst().orElseThrow().unit();
    return Optional.of(unit.getDuration().multipliedBy(amount));
  }

  private static String formatDuration(Duration duration) {
    if (duration.isZero()) {
      return "0";
    }
    for (DurationUnit unit : DURATION_UNITS) {
      Duration one = unit.unit().getDuration();
      boolean exact = one.getSeconds() == 0
          ? duration.getNano() % one.getNano() == 0
          : duration.getNano() == 0 && duration.getSeconds() % one.getSeconds() == 0;
      if (exact) {
        return duration.dividedBy(one) + unit.suffix();
      }
    }
    // finer than a millisecond: no spelling reads it back, but the value is still shown
    return duration.toString();
  }
}
