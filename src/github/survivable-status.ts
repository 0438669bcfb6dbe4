// Kept for imports in work in progress (#18); the classifier is github-error.ts (docs/architecture.md, "Store and jobs").
export { survivableStatus } from "./github-error.js";
