// Writes a list of keys and indexes the way a user reads a YAML path: `review_windows.windows[0]`.

/** Keys longer than this are cut: paths are echoed into messages, and a key is user input. */
const maxKeyLength = 60;

const plainKey = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export const formatYamlPath = (keys: readonly (string | number)[]): string =>
  keys
    .map((key, index) => {
      if (typeof key === "number") return `[${key}]`;
      if (plainKey.test(key) && key.length <= maxKeyLength) return index === 0 ? key : `.${key}`;
      const shown = key.length > maxKeyLength ? `${key.slice(0, maxKeyLength)}…` : key;
      return `[${JSON.stringify(shown)}]`;
    })
    .join("");
