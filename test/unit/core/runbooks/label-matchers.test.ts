import { describe, expect, it } from 'vitest';
import { goRegex } from '../../../../electron/core/runbooks/go-regex.js';
import {
  equalityMatcher,
  parseMatcher,
  parseMatcherList,
} from '../../../../electron/core/runbooks/label-matchers.js';

const labels = { alertname: 'KubePodCrashLooping', severity: 'critical', namespace: 'shop' };

describe('Alertmanager matchers', () => {
  it('supports =, !=, =~ and !~, quoted or not', () => {
    expect(parseMatcher('alertname="KubePodCrashLooping"').test(labels)).toBe(true);
    expect(parseMatcher('alertname = KubePodCrashLooping').test(labels)).toBe(true);
    expect(parseMatcher('severity!="warning"').test(labels)).toBe(true);
    expect(parseMatcher('alertname=~"KubePod(NotReady|CrashLooping)"').test(labels)).toBe(true);
    expect(parseMatcher('namespace!~"kube-.*"').test(labels)).toBe(true);
    expect(parseMatcher('namespace!~"sh.*"').test(labels)).toBe(false);
  });

  it('anchors regexes at both ends, as Alertmanager does', () => {
    expect(parseMatcher('alertname=~"KubePod"').test(labels)).toBe(false);
    expect(parseMatcher('alertname=~"Crash"').test(labels)).toBe(false);
    expect(parseMatcher('alertname=~"a|KubePodCrashLooping"').test(labels)).toBe(true);
  });

  it('reads a missing label as empty', () => {
    expect(parseMatcher('team=""').test(labels)).toBe(true);
    expect(parseMatcher('team!=""').test(labels)).toBe(false);
    expect(parseMatcher('team=~".*"').test(labels)).toBe(true);
    expect(parseMatcher('team=~".+"').test(labels)).toBe(false);
  });

  it('unescapes \\", \\\\ and \\n and keeps other backslashes', () => {
    expect(parseMatcher('a="say \\"hi\\""').value).toBe('say "hi"');
    expect(parseMatcher('a="x\\\\y\\nz\\d"').value).toBe('x\\y\nz\\d');
    expect(parseMatcher('a=~"\\d+"').test({ a: '42' })).toBe(true);
  });

  it('refuses malformed matchers with the text in the message', () => {
    expect(() => parseMatcher('alertname')).toThrow(/not a matcher: "alertname"/);
    expect(() => parseMatcher('1abc="x"')).toThrow(/not a matcher/);
    expect(() => parseMatcher('a="x"y"')).toThrow(/unescaped double quote/);
    expect(() => parseMatcher('a="open')).toThrow(/no closing double quote/);
    expect(() => parseMatcher('a=~"(unclosed"')).toThrow(
      /in matcher a=~"\(unclosed": not a valid regular expression/,
    );
  });

  it('reads amtool-style lists, with commas inside quotes', () => {
    const list = parseMatcherList('{alertname="A", team=~"x,y|sre", severity!="info"}');
    expect(list.map((m) => m.text)).toEqual([
      'alertname="A"',
      'team=~"x,y|sre"',
      'severity!="info"',
    ]);
    expect(parseMatcherList(['a="1"', 'b="2"'])).toHaveLength(2);
    expect(() => parseMatcherList([])).toThrow(/at least one/);
  });

  it('writes equality matchers that parse back to the exact value', () => {
    for (const value of ['plain', 'with "quotes"', 'back\\slash', 'two\nlines']) {
      expect(parseMatcher(equalityMatcher('a', value)).value).toBe(value);
    }
  });
});

describe('goRegex', () => {
  it('turns a leading (?i) into a flag and Go-only syntax into JavaScript', () => {
    expect(goRegex('(?i)token=\\S+', { anchored: false }).test('TOKEN=abc')).toBe(true);
    expect(goRegex('(?P<n>a+)\\z', { anchored: false }).exec('baa')?.groups?.n).toBe('aa');
    expect(goRegex('\\Aab', { anchored: false }).test('cab')).toBe(false);
  });

  it('refuses what JavaScript would read differently', () => {
    expect(() => goRegex('a(?i)b', { anchored: true })).toThrow(/only at the very start/);
    expect(() => goRegex('[[:alpha:]]+', { anchored: true })).toThrow(/POSIX classes/);
    expect(() => goRegex('\\pL', { anchored: true })).toThrow(/\\p is not supported/);
  });
});
