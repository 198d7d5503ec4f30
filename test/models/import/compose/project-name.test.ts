import { describe, expect, it } from 'vitest';
import { normalizeProjectName, projectNameFromPath } from '../../../../models/import/compose/project-name';
import { parseUser } from '../../../../models/import/compose/user';

describe('project names', () => {
  it.each([
    ['shop', 'shop'],
    ['My Shop', 'myshop'],
    ['shop.prod', 'shopprod'],
    ['_hidden-app_1', 'hidden-app_1'],
    ['Ünïcode', 'ncode'],
    ['.', 'default'],
    ['', 'default'],
  ])('normalizes %j to %j', (name, expected) => {
    expect(normalizeProjectName(name)).toBe(expected);
  });

  it.each([
    ['deploy/compose.yaml', 'deploy'],
    ['a/b/Web-App/docker-compose.yml', 'web-app'],
    ['compose.yaml', 'default'],
    ['/srv/shop/compose.yaml', 'shop'],
  ])('derives %s → %s', (path, expected) => {
    expect(projectNameFromPath(path)).toBe(expected);
  });
});

describe('parseUser', () => {
  it.each([
    ['1000', { uid: 1000, origin: 'config' }],
    ['1000:1000', { uid: 1000, gid: 1000, origin: 'config' }],
    ['0', { uid: 0, origin: 'config' }],
    ['0:0', { uid: 0, gid: 0, origin: 'config' }],
    ['root', { uid: 0, name: 'root', origin: 'config' }],
    ['root:wheel', { uid: 0, name: 'root', origin: 'config' }],
    ['nginx', { name: 'nginx', origin: 'config' }],
    [' app:app ', { name: 'app', origin: 'config' }],
    ['', undefined],
    [':1000', undefined],
  ])('%j', (text, expected) => {
    expect(parseUser(text)).toEqual(expected);
  });
});
