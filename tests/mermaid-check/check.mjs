// Parses Mermaid journey diagrams with Mermaid's own parser and prints what Mermaid read, as JSON.
// Usage: node check.mjs SAMPLES.json   where the file holds [{"name": "...", "text": "journey\n..."}, ...]
// Prints [{"name", "ok", "error", "title", "accTitle", "accDescr", "sections", "tasks": [{"section", "task", "score", "people"}]}].
// Mermaid keeps entity codes (#58;) as placeholders until it draws; they are decoded here to the characters they show.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

const area = dom.window.document.createElement('textarea');
const decode = (text) => (text ?? '')
  .replace(/ﬂ°°(\d+)¶ß/g, (_, code) => String.fromCodePoint(Number(code)))
  .replace(/ﬂ°(\w+)¶ß/g, (_, name) => { area.innerHTML = `&${name};`; return area.value; });

const samples = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = [];
for (const { name, text } of samples) {
  try {
    await mermaid.parse(text);
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
    results.push({
      name, ok: true, error: null,
      title: decode(db.getDiagramTitle()), accTitle: decode(db.getAccTitle()), accDescr: decode(db.getAccDescription()),
      sections: db.getSections().map(decode),
      tasks: db.getTasks().map(t => ({ section: decode(t.section), task: decode(t.task).trim(), score: t.score, people: t.people.filter(p => p.length > 0).map(decode) })),
    });
  } catch (e) {
    results.push({ name, ok: false, error: String(e.message ?? e).split('\n').slice(0, 3).join(' | ') });
  }
}
process.stdout.write(JSON.stringify(results));
