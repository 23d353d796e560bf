package org.tessera.server.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of a tree of configuration records, found by reflection. A component whose type is
 * a record is a section named after the component; any other component is a key whose path
 * joins the component names with dots ({@code storage.staleTempAge}). Defaults are the
 * components of the root's defaults instance, followed down the tree.
 *
 * @param <T> the root record
 */
final class ConfigSchema<T extends Record> {

  /**
   * A settable value: a record component that is not itself a record.
   *
   * @param path the dotted key path
   * @param type the component type: one of {@link #VALUE_TYPES} or an enum
   * @param defaultValue the value when no source sets the key; never null
   * @param envName the environment variable that sets it: {@code TESSERA_} and the path in
   *     upper snake case
   */
  record Key(String path, Class<?> type, Object defaultValue, String envName) {

    /** The last segment of the path: the component name. */
    String name() {
      return path.substring(path.lastIndexOf('.') + 1);
    }
  }

  static final Set<Class<?>> VALUE_TYPES =
      Set.of(int.class, long.class, boolean.class, String.class, Path.class, Duration.class);

  private static final String ENV_PREFIX = "TESSERA";

  private final Class<T> rootType;
  private final T defaults;
  private final Map<String, Key> keys = new LinkedHashMap<>();
  /** Section path ("" for the root) to the names of its components, in declaration order. */
  private final Map<String, List<String>> sections = new LinkedHashMap<>();

  private ConfigSchema(Class<T> rootType, T defaults) {
    this.rootType = rootType;
    this.defaults = defaults;
    collect(rootType, "", defaults);
    Map<String, String> pathByEnvName = new HashMap<>();
    for (Key key : keys.values()) {
      String other = pathByEnvName.putIfAbsent(key.envName(), key.path());
      if (other != null) {
        throw new IllegalArgumentException(
            other + " and " + key.path() + " both map to " + key.envName());
      }
    }
  }

  /**
   * The schema of {@code rootType}.
   *
   * @throws IllegalArgumentException if a component has a type no source can spell, a null
   *     default, or two keys share an environment variable name
   */
  static <T extends Record> ConfigSchema<T> of(Class<T> rootType, T defaults) {
    return new ConfigSchema<>(rootType, defaults);
  }

  /** Every key, in declaration order (depth first). */
  Collection<Key> keys() {
    return keys.values();
  }

  Optional<Key> key(String path) {
    return Optional.ofNullable(keys.get(path));
  }

  /** True if {@code path} names a record component that is a record. */
  boolean isSection(String path) {
    return !path.isEmpty() && sections.containsKey(path);
  }

  /** The component names of a section, {@code ""} for the root. */
  List<String> children(String section) {
    return sections.getOrDefault(section, List.of());
  }

  /** Why {@code path} names neither a key nor a section, with the names that exist nearby. */
  String whyUnknown(String path) {
    String prefix = path;
    while (prefix.contains(".")) {
      prefix = prefix.substring(0, prefix.lastIndexOf('.'));
      if (keys.containsKey(prefix)) {
        return prefix + " is a value, not a section";
      }
      if (sections.containsKey(prefix)) {
        return "the keys of " + prefix + " are " + String.join(", ", sections.get(prefix));
      }
    }
    return "the top-level keys are " + String.join(", ", sections.get(""));
  }

  /**
   * The root record with {@code values} (by key path, each of its key's type) and defaults
   * elsewhere.
   *
   * @throws ConfigException if a record's constructor refuses the values, naming the section
   */
  T build(Map<String, ?> values) {
    return rootType.cast(construct(rootType, "", values, defaults));
  }

  /** Every key's value in {@code config}, in declaration order: the inverse of {@link #build}. */
  Map<String, Object> values(T config) {
    Map<String, Object> values = new LinkedHashMap<>();
    flatten(rootType, "", config, values);
    return values;
  }

  private void collect(Class<?> type, String prefix, Object defaultsOfType) {
    List<String> names = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      String path = join(prefix, component.getName());
      Class<?> componentType = component.getType();
      Object defaultValue = read(component, defaultsOfType);
      if (defaultValue == null) {
        throw new IllegalArgumentException(path + " has no default value");
      }
      names.add(component.getName());
      if (componentType.isRecord()) {
        collect(componentType, path, defaultValue);
      } else if (VALUE_TYPES.contains(componentType) || componentType.isEnum()) {
        keys.put(path, new Key(path, componentType, defaultValue, envName(path)));
      } else {
        throw new IllegalArgumentException(
            path + " has type " + componentType.getName() + ", which no configuration source can spell");
      }
    }
    sections.put(prefix, List.copyOf(names));
  }

  private Object construct(Class<?> type, String prefix, Map<String, ?> values, Object defaultsOfType) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      String path = join(prefix, component.getName());
      Object defaultValue = read(component, defaultsOfType);
      types[i] = component.getType();
      args[i] = types[i].isRecord()
          ? construct(types[i], path, values, defaultValue)
          : values.containsKey(path) ? values.get(path) : defaultValue;
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(args);
    } catch (InvocationTargetException e) {
      // the record's own validation: its message is all we know
      throw new ConfigException((prefix.isEmpty() ? "configuration" : prefix) + ": " + e.getCause().getMessage());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  private void flatten(Class<?> type, String prefix, Object record, Map<String, Object> values) {
    for (RecordComponent component : type.getRecordComponents()) {
      String path = join(prefix, component.getName());
      Object value = read(component, record);
      if (component.getType().isRecord()) {
        flatten(component.getType(), path, value, values);
      } else {
        values.put(path, value);
      }
    }
  }

  private static Object read(RecordComponent component, Object record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }

  private static String join(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  /** {@code dimse.aeTitle} to {@code TESSERA_DIMSE_AE_TITLE}. */
  static String envName(String path) {
    StringBuilder name = new StringBuilder(ENV_PREFIX);
    for (String segment : path.split("\\.")) {
      name.append('_');
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        if (i > 0 && Character.isUpperCase(c)
            && (Character.isLowerCase(segment.charAt(i - 1)) || Character.isDigit(segment.charAt(i - 1)))) {
          name.append('_');
        }
        name.append(Character.toUpperCase(c));
      }
    }
    return name.toString();
  }
}
