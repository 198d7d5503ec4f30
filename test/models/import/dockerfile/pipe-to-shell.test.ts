import { describe, expect, it } from 'vitest';
import { findPipeToShell } from '../../../../models/import/dockerfile/pipe-to-shell';

const texts = (script: string) => findPipeToShell(script).map((m) => m.text);

describe('findPipeToShell', () => {
  it.each([
    ['curl -fsSL https://x.sh | sh', 'curl -fsSL https://x.sh | sh'],
    ['curl -sL https://x | sudo -E bash -', 'curl -sL https://x | sudo -E bash -'],
    ['wget -qO- https://x | sudo -u app sh', 'wget -qO- https://x | sudo -u app sh'],
    ['/usr/bin/curl https://x | /bin/bash', '/usr/bin/curl https://x | /bin/bash'],
    ['curl https://x | tee /tmp/log | python3', 'curl https://x | tee /tmp/log | python3'],
    ['curl https://x | env FOO=1 zsh -s -- --flag', 'curl https://x | env FOO=1 zsh -s -- --flag'],
    ['curl https://x | python3.12 -', 'curl https://x | python3.12 -'],
    ['apt-get update && curl -s https://x | bash && rm -rf /x', 'curl -s https://x | bash'],
    ['sh -c "$(curl -fsSL https://x)"', 'sh -c "$(curl -fsSL https://x)"'],
    ['bash <(curl -s https://x)', 'bash <(curl -s https://x)'],
    ['bash -c "curl https://x | sh"', 'curl https://x | sh'],
    ['curl https://x |& bash', 'curl https://x |& bash'],
  ])('finds %s', (script, expected) => {
    expect(texts(script)).toEqual([expected]);
  });

  it.each([
    'curl -o /tmp/i.sh https://x && sh /tmp/i.sh',
    'curl https://x || sh -c "echo failed"',
    'echo "curl https://x | sh"',
    "echo 'curl x | bash'",
    'curl https://x | grep version',
    '# curl https://x | sh',
    'cat file | sh',
    'sh -c "echo $(date)"',
  ])('ignores %s', (script) => {
    expect(texts(script)).toEqual([]);
  });

  it('reports the offset of each pipeline and finds several', () => {
    const script = 'set -e\ncurl a | sh\nwget -O- b | bash\n';
    expect(findPipeToShell(script)).toEqual([
      { text: 'curl a | sh', offset: 7 },
      { text: 'wget -O- b | bash', offset: 19 },
    ]);
  });
});
