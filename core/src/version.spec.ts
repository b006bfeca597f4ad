import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_VERSION } from './version';

describe('CORE_VERSION', () => {
  it("is the version in core's package.json (modules are checked against it)", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    expect(CORE_VERSION).toBe(pkg.version);
  });
});
