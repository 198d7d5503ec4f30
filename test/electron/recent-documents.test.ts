import { describe, expect, it } from 'vitest';
import { RecentDocuments } from '../../electron/main/recent-documents';

describe('recent documents', () => {
  it('keeps the newest first, without duplicates, up to the limit', () => {
    const recent = new RecentDocuments(['/a.rampart.json', '/a.rampart.json', '/b.rampart.json'], 3);
    recent.add('/c.rampart.json');
    recent.add('/a.rampart.json');
    recent.add('/d.rampart.json');
    expect(recent.paths).toEqual(['/d.rampart.json', '/a.rampart.json', '/c.rampart.json']);
    expect(recent.documents[0]).toEqual({ name: 'd.rampart.json', path: '/d.rampart.json' });
    recent.clear();
    expect(recent.paths).toEqual([]);
  });
});
