// Decides from who wrote a comment whether it can be review feedback at all (the PR author and bots are not: docs/architecture.md, "The rubric").
import type { CommentContext, CommentInput, Signal } from "./assessment.js";

export function authorExclusion(comment: CommentInput, context: CommentContext): Signal | undefined {
  const author = comment.author?.trim();
  if (comment.authorIsBot === true || (author !== undefined && /\[bot\]$/i.test(author))) {
    return { name: "bot-author", kind: "not-feedback", span: author ?? "bot" };
  }
  if (!author) return undefined;
  const login = author.toLowerCase();
  // Logins compare case-insensitively, as GitHub does.
  if (context.ignoreUsers?.some((user) => user.toLowerCase() === login)) {
    return { name: "ignored-user", kind: "not-feedback", span: author };
  }
  if (context.prAuthor && context.prAuthor.toLowerCase() === login) {
    return { name: "pr-author", kind: "not-feedback", span: author };
  }
  return undefined;
}
