// PostgreSQL's text and jsonb cannot hold U+0000, which GitHub may send inside a comment (as "\u0000" in JSON): it
// is stored as U+FFFD there, so the delivery is kept rather than refused on every redelivery (README, Security).
// SQLite stores the character as it is.
import {
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from "kysely";

const NUL = "\u0000";
const REPLACEMENT = "\uFFFD";

/** The value with U+0000 replaced in every string it holds (keys included). */
export function withoutNul(value: unknown): unknown {
  if (typeof value === "string") return value.includes(NUL) ? value.replaceAll(NUL, REPLACEMENT) : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, withoutNul(key) as string, {
        value: withoutNul(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** Parameters are strings (texts, JSON text) or other values, which are left as they are. */
const stringWithoutNul = (value: unknown): unknown =>
  typeof value === "string" && value.includes(NUL) ? value.replaceAll(NUL, REPLACEMENT) : value;

class NulTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const value = stringWithoutNul(node.value);
    return super.transformValue(value === node.value ? node : { ...node, value });
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return super.transformPrimitiveValueList({ ...node, values: node.values.map(stringWithoutNul) });
  }
}

/** Replaces U+0000 in every string parameter a query sends (the PostgreSQL store's plugin). */
export class WithoutNulPlugin implements KyselyPlugin {
  readonly #transformer = new NulTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
