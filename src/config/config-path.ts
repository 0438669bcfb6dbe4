// Where a repository keeps its review-coach config (docs/architecture.md, "Configuration"); org defaults live at the same path in `.github`.
export const CONFIG_PATH = ".github/review-coach.yml";
