// Calls the live service through types generated from openapi.yaml (openapi-typescript) and openapi-fetch: a list
// walked page by page through links.next, one figure with its closed qualifier and kind types, and one 404.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

type Observation = components["schemas"]["Observation"];
type Qualifier = Observation["qualifier"];

// The negative compile check: 'bogus' is no qualifier. While the document said `qualifier: string` this line compiled,
// so the directive below was itself an error ("unused @ts-expect-error"); with the enum it is the expected error.
// @ts-expect-error 'bogus' is not one of the seven qualifiers
const bogus: Qualifier = "bogus";
const qualifiers: Qualifier[] = ["exact", "approximately", "more-than", "at-least", "nearly", "less-than", "at-most"];
void bogus;

declare const process: { env: Record<string, string | undefined>; exit(code: number): never };
const fail = (what: string): never => {
  console.error(`FAILED: ${what}`);
  process.exit(1);
};

// The lists also answer text/csv: this client reads JSON and problem+json.
const client = createClient<paths, "application/json" | "application/problem+json">({ baseUrl: process.env["BASE"] ?? fail("BASE is not set") });

const seen: string[] = [];
let cursor: string | undefined;
let total = -1;
do {
  const { data, error } = await client.GET("/v1/observations", { params: { query: { pageSize: 5, cursor } } });
  if (error || !data) fail(`a page: ${JSON.stringify(error)}`);
  const release: string = data!.release;
  if (release.length === 0) fail("the page names its release");
  total = data!.total;
  for (const item of data!.items) {
    if (!qualifiers.includes(item.qualifier)) fail(`qualifier ${item.qualifier}`);
    seen.push(item.id);
  }
  const next = data!.links.next;
  cursor = next === null ? undefined : new URL(next).searchParams.get("cursor") ?? fail("links.next has no cursor");
} while (cursor !== undefined);
if (seen.length !== total || new Set(seen).size !== seen.length) fail(`walked ${seen.length} of ${total}`);
console.log(`openapi-fetch client: walked ${seen.length} figures in pages of 5 (total ${total})`);

const one = await client.GET("/v1/observations/{id}", { params: { path: { id: "china-gdp-2023-cny" } } });
const figure: Observation = one.data ?? fail(`one figure: ${one.response.status}`);
const qualifier: Qualifier = figure.qualifier;
const kind: "actual" | "target" | "plan" | "capacity" | "in-progress" | "derived" = figure.kind;
if (qualifier !== "more-than" || kind !== "actual" || figure.value !== 126) fail(`${qualifier} ${kind} ${figure.value}`);
if (figure.bounds.lower !== 126 || figure.bounds.lowerInclusive !== false || figure.bounds.upper !== null) fail("bounds");
console.log(`openapi-fetch client: ${figure.id} is ${qualifier} ${figure.value} ${figure.unit.label} (${kind})`);

const missing = await client.GET("/v1/observations/{id}", { params: { path: { id: "no-such-figure" } } });
if (missing.response.status !== 404 || missing.data !== undefined || missing.error?.status !== 404) fail(`404: ${missing.response.status}`);
console.log(`openapi-fetch client: no-such-figure is a ${missing.response.status} problem: ${missing.error?.detail}`);
