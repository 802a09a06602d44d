import { describe, expect, it } from 'vitest';
import { GraphError } from './errors.js';
import { parseFilter, type FilterSpec } from './odata-filter.js';

const spec: FilterSpec = { resource: 'Application', properties: { appId: ['eq'], displayName: ['eq', 'startswith'] } };

function refusal(text: string): GraphError {
  try {
    parseFilter(text, spec);
  } catch (err) {
    if (err instanceof GraphError) return err;
    throw err;
  }
  throw new Error(`expected '${text}' to be refused`);
}

describe('parseFilter', () => {
  it('reads eq and startswith clauses joined by and, in any keyword or property case', () => {
    expect(parseFilter("appId eq 'abc'", spec)).toEqual([{ property: 'appId', op: 'eq', value: 'abc' }]);
    expect(parseFilter("  startsWith( displayname , 'My' )  AND appid EQ 'x' ", spec)).toEqual([
      { property: 'displayName', op: 'startswith', value: 'My' },
      { property: 'appId', op: 'eq', value: 'x' },
    ]);
    expect(parseFilter("(displayName eq 'a') and (startswith(displayName,'a'))", spec)).toHaveLength(2);
  });

  it('compares boolean properties with the literals true and false only', () => {
    const users: FilterSpec = { resource: 'User', properties: { accountEnabled: ['eq'], displayName: ['eq'] }, booleans: ['accountEnabled'] };
    expect(parseFilter('accountEnabled eq FALSE', users)).toEqual([{ property: 'accountEnabled', op: 'eq', value: 'false' }]);
    expect(parseFilter("accountEnabled eq true and displayName eq 'x'", users)).toHaveLength(2);
    expect(() => parseFilter("accountEnabled eq 'true'", users)).toThrow(/accountEnabled/);
    expect(() => parseFilter('displayName eq true', users)).toThrow(/displayName/);
  });

  it('unescapes doubled quotes and keeps everything else literal', () => {
    expect(parseFilter("displayName eq 'O''Brien'", spec)[0]!.value).toBe("O'Brien");
    expect(parseFilter("displayName eq ''''", spec)[0]!.value).toBe("'");
    expect(parseFilter("displayName eq '%_\\ and or ()'", spec)[0]!.value).toBe('%_\\ and or ()');
    expect(parseFilter("displayName eq ''", spec)[0]!.value).toBe('');
  });

  it("refuses unknown properties and operators with Graph's wording", () => {
    expect(refusal("notes eq 'x'")).toMatchObject({ status: 400, code: 'Request_UnsupportedQuery',
      message: "Unsupported or invalid query filter clause specified for property 'notes' of resource 'Application'." });
    expect(refusal("startswith(appId,'x')").message).toContain("property 'appId'");
    expect(refusal("displayName ne 'x'").message).toBe("Unsupported property filter clause operator 'NotEqualsMatch'.");
    expect(refusal("endswith(displayName,'x')").message).toBe("Unsupported property filter clause operator 'EndsWith'.");
    expect(refusal("contains(displayName,'x')").message).toBe("Unsupported property filter clause operator 'Contains'.");
    expect(refusal("appId eq 'a' or appId eq 'b'").code).toBe('Request_UnsupportedQuery');
    expect(refusal("not(appId eq 'a')").code).toBe('Request_UnsupportedQuery');
    expect(refusal("appId eq 'a' and appId eq 'b'").code).toBe('Request_UnsupportedQuery');
    expect(refusal('appId eq 5').code).toBe('Request_UnsupportedQuery');
    expect(refusal('appId eq null').code).toBe('Request_UnsupportedQuery');
  });

  it('refuses malformed expressions as invalid filter clauses', () => {
    for (const text of ['', "displayName eq 'open", "displayName eq 'a' 'b'", 'displayName eq', "(displayName eq 'a'",
      "displayName lol 'a'", "startswith(displayName 'a')", "displayName eq 'a' and", ')', "displayName eq 'a')"]) {
      const err = refusal(text);
      expect(err.status).toBe(400);
      expect(err.code).toMatch(/^(BadRequest|Request_UnsupportedQuery)$/);
    }
    expect(refusal("displayName eq 'open").message).toMatch(/^Invalid filter clause/);
  });
});
