// Runs Electronegativity over the desktop app's sources and fails (exit 1) on any finding of
// MEDIUM severity or higher that the reviewed allowlist does not cover. The tool's own CLI always
// exits 0, hence this wrapper. Usage: node scripts/electronegativity.mjs [--json]
/* global console, process */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const INPUTS = ['electron', 'renderer/index.html', 'package.json'];
const ALLOWLIST = join(ROOT, 'build', 'electronegativity-allowlist.json');
/** severity.value: 0 informational, 1 low, 2 medium, 3 high. */
const FAIL_AT = 2;

/**
 * Scans the inputs in one run, so the global checks (navigation limits, permission handler, CSP)
 * see the main process and the page together: they are copied into a temporary folder that keeps
 * their repository paths. Returns the findings with repository-relative file paths.
 */
export async function scan() {
  // Loaded on demand: the package and its parsers take seconds to load.
  const electronegativity = (await import('@doyensec/electronegativity')).default;
  const run = electronegativity.default ?? electronegativity;
  const missing = INPUTS.filter((input) => !existsSync(resolve(ROOT, input)));
  const staging = mkdtempSync(join(tmpdir(), 'rampart-electronegativity-'));
  try {
    for (const input of INPUTS.filter((i) => !missing.includes(i))) {
      cpSync(resolve(ROOT, input), join(staging, input), { recursive: true });
    }
    // The tool logs progress through console.log; keep the output to the verdict.
    const log = console.log;
    console.log = () => {};
    let result;
    try {
      // The security-fix check fetches Electron releases from the network: excluded offline.
      result = await run(
        { input: staging, isRelative: true, excludeFromScan: ['availablesecurityfixesglobalcheck'] },
        false,
      );
    } finally {
      console.log = log;
    }
    const findings = result.issues.map((issue) => ({
      id: issue.id,
      severity: issue.severity.name,
      severityValue: issue.severity.value,
      file: String(issue.file).split('\\').join('/'),
      line: issue.location?.line,
      description: issue.description,
    }));
    return { findings, missing };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export function loadAllowlist() {
  const entries = JSON.parse(readFileSync(ALLOWLIST, 'utf8'));
  for (const entry of entries) {
    if (typeof entry.id !== 'string' || typeof entry.file !== 'string' || !entry.reason?.trim())
      throw new Error(`allowlist entry needs id, file and reason: ${JSON.stringify(entry)}`);
  }
  return entries;
}

export function verdict(findings, allowlist) {
  const allowed = (f) => allowlist.some((a) => a.id === f.id && a.file === f.file);
  const failures = findings.filter((f) => f.severityValue >= FAIL_AT && !allowed(f));
  const unused = allowlist.filter((a) => !findings.some((f) => f.id === a.id && f.file === a.file));
  return { failures, unused };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { findings, missing } = await scan();
  const { failures, unused } = verdict(findings, loadAllowlist());
  if (process.argv.includes('--json'))
    console.log(JSON.stringify({ findings, failures, unused, missing }, null, 2));
  for (const input of missing) console.warn(`electronegativity: ${input} does not exist yet; not scanned`);
  for (const entry of unused)
    console.warn(`electronegativity: allowlist entry no longer needed: ${entry.id} ${entry.file}`);
  for (const f of failures)
    console.error(`${f.severity} ${f.id} ${f.file}:${f.line ?? '?'} ${f.description}`);
  console.log(
    `electronegativity: ${findings.length} findings, ${failures.length} at MEDIUM or above not allowlisted`,
  );
  process.exit(failures.length === 0 ? 0 : 1);
}
