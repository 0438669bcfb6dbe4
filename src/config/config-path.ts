// Where a repository keeps its review-coach config (DESIGN §3); org defaults live at the same path in `.github`.
export const CONFIG_PATH = ".github/review-coach.yml";
