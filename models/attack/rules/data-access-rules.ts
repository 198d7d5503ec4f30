import type { AttackRule } from './rule';

/** How an attacker reaches a data store's contents through a client it already controls
 * (Rampart's own analysis; the reference's R23/R24 cover the credentials and the wire). */
export const DATA_ACCESS_RULES: AttackRule[] = [
  {
    id: 'R37',
    title: 'A compromised client uses its own connection to the data store',
    description:
      'A service that talks to a data store holds what it needs to do so: the address, the credentials in its ' +
      'environment or secret files, and a network path that every policy allows. Code execution in that service ' +
      'therefore reads and changes whatever its database account may, without any exploit. Only narrow accounts ' +
      '(least privilege per service) and short-lived credentials limit the damage; TLS protects the wire, not a ' +
      'compromised endpoint.',
    stage: 'collection',
    startsFrom: 'inside',
    yields: 'data',
    attack: { techniques: ['T1078', 'T1213'], microsoft: ['MS-TA9034'] },
    cves: [],
    requires: { all: [] },
    blockedBy: [],
    partiallyBlockedBy: [
      {
        mitigation: 'secrets-manager',
        note: 'short-lived credentials issued per service, scoped to what the service needs, narrow what a stolen connection can do',
      },
    ],
    ineffective: [
      {
        mitigation: 'tls',
        reason: 'TLS protects the connection on the wire, not a compromised client at its end',
      },
      { mitigation: 'mtls', reason: 'the compromised client holds the client certificate' },
      {
        mitigation: 'network-policy',
        reason: 'the policy must allow this client, since it is a legitimate one',
      },
    ],
    defaults: { cost: 0.2, time: 0.5, skill: 1, probability: 0.9 },
    sources: ['MITRE ATT&CK T1078 (Valid Accounts), T1213 (Data from Information Repositories)'],
    origin: 'rampart-analysis',
  },
];
