// Check HTML files for accessibility problems with axe-core (WCAG 2.0/2.1 A and AA, and best
// practice), in jsdom: no browser needed. Usage: node check.js FILE.html...
// Prints one JSON object {file: {violations: [...], passes: N}}; exits 1 if any violation.
"use strict";
const fs = require("fs");
const path = require("path");
const { JSDOM, VirtualConsole } = require("jsdom");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

async function check(file) {
  const html = fs.readFileSync(file, "utf8");
  // A silent console: jsdom says "not implemented" for canvas, which axe's colour checks probe.
  const dom = new JSDOM(html, {
    runScripts: "outside-only",
    pretendToBeVisual: true,
    virtualConsole: new VirtualConsole(),
  });
  dom.window.eval(axeSource);
  const result = await dom.window.axe.run(dom.window.document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    resultTypes: ["violations"],
  });
  dom.window.close();
  return {
    violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.html.slice(0, 200)),
    })),
    passes: result.passes.length,
    rules: result.passes.map((p) => p.id),
  };
}

(async () => {
  const out = {};
  let bad = 0;
  for (const file of process.argv.slice(2)) {
    out[path.basename(file)] = await check(file);
    bad += out[path.basename(file)].violations.length;
  }
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
  process.exit(bad ? 1 : 0);
})().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + "\n");
  process.exit(2);
});
