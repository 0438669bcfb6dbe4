// The migrations per store, imported statically so the built app needs no migration folder at run time.
import type { Migration } from "kysely";
import { initialMigration } from "./initial.js";

export function migrationsFor(dialect: "sqlite" | "postgres"): Record<string, Migration> {
  return { "2026-12-03T2000-initial": initialMigration(dialect) };
}
