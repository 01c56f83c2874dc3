/**
 * The import graph of the repository's TypeScript sources, for the layering test (architecture.test.ts) and the
 * architecture document's test. Every `import`, `export … from`, `import type` and dynamic `import()` counts:
 * a type-only import ties two modules together as much as any other for a reader.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Repository-relative paths with `/`, e.g. `main/server/app.ts`. */
export type ModulePath = string;

export interface ImportGraph {
  /** Every module read, sorted. */
  modules: ModulePath[];
  /** For each module, the repository modules it imports (packages and node: built-ins left out). */
  imports: Map<ModulePath, ModulePath[]>;
}

const isTest = (file: string): boolean => /\.test\.tsx?$/.test(file);

function sourcesUnder(root: string, dir: string, out: string[]): void {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) sourcesUnder(root, rel, out);
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !isTest(entry.name))
      out.push(rel);
  }
}

/** Resolves a relative specifier (`./x.js`, `../y`) to a module of the set, or null (a package, a missing file). */
function resolve(from: ModulePath, specifier: string, known: Set<ModulePath>): ModulePath | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const stem = base.replace(/\.(js|ts|tsx|jsx)$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (known.has(candidate)) return candidate;
  }
  return null;
}

/** Reads the non-test sources under the given folders (repository-relative) and their imports among them. */
export function readImportGraph(root: string, folders: readonly string[]): ImportGraph {
  const files: string[] = [];
  for (const folder of folders) sourcesUnder(root, folder, files);
  files.sort();
  const known = new Set(files);
  const imports = new Map<ModulePath, ModulePath[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true);
    const targets = new Set<ModulePath>();
    for (const ref of info.importedFiles) {
      const target = resolve(file, ref.fileName, known);
      if (target !== null) targets.add(target);
    }
    imports.set(file, [...targets].sort());
  }
  return { modules: files, imports };
}

/**
 * The import circles among the given modules (strongly connected components of more than one module, or a
 * module importing itself), each as its sorted module list (Tarjan's algorithm).
 */
export function importCircles(graph: ImportGraph, within: (m: ModulePath) => boolean): ModulePath[][] {
  const index = new Map<ModulePath, number>();
  const low = new Map<ModulePath, number>();
  const onStack = new Set<ModulePath>();
  const stack: ModulePath[] = [];
  const circles: ModulePath[][] = [];
  let next = 0;
  const edges = (m: ModulePath): ModulePath[] => (graph.imports.get(m) ?? []).filter(within);
  const visit = (m: ModulePath): void => {
    index.set(m, next);
    low.set(m, next);
    next += 1;
    stack.push(m);
    onStack.add(m);
    for (const t of edges(m)) {
      if (!index.has(t)) {
        visit(t);
        low.set(m, Math.min(low.get(m)!, low.get(t)!));
      } else if (onStack.has(t)) {
        low.set(m, Math.min(low.get(m)!, index.get(t)!));
      }
    }
    if (low.get(m) === index.get(m)) {
      const component: ModulePath[] = [];
      let top: ModulePath;
      do {
        top = stack.pop()!;
        onStack.delete(top);
        component.push(top);
      } while (top !== m);
      if (component.length > 1 || edges(m).includes(m)) circles.push(component.sort());
    }
  };
  for (const m of graph.modules.filter(within)) if (!index.has(m)) visit(m);
  return circles;
}
