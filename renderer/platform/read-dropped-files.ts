import type { PickedFile, PickedFiles } from './host-bridge';

/** Largest file read from a drop or a picker; bigger files are skipped with a reason. */
export const MAX_IMPORT_FILE_BYTES = 32 * 1024 * 1024;
/** Most files read from one drop or folder, so a dropped home directory cannot exhaust memory. */
export const MAX_IMPORT_FILES = 5000;
/** Folders never worth descending into for configs. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.venv', '__pycache__']);

async function readFile(file: File, path: string, out: PickedFiles): Promise<void> {
  if (out.files.length >= MAX_IMPORT_FILES) {
    out.skipped.push({ path, reason: 'too many files' });
    return;
  }
  if (file.size > MAX_IMPORT_FILE_BYTES) {
    out.skipped.push({ path, reason: 'file too large' });
    return;
  }
  try {
    out.files.push({ path, bytes: new Uint8Array(await file.arrayBuffer()) });
  } catch {
    out.skipped.push({ path, reason: 'unreadable' });
  }
}

/** Reads files chosen in an `<input type=file>` (with `webkitRelativePath` for a folder). */
export async function readFileList(list: FileList | readonly File[]): Promise<PickedFiles> {
  const out: PickedFiles = { files: [], skipped: [] };
  for (const file of Array.from(list)) {
    const path = (file.webkitRelativePath || file.name).replace(/\\/g, '/');
    if (path.split('/').some((part) => SKIPPED_FOLDERS.has(part))) continue;
    await readFile(file, path, out);
  }
  return sortPicked(out);
}

function sortPicked(out: PickedFiles): PickedFiles {
  out.files.sort((a: PickedFile, b: PickedFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function readAllEntries(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  // readEntries returns at most ~100 entries per call: read until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, path: string, out: PickedFiles): Promise<void> {
  if (entry.isFile) {
    try {
      await readFile(await entryFile(entry as FileSystemFileEntry), path, out);
    } catch {
      out.skipped.push({ path, reason: 'unreadable' });
    }
  } else if (entry.isDirectory) {
    if (SKIPPED_FOLDERS.has(entry.name)) return;
    const children = await readAllEntries(entry as FileSystemDirectoryEntry).catch(() => {
      out.skipped.push({ path, reason: 'unreadable folder' });
      return [];
    });
    for (const child of children) await walk(child, `${path}/${child.name}`, out);
  }
}

/** Reads what was dropped on the window: files and whole folders, walked recursively. Paths are
 * relative to the drop (a dropped folder keeps its name as the first segment). */
export async function readDroppedItems(transfer: DataTransfer): Promise<PickedFiles> {
  const out: PickedFiles = { files: [], skipped: [] };
  const entries: FileSystemEntry[] = [];
  const plain: File[] = [];
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) plain.push(file);
    }
  }
  for (const entry of entries) await walk(entry, entry.name, out);
  for (const file of plain) await readFile(file, file.name, out);
  return sortPicked(out);
}
