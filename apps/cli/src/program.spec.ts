import { captureIo } from './cli-io.testing';
import { runCli } from './program';

describe('runCli', () => {
  it('exits 1 with usage for an unknown command and 0 for --help', async () => {
    const bad = captureIo();
    expect(await runCli(['frobnicate'], bad)).toBe(1);
    expect(bad.err()).toContain("unknown command 'frobnicate'");
    const help = captureIo();
    expect(await runCli(['--help'], help)).toBe(0);
    expect(help.out()).toContain('spec');
    expect(help.out()).toContain('map');
  });
});
