import { describe, expect, it } from 'vitest';
import { artifactLocation, physicalLocation, SRCROOT } from '../../../../models/export/sarif';
import { sarifSchemaErrors } from './sarif-validator';

describe('SARIF artifact locations', () => {
  it.each([
    ['compose.yaml', 'compose.yaml'],
    ['deploy/k8s/app.yaml', 'deploy/k8s/app.yaml'],
    ['./deploy/compose.yaml', 'deploy/compose.yaml'],
    ['../shared/compose.yaml', '../shared/compose.yaml'],
    ['my app/compose file.yaml', 'my%20app/compose%20file.yaml'],
    ['100%/a#b?.yaml', '100%25/a%23b%3F.yaml'],
    ['c:name/x.yaml', 'c%3Aname/x.yaml'],
    ['dienste/übersicht.yaml', 'dienste/%C3%BCbersicht.yaml'],
    ['odd\\name.yaml', 'odd%5Cname.yaml'],
    ['lone\ud800surrogate', 'lone%EF%BF%BDsurrogate'],
  ])('%s is the relative URI %s under %%SRCROOT%%', (file, uri) => {
    expect(artifactLocation(file)).toEqual({ uri, uriBaseId: SRCROOT });
  });

  it.each([
    ['/srv/app/compose.yaml', 'file:///srv/app/compose.yaml'],
    ['C:/work/app/compose.yaml', 'file:///C:/work/app/compose.yaml'],
  ])('an absolute path %s becomes %s with no base', (file, uri) => {
    expect(artifactLocation(file)).toEqual({ uri });
  });

  it('keeps only 1-based lines and columns in the region', () => {
    expect(physicalLocation({ file: 'a.yaml', line: 3, column: 5 }).region).toEqual({
      startLine: 3,
      startColumn: 5,
    });
    expect(physicalLocation({ file: 'a.yaml', line: 3, column: 0 }).region).toEqual({ startLine: 3 });
    expect(physicalLocation({ file: 'a.yaml', line: 0, column: 0 }).region).toBeUndefined();
  });

  it('gives URIs the schema accepts, and the schema check can fail', () => {
    const log = (uri: string) => ({
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'rampart' } },
          results: [
            { message: { text: 'x' }, locations: [{ physicalLocation: { artifactLocation: { uri } } }] },
          ],
        },
      ],
    });
    expect(sarifSchemaErrors(log(artifactLocation('my app/ü #1.yaml').uri))).toEqual([]);
    expect(sarifSchemaErrors(log('my app/file.yaml'))).not.toEqual([]);
    expect(sarifSchemaErrors({ version: '2.1.0' })).not.toEqual([]);
  });
});
