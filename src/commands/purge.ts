// `review-coach purge --installation ID [--dry-run]`: deletes everything the store holds of one installation
// (README, Security), or with --dry-run says what that would be.
import type { Store } from "../store/open-store.js";
import { purgeInstallation } from "../store/retention-repository.js";
import type { CommandIo } from "./io.js";

export async function purgeCommand(
  store: Store,
  opts: { installation: string; dryRun?: boolean },
  io: CommandIo,
): Promise<number> {
  const id = Number(opts.installation);
  if (!Number.isSafeInteger(id) || id <= 0) {
    io.err(
      `review-coach purge: --installation must be a positive integer, got ${JSON.stringify(opts.installation)}`,
    );
    return 2;
  }
  const counts = await purgeInstallation(store.db, id, { dryRun: opts.dryRun ?? false });
  const rows = Object.entries(counts).filter(([, n]) => n > 0);
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  io.out(`${opts.dryRun ? "would delete" : "deleted"} ${total} row(s) of installation ${id}`);
  for (const [table, n] of rows) io.out(`  ${table}: ${n}`);
  return 0;
}
