import { mount } from 'svelte';
import App from './App.svelte';
import { EXAMPLE_NAME, exampleFiles } from './document/example-files';
import { chooseLocale, setLocale } from './i18n/t';
import { createModelRepository } from './db/model-repository';
import { openRampartDatabase } from './db/schema';
import { selectHostBridge } from './platform/select-bridge';
import { Workspace } from './state/workspace';
import { WORKSPACE_CONTEXT } from './state/workspace-context';
import { explorerOf } from './tree/explorer-state';
import { exportsOf } from './export/exports-of';
import './styles.css';

setLocale(chooseLocale(navigator.languages));
const bridge = selectHostBridge();
const workspace = new Workspace(bridge, createModelRepository(openRampartDatabase()), {
  example: () => ({ name: EXAMPLE_NAME, files: exampleFiles() }),
});
bridge.onMenuCommand((command) => workspace.runMenuCommand(command));
const exports = exportsOf(workspace, bridge);
bridge.onMenuCommand((command) => exports.runMenuCommand(command));
bridge.onMenuCommand((command) => command === 'presenter' && explorerOf(workspace.editor).setPresenter(true));
bridge.onOpenFile((file) => void workspace.openModelText(file.text, file.name, file.handle));
mount(App, { target: document.getElementById('app')!, context: new Map([[WORKSPACE_CONTEXT, workspace]]) });
void workspace.start();
