import { describe, expect, it } from "vitest";
import { CorpusError } from "../../errors.js";
import { htmlLoader } from "./html-loader.js";
import { loaderInput } from "./testing/loader-input.js";

const PAGE = `<!doctype html>
<html><head>
  <title>Return Policy</title>
  <link rel="canonical" href="https://shop.example/returns">
  <style>p { color: red }</style>
  <script>document.write("<p>not content</p>")</script>
</head><body>
  <header><h1>Example Shop</h1><nav><a href="/">Home</a> <a href="/help">Help</a></nav></header>
  <main>
    <h1>Returns</h1>
    <p>You can return items within <b>30&nbsp;days</b> of <a href="/delivery">delivery</a>.<br>Keep the receipt.</p>
    <aside>Sign up for our newsletter!</aside>
    <h2>Fees</h2>
    <table>
      <caption>Restocking fees</caption>
      <thead><tr><th>Item</th><th>Fee</th></tr></thead>
      <tbody>
        <tr><td>Laptop</td><td>15%</td></tr>
        <tr><td><p>Phone</p><p>case</p></td><td>none | free</td></tr>
      </tbody>
    </table>
    <h2>Steps</h2>
    <ol><li>Pack the item<ul><li>in its box</li></ul></li><li>Print the label</li></ol>
    <div hidden>Internal note</div>
  </main>
  <footer>© 2026 Example Shop</footer>
</body></html>`;

describe("htmlLoader", () => {
  it("keeps the main text, headings, lists and tables and drops scripts, styles and page furniture", async () => {
    const { documents, problems } = await htmlLoader.load(loaderInput("help/returns.html", PAGE));
    expect(problems).toEqual([]);
    expect(documents.map(({ id, title, text, format, sourcePath, metadata }) => ({ id, title, text, format, sourcePath, metadata }))).toEqual([
      {
        id: "help/returns",
        title: "Return Policy",
        text: [
          "# Returns",
          "You can return items within 30 days of delivery.\nKeep the receipt.",
          "## Fees",
          "Restocking fees",
          "| Item | Fee |\n| --- | --- |\n| Laptop | 15% |\n| Phone case | none \\| free |",
          "## Steps",
          "1. Pack the item\n  - in its box\n2. Print the label",
        ].join("\n\n"),
        format: "markdown",
        sourcePath: "help/returns.html",
        metadata: { url: "https://shop.example/returns" },
      },
    ]);
  });

  it("uses the first <h1> as the title when there is no <title>, and the first row as a table's header", async () => {
    const html = "<body><h1>Size Chart</h1><table><tr><td>Size</td><td>Chest</td></tr><tr><td>M</td><td>96 cm</td></tr></table></body>";
    const { documents } = await htmlLoader.load(loaderInput("sizes.htm", html));
    expect(documents.map((document) => [document.title, document.text])).toEqual([
      ["Size Chart", "# Size Chart\n\n| Size | Chest |\n| --- | --- |\n| M | 96 cm |"],
    ]);
  });

  it("falls back to the file name for the title and decodes the declared charset", async () => {
    // "é" is 0xE9 and "–" is 0x96 in windows-1252; neither is valid UTF-8 on its own.
    const html = Buffer.concat([Buffer.from('<meta charset="windows-1252"><p>Caf'), Buffer.from([0xe9]), Buffer.from(" hours: 8"), Buffer.from([0x96]), Buffer.from("10</p>")]);
    const { documents } = await htmlLoader.load(loaderInput("opening-hours.html", html));
    expect(documents.map((document) => [document.title, document.text])).toEqual([["Opening hours", "Café hours: 8–10"]]);
  });

  it("rejects a page with no readable text with a CorpusError that says why", async () => {
    const load = htmlLoader.load(loaderInput("app.html", '<html><body><nav>Menu</nav><div id="root"></div><script>render()</script></body></html>'));
    await expect(load).rejects.toThrow(CorpusError);
    await expect(load).rejects.toThrow(
      "app.html has no readable text outside scripts, navigation, header and footer; if the page is rendered by JavaScript, save the rendered HTML instead.",
    );
  });
});
