import { describe, expect, it } from 'vitest';
import { decodeText, element, leaves } from './xml.js';

describe('xml reader', () => {
  it('finds elements by local name regardless of namespace prefix and attributes', () => {
    const xml = '<q:Root xmlns:q="x"><q:Session a="1"><q:Key>k1</q:Key><Error/></q:Session></q:Root>';
    const inner = element(xml, 'Session');
    expect(inner).not.toBeNull();
    const f = leaves(inner ?? '');
    expect(f.get('key')).toBe('k1');
    expect(f.get('error')).toBe('');
    expect(element(xml, 'Missing')).toBeNull();
  });

  it('decodes only predefined entities and character references', () => {
    expect(decodeText('A &amp; B &lt;x&gt; &#233;&#x41; &custom; &#0;')).toBe('A & B <x> éA &custom; &#0;');
    expect(decodeText('<![CDATA[a < b & c]]>')).toBe('a < b & c');
  });

  it('ignores a DOCTYPE with entity declarations (no expansion)', () => {
    const xml = '<!DOCTYPE r [<!ENTITY boom "BOOM">]><r><name>&boom;</name></r>';
    expect(leaves(element(xml, 'r') ?? '').get('name')).toBe('&boom;');
  });
});
