// pdf-text.mjs FILE.pdf…: what PDF.js (the pdfjs-dist legacy build) extracts from each
// PDF, as JSON {"FILE": {"text": …, "tree": …}, …} on stdout. Used by
// tests/whole_words_test.cpp.
//
// "tree" is the structure tree's text as PDF.js maps it (getStructTree, and the marked
// content each leaf names): each element's pieces joined as they are, elements on lines
// of their own. Within one piece PDF.js drops the space a line ends with, so a line end
// there is a space again — or nothing after a hyphen, which then is part of the text.
//
// PDF.js hands out text items line by line and does not rejoin lines; it drops the space
// a line ends with. So the line ends are made explicit here, the way PDF.js's own text
// layer presents a tagged PDF to assistive technology: text in /Artifact marked content
// (page numbers, footers, and the hyphens line breaking adds) is not content, and a line
// end is a newline — except after a hyphen, where the word goes on: a hyphen that is an
// artifact is dropped ("materiale-|bestilling" → "materialebestilling"), a hyphen that is
// content is kept ("hæve-|sænkebord" → "hæve-sænkebord"). A producer that draws its line
// breaking's hyphen as content therefore gets the broken word ("materia-lebestilling").
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/// Text per marked-content id ("p16R_mc3") of one page.
function markedText(items) {
  const byId = new Map();
  const open = [];
  for (const item of items) {
    if (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps") {
      open.push(item.id ?? null);
      if (item.id) byId.set(item.id, "");
      continue;
    }
    if (item.type === "endMarkedContent") {
      open.pop();
      continue;
    }
    const id = open.findLast((x) => x !== null);
    if (!id) continue;
    let text = byId.get(id) + item.str;
    if (item.hasEOL && text !== "" && !text.endsWith("-")) text += " ";
    byId.set(id, text);
  }
  return byId;
}

/// The structure tree's text: leaves in tree order, an element's leaves joined directly.
function treeText(node, pieces) {
  if (!node) return "";
  if (node.type === "content") return pieces.get(node.id) ?? "";
  if (!node.children) return "";
  let out = "";
  for (const child of node.children) {
    const t = treeText(child, pieces);
    if (t === "") continue;
    out += child.type === "content" ? t : (out === "" || out.endsWith("\n") ? "" : "\n") + t + "\n";
  }
  return out;
}

async function extract(file) {
  const doc = await getDocument({ url: file, verbosity: 0, useSystemFonts: false }).promise;
  let out = "";
  let tree = "";
  let sep = null; // what goes before the next content: null (nothing yet), "\n" or ""
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent({ includeMarkedContent: true });
    tree += treeText(await page.getStructTree(), markedText(content.items));
    const tags = [];
    let lastEndsInHyphen = false;
    for (const item of content.items) {
      if (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps") {
        tags.push(item.tag);
        continue;
      }
      if (item.type === "endMarkedContent") {
        tags.pop();
        continue;
      }
      const artifact = tags.includes("Artifact");
      if (artifact) {
        if (item.str.endsWith("-")) sep = "";
        else if (item.hasEOL && sep === null && out !== "") sep = "\n";
        continue;
      }
      if (item.str !== "") {
        if (sep !== null && out !== "") out += sep;
        sep = null;
        out += item.str;
        lastEndsInHyphen = item.str.endsWith("-");
      }
      if (item.hasEOL && sep === null) sep = lastEndsInHyphen ? "" : "\n";
    }
    if (sep === null) sep = "\n";
    await page.cleanup();
  }
  await doc.destroy();
  return { text: out, tree };
}

const result = {};
for (const file of process.argv.slice(2)) result[file] = await extract(file);
process.stdout.write(JSON.stringify(result) + "\n");
