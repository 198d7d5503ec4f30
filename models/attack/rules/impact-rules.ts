import type { AttackRule } from './rule';

/** Steps whose outcome is the damage itself (attack-trees.md §4.2 R30). */
export const IMPACT_RULES: AttackRule[] = [
  {
    id: 'R30',
    title: 'No resource limits: hijack resources or starve the node',
    description:
      "Without memory, CPU and PID limits a compromised container runs a cryptominer at the node's full capacity, " +
      'or exhausts memory or PIDs (a fork bomb) so that the node and every workload on it stop responding. Limits ' +
      'cap what one container can take.',
    stage: 'impact',
    startsFrom: 'inside',
    yields: 'resource-abuse',
    attack: { techniques: ['T1496.001', 'T1499'], microsoft: ['MS-TA9039', 'MS-TA9040'] },
    cves: [],
    requires: { condition: 'no-resource-limits' },
    blockedBy: [
      {
        mitigation: 'resource-limits',
        note: 'memory, CPU and PID limits; hijacking within the limit remains possible',
      },
    ],
    partiallyBlockedBy: [],
    ineffective: [],
    defaults: { cost: 0.1, time: 0.5, skill: 1, probability: 0.95 },
    sources: [
      'OWASP/CheatSheetSeries cheatsheets/Docker_Security_Cheat_Sheet.md rule #7',
      'microsoft/Threat-Matrix-for-Kubernetes MS-TA9039, MS-TA9040 (MS-M9029)',
      'attack-trees.md §4.2 R30',
    ],
    origin: 'reference',
  },
];
