/**
 * The request context and the proxy-object base of the fake host. As in office-js: calls on
 * proxies only queue operations; context.sync() sends the queue, applies it in order and then
 * delivers loaded values; a property read before its load has been synced throws
 * PropertyNotLoaded synchronously.
 */
import { FakeOfficeError } from "./errors";

export interface OpInfo {
  /** e.g. "load", "set", "add", "delete", "bind", "call". */
  kind: string;
  /** The proxy path, e.g. "worksheets.getItemOrNullObject(Data).getRange(A1:B2)". */
  target: string;
  /** Property or method name, e.g. "values", "name", "merge". */
  member?: string;
}

export interface LoadResult {
  response: unknown;
  deliver(): void;
}

export interface Op {
  info: OpInfo;
  /** What goes over the wire: its JSON size is the request payload estimate. */
  request: unknown;
  /** May be async: inserting a package (insertWorksheetsFromBase64) parses it at sync. */
  run(): LoadResult | void | Promise<LoadResult | void>;
}

/** Implemented by the host: executes one batch. */
export interface SyncExecutor {
  executeSync(ops: Op[]): Promise<void>;
  supports(apiVersion: string): boolean;
}

export class FakeContextCore {
  private queue: Op[] = [];
  private closed = false;

  constructor(readonly executor: SyncExecutor) {}

  enqueue(op: Op): void {
    if (this.closed)
      throw new FakeOfficeError(
        "InvalidObjectPath",
        "The object path is not valid: the request context of this object has ended (used outside Excel.run).",
      );
    this.queue.push(op);
  }

  pending(): number {
    return this.queue.length;
  }

  close(): void {
    this.closed = true;
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    await this.executor.executeSync(ops);
  }

  /** Queues an operation that fails at sync when the host lacks the API set, as Excel does. */
  requireApi(version: string, target: string, member: string): void {
    if (this.executor.supports(version)) return;
    this.enqueue({
      info: { kind: "call", target, member },
      request: { call: member, on: target },
      run: () => {
        throw new FakeOfficeError(
          "ApiNotFound",
          `The API you are trying to use could not be found (${member}).`,
        );
      },
    });
  }
}

type Slot<T> = { bound: false } | { bound: true; value: T | null };

/**
 * Queues an operation that resolves an object at this point of the batch (getItem, add,
 * getUsedRange …) and returns a resolver for later operations. Resolution is by identity, as
 * Excel's object ids: a sheet renamed later in the batch is still the same object.
 */
export function bindOp<T>(ctx: FakeContextCore, info: OpInfo, compute: () => T | null): () => T | null {
  let slot: Slot<T> = { bound: false };
  ctx.enqueue({
    info: { ...info, kind: "bind" },
    request: { bind: info.member, on: info.target },
    run: () => {
      slot = { bound: true, value: compute() };
    },
  });
  return () => {
    if (!slot.bound)
      throw new FakeOfficeError("InvalidObjectPath", `The object path '${info.target}' is not valid.`);
    return slot.value;
  };
}

export type Loadable<T> = Record<string, (target: T) => unknown>;

export abstract class FakeClientObject<T> {
  private loaded = new Map<string, unknown>();
  private nullKnown: boolean | undefined;

  constructor(
    protected readonly ctx: FakeContextCore,
    readonly path: string,
    protected readonly resolve: () => T | null,
  ) {}

  protected abstract loadable(): Loadable<T>;

  /** Validity beyond null, e.g. a deleted sheet; throws when the object is gone. */
  protected check(_target: T): void {}

  /** The object at op time; using a null object or a deleted one fails the sync. */
  target(): T {
    const t = this.resolve();
    if (t === null)
      throw new FakeOfficeError(
        "ItemNotFound",
        `The requested resource doesn't exist (${this.path}).`,
        this.path,
      );
    this.check(t);
    return t;
  }

  get isNullObject(): boolean {
    if (this.nullKnown === undefined)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property 'isNullObject' is not available on ${this.path}. Call load() and context.sync() first.`,
      );
    return this.nullKnown;
  }

  load(propertyNames?: string | string[] | { select?: string }): this {
    const table = this.loadable();
    let names: string[];
    if (propertyNames === undefined) names = Object.keys(table);
    else if (typeof propertyNames === "string") names = propertyNames.split(",");
    else if (Array.isArray(propertyNames)) names = propertyNames;
    else names = (propertyNames.select ?? "").split(",");
    names = names.map((n) => n.trim()).filter((n) => n.length > 0);
    this.ctx.enqueue({
      info: { kind: "load", target: this.path, member: names.join(",") },
      request: { load: this.path, select: names },
      run: () => {
        if (this.resolve() === null)
          return { response: { isNull: true }, deliver: () => (this.nullKnown = true) };
        const t = this.target();
        const snapshot: Record<string, unknown> = {};
        for (const name of names) {
          const get = table[name];
          if (!get)
            throw new FakeOfficeError(
              "InvalidArgument",
              `Property '${name}' does not exist on ${this.path}.`,
            );
          snapshot[name] = get(t);
        }
        return {
          response: snapshot,
          deliver: () => this.acceptLoaded(snapshot),
        };
      },
    });
    return this;
  }

  /** Delivers values loaded on this object's behalf (a collection load fills its items). */
  acceptLoaded(data: Record<string, unknown>): void {
    this.nullKnown = false;
    for (const [k, v] of Object.entries(data)) this.loaded.set(k, v);
  }

  protected read<V>(name: string): V {
    if (!this.loaded.has(name))
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property '${name}' is not available on ${this.path}. Before reading the property's value, ` +
          `call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    return this.loaded.get(name) as V;
  }

  /** Queues a property write; validation happens at sync, as in Excel. */
  protected write(member: string, value: unknown, apply: (target: T) => void): void {
    this.ctx.enqueue({
      info: { kind: "set", target: this.path, member },
      request: { set: member, on: this.path, value },
      run: () => {
        apply(this.target());
      },
    });
  }

  protected call(member: string, args: unknown[], apply: (target: T) => void): void {
    this.ctx.enqueue({
      info: { kind: "call", target: this.path, member },
      request: { call: member, on: this.path, args },
      run: () => {
        apply(this.target());
      },
    });
  }
}

export class FakeClientResult<V> {
  private has = false;
  private v: V | undefined;

  set(value: V): void {
    this.v = value;
    this.has = true;
  }

  get value(): V {
    if (!this.has)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        "The value of the result object has not been loaded yet. Call context.sync() first.",
      );
    return this.v as V;
  }
}
