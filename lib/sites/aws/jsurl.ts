/**
 * Parser for JSURL, the compact JSON-in-URL notation the CloudWatch console uses in its hash
 * routes (`~(end~0~start~-3600~timeType~'RELATIVE~source~(~'*2faws*2fecs*2fcheckout))`).
 * `*XX` / `**XXXX` are hex escapes and `!` stands for `$`.
 */
export function parseJsurl(input: string): unknown {
  const s = input;
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`Bad JSURL at ${i}: ${what}`);
  };
  const decode = (raw: string) =>
    raw.replace(/\*\*([0-9a-fA-F]{4})|\*([0-9a-fA-F]{2})|!/g, (m, u: string | undefined, h: string | undefined) =>
      u ? String.fromCharCode(parseInt(u, 16)) : h ? String.fromCharCode(parseInt(h, 16)) : '$',
    );
  const token = () => {
    const start = i;
    while (i < s.length && s[i] !== '~' && s[i] !== ')') i++;
    return decode(s.slice(start, i));
  };
  const expect = (ch: string) => {
    if (s[i] !== ch) fail(`expected ${ch}`);
    i++;
  };
  const value = (): unknown => {
    expect('~');
    if (s[i] === '(') {
      i++;
      if (s[i] === '~') {
        const arr: unknown[] = [];
        while (s[i] === '~') arr.push(value());
        expect(')');
        return arr;
      }
      const obj: Record<string, unknown> = {};
      while (s[i] !== ')') {
        if (i >= s.length) fail('unterminated object');
        const key = token();
        obj[key] = value();
        if (s[i] === '~') i++;
      }
      expect(')');
      return obj;
    }
    if (s[i] === "'") {
      i++;
      return token();
    }
    const t = token();
    if (t === 'true') return true;
    if (t === 'false') return false;
    if (t === 'null') return null;
    const n = Number(t);
    return Number.isNaN(n) ? fail(`unknown token ${t}`) : n;
  };
  return value();
}
