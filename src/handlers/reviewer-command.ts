// Glue: `/review-coach off` and `/review-coach on` in a PR comment or review comment; confirmed with a 👍.
import type { Context } from "probot";
import { parseCoachCommand } from "../coaching/policy-command.js";
import { addReaction } from "../github/add-reaction.js";
import { survivableStatus } from "../github/github-error.js";
import { isBotActor } from "../ingest/normalize-delivery.js";
import { CommandPayload } from "../ingest/payload-schemas.js";
import type { Store } from "../store/open-store.js";
import { setOptOut } from "../store/opt-outs-repository.js";

export interface CommandDeps {
  store: Store;
}

/** Stores the reviewer's choice per installation and reacts +1. Returns the command, if the comment was one. */
export async function handleReviewerCommand(
  context: Context,
  deps: CommandDeps,
): Promise<"off" | "on" | undefined> {
  const parsed = CommandPayload.safeParse(context.payload);
  if (!parsed.success) return undefined;
  const { comment, repository, installation } = parsed.data;
  const command = parseCoachCommand(comment.body);
  if (!command || !comment.user || isBotActor(comment.user)) return undefined;

  const log = context.log.child({ delivery: context.id, comment: comment.id });
  await setOptOut(deps.store.db, {
    installationId: installation?.id ?? null,
    login: comment.user.login,
    optedOut: command === "off",
    commentId: comment.id,
    at: comment.created_at,
  });
  log.info({ reviewer: comment.user.login, command }, "coaching preference saved");
  try {
    await addReaction(
      context.octokit,
      {
        owner: repository.owner.login,
        repo: repository.name,
        commentId: comment.id,
        on: context.name === "issue_comment" ? "issue_comment" : "review_comment",
      },
      "+1",
    );
  } catch (error) {
    // The preference is saved either way; a missing permission or a deleted comment only costs the 👍.
    const status = survivableStatus(error);
    if (status === undefined) throw error;
    log.warn({ status }, "could not confirm the coaching command with a reaction");
  }
  return command;
}
