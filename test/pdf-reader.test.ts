// The PDF reader (loaders/extract/formats/pdf.ts): its layout rules on positioned runs, and readPdf on small PDFs
// written here by hand (a non-embedded Japanese font that needs pdf.js's CMaps, a scan, a locked and a broken file).
// Chromium's PDFs of the real sources are read in test/browser/pdf.test.ts.
import { afterEach, describe, expect, it, vi } from "vitest";
import { findRules, type Rule } from "../loaders/extract/formats/pdf-rules.ts";
import { gapText, layoutPages, NO_TEXT_LAYER, readPdf, repairTwins, type PageText, type PlacedText } from "../loaders/extract/formats/pdf.ts";
import { OPS } from "pdfjs-dist/legacy/build/pdf.mjs";

const EM = 10;

/** Runs on one baseline: each [text, start in ems]; a character is one em wide, as in a full-width font. */
function line(y: number, ...runs: [string, number][]): PlacedText[] {
  return runs.map(([str, at]) => ({ str, x: 50 + at * EM, y, width: [...str].length * EM, size: EM }));
}

function page(...lines: PlacedText[][]): PageText {
  return { width: 595, height: 842, runs: lines.flat(), rules: [], skipped: 0 };
}

/** A vertical rule at `at` ems (as runs are placed), from `top` down to `bottom`. */
function rule(at: number, top: number, bottom: number): Rule {
  return { x: 50 + at * EM, top, bottom };
}

/** A bordered table's rows, one every 15 points from y 100, each line's cells bounded by the rules at `at` ems. */
function ruledPage(at: number[], ...rows: PlacedText[][]): PageText {
  const rules = rows.flatMap((_, i) => at.map((x) => rule(x, 88 + 15 * i, 103 + 15 * i)));
  return { ...page(...rows), rules };
}

describe("gapText", () => {
  it("joins touching runs with nothing: Japanese text takes no spaces", () => {
    expect(gapText(0, EM)).toBe("");
    expect(gapText(1, EM)).toBe("");
  });
  it("makes a gap of half an em a half-width space, and of an em a full-width one", () => {
    expect(gapText(2, EM)).toBe(" ");
    expect(gapText(5, EM)).toBe(" ");
    expect(gapText(9.9, EM)).toBe("\u3000");
  });
  it("makes 1.5 ems (however rounded in print) a half-width and a full-width space, and 2 ems two full-width ones", () => {
    expect(gapText(14.99, EM)).toBe(" \u3000");
    expect(gapText(20, EM)).toBe("\u3000\u3000");
  });
  it("makes a gap of 2.5 ems or more a tab: a table column", () => {
    expect(gapText(25, EM)).toBe("\t");
    expect(gapText(300, EM)).toBe("\t");
  });
});

describe("layoutPages", () => {
  it("orders lines top to bottom and runs left to right, whatever order the PDF draws them in", () => {
    const read = layoutPages([page(line(115, ["二行目", 0]), line(100, ["目標", 3], ["実績", 8]), line(100.5, ["指標", 0]))]);
    expect(read.lines).toEqual(["指標\u3000目標\t実績", "二行目"]);
  });
  it("joins runs that touch, such as a character a PDF writer drew on its own", () => {
    expect(layoutPages([page(line(100, ["神", 0], ["戸", 1], ["市", 2]))]).lines).toEqual(["神戸市"]);
  });
  it("keeps a line's indentation from the page's left text edge: spaces, or a tab for an empty first cell", () => {
    const read = layoutPages([page(line(100, ["本文", 0]), line(115, ["字下げ", 1]), line(130, ["空セルの次", 4], ["値", 13]))]);
    expect(read.lines).toEqual(["本文", "\u3000字下げ", "\t空セルの次\t値"]);
    expect(read.cellLocators[2]).toEqual(["p.1 l.3 c.1", "p.1 l.3 c.2", "p.1 l.3 c.3"]);
    expect(read.cellLocators[0]).toBeNull();
  });
  it("drops the indentation of a table row whose first cell is not empty: that is the cell's padding", () => {
    const read = layoutPages([page(line(100, ["表1", 0]), line(115, ["指標", 1.5], ["目標", 8]))]);
    expect(read.lines).toEqual(["表1", "指標\t目標"]);
  });
  it("turns a gap of n line pitches into n - 1 blank lines, and caps them at 3", () => {
    const read = layoutPages([page(line(100, ["一", 0]), line(115, ["二", 0]), line(145, ["三", 0]), line(160, ["四", 0]), line(400, ["五", 0]))]);
    expect(read.lines).toEqual(["一", "二", "", "三", "四", "", "", "", "五"]);
    expect(read.locators).toEqual(["p.1 l.1", "p.1 l.2", "p.1 l.3", "p.1 l.4", "p.1 l.5", "p.1 l.6", "p.1 l.7", "p.1 l.8", "p.1 l.9"]);
    expect(read.fileLines).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
  it("finds the pitch when every other line is followed by a blank one", () => {
    const ys = [100, 115, 145, 175, 190, 220, 250];
    const read = layoutPages([page(...ys.map((y, i) => line(y, [`行${i + 1}`, 0])))]);
    expect(read.lines).toEqual(["行1", "行2", "", "行3", "", "行4", "行5", "", "行6", "", "行7"]);
  });
  it("adds no blank line at a page break unless the layout shows one, and numbers lines on each page", () => {
    const full = (from: number) => Array.from({ length: 5 }, (_, i) => line(100 + 15 * i, [`${from + i}`, 0]));
    const shortEnd = [...full(1).slice(0, 4)]; // the fifth slot is empty: a blank line before the break
    const read = layoutPages([page(...full(1)), page(...shortEnd), page(line(115, ["下がった", 0]), line(130, ["最後", 0]))]);
    expect(read.lines).toEqual(["1", "2", "3", "4", "5", "1", "2", "3", "4", "", "", "下がった", "最後"]);
    expect(read.locators.slice(4, 7)).toEqual(["p.1 l.5", "p.2 l.1", "p.2 l.2"]);
    expect(read.locators.slice(9)).toEqual(["p.2 l.5", "p.3 l.1", "p.3 l.2", "p.3 l.3"]);
    expect(read.fileLines.at(-1)).toBe(13);
  });
  it("reports a page without text and reads the others", () => {
    const read = layoutPages([page(line(100, ["一", 0])), page(), page(line(100, ["三", 0]))]);
    expect(read.lines).toEqual(["一", "三"]);
    expect(read.locators).toEqual(["p.1 l.1", "p.3 l.1"]);
    expect(read.errors).toEqual([{ line: 2, reason: "p.2 has no text (a blank page, or a scan that needs OCR)" }]);
  });
  it("prints fake bold (the same run drawn twice, a hair apart) once", () => {
    const bold = [...line(100, ["太字", 0]), { ...line(100, ["太字", 0])[0]!, x: 50.3 }];
    expect(layoutPages([page(bold)]).lines).toEqual(["太字"]);
  });
});

describe("layoutPages on a table with drawn borders", () => {
  const borders = [-0.5, 4.5, 9.5, 14.5, 18.5]; // a closed table of four columns

  it("makes a rule between two runs a tab however narrow their gap", () => {
    const read = layoutPages([ruledPage(borders, line(100, ["就職者数", 0], ["200人", 5], ["150人", 10], ["なし", 15]))]);
    expect(read.lines).toEqual(["就職者数\t200人\t150人\tなし"]);
    expect(read.cellLocators[0]).toEqual(["p.1 l.1 c.1", "p.1 l.1 c.2", "p.1 l.1 c.3", "p.1 l.1 c.4"]);
  });
  it("reads the same gaps without rules as spaces, as before", () => {
    expect(layoutPages([page(line(100, ["就職者数", 0], ["200人", 5], ["150人", 10]))]).lines).toEqual(["就職者数\u3000200人\u3000150人"]);
  });
  it("keeps an empty cell between two rules, and empty cells at either end, but not the table's outer border", () => {
    const read = layoutPages([ruledPage(borders, line(100, ["指標", 0], ["目標", 5], ["実績", 10], ["備考", 15]), line(115, ["就職者数", 0], ["150人", 10]), line(130, ["200人", 5], ["150人", 10]))]);
    expect(read.lines).toEqual(["指標\t目標\t実績\t備考", "就職者数\t\t150人\t", "\t200人\t150人\t"]);
    expect(read.cellLocators.map((cells) => cells?.length)).toEqual([4, 4, 4]);
  });
  it("counts the rules before the first run as empty cells when the table has no outer border at the left", () => {
    const open = [4.5, 9.5, 14.5];
    const read = layoutPages([ruledPage(open, line(100, ["指標", 0], ["目標", 5], ["実績", 10], ["備考", 15]), line(115, ["実績", 10]), line(130, ["200人", 5]))]);
    expect(read.lines).toEqual(["指標\t目標\t実績\t備考", "\t\t実績\t", "\t200人\t\t"]);
  });
  it("splits a run that pdf.js drew across a narrow cell gap at the space a rule crosses", () => {
    // "就職者数 200人 150人" as one run: 11 full-width characters, 4 half-width digits' worth and two spaces of half an em
    const joined = { str: "就職者数 200人 150人", x: 50, y: 100, width: 13 * EM, size: EM };
    const read = layoutPages([ruledPage([-0.5, 6.25, 10.75, 13.5], [joined])]);
    expect(read.lines).toEqual(["就職者数\t200人\t150人"]);
  });
  it("leaves a run alone where a rule crosses it away from any space", () => {
    const crossed = { str: "就職者数の推移", x: 50, y: 100, width: 7 * EM, size: EM };
    const read = layoutPages([ruledPage([-0.5, 3, 10], [crossed], line(115, ["次", 0], ["行", 5]))]);
    expect(read.lines).toEqual(["就職者数の推移", "次\t行"]);
  });
  it("reads a row with a single run in a cell of its own, between empty ones", () => {
    const read = layoutPages([ruledPage(borders, line(100, ["指標", 0], ["目標", 5], ["実績", 10], ["備考", 15]), line(115, ["集計中", 10]))]);
    expect(read.lines).toEqual(["指標\t目標\t実績\t備考", "\t\t集計中\t"]);
  });
  it("reads a line with rules at its sides only, in a box, as it is", () => {
    const read = layoutPages([ruledPage([-0.5, 20], line(100, ["囲みの", 0], ["本文", 4]))]);
    expect(read.lines).toEqual(["囲みの\u3000本文"]);
  });
  it("ignores rules that do not run through the line's upper em down to its baseline", () => {
    const short = [rule(4.5, 80, 97), rule(9.5, 101, 120)];
    const read = layoutPages([{ ...page(line(100, ["就職者数", 0], ["200人", 5], ["150人", 10])), rules: short }]);
    expect(read.lines).toEqual(["就職者数\u3000200人\u3000150人"]);
  });
  it("takes rules less than half an em apart for one border, a double line or two cells' boxes", () => {
    const doubled = [-0.5, 4.4, 4.6, 9.5];
    expect(layoutPages([ruledPage(doubled, line(100, ["指標", 0], ["目標", 5]))]).lines).toEqual(["指標\t目標"]);
  });
  it("keeps the gap rule between runs that no rule divides, in a row that rules divide elsewhere", () => {
    const read = layoutPages([ruledPage([-0.5, 4.5, 20], line(100, ["指標", 0], ["令和4年度", 5], ["目標", 15]))]);
    expect(read.lines).toEqual(["指標\t令和4年度\t目標"]);
  });
});

describe("findRules", () => {
  const identity = [1, 0, 0, 1, 0, 0];
  const multiply = (m1: number[], m2: number[]) => [
    m1[0]! * m2[0]! + m1[2]! * m2[1]!,
    m1[1]! * m2[0]! + m1[3]! * m2[1]!,
    m1[0]! * m2[2]! + m1[2]! * m2[3]!,
    m1[1]! * m2[2]! + m1[3]! * m2[3]!,
    m1[0]! * m2[4]! + m1[2]! * m2[5]! + m1[4]!,
    m1[1]! * m2[4]! + m1[3]! * m2[5]! + m1[5]!,
  ];
  const path = (paint: number, ...codes: number[]) => [paint, [new Float32Array(codes)], null];
  const [M, L, C, Z] = [0, 1, 2, 4];
  const find = (ops: [number, unknown][], base = identity) => findRules(ops.map(([fn]) => fn), ops.map(([, args]) => args), base, OPS, multiply);

  it("takes the vertical segments of a stroked path, and not its horizontal ones", () => {
    const rules = find([[OPS.constructPath, path(OPS.stroke, M, 10, 20, L, 10, 80, M, 10, 20, L, 90, 20)]]);
    expect(rules).toEqual([{ x: 10, top: 20, bottom: 80 }]);
  });
  it("takes the sides of a stroked rectangle, closing it", () => {
    const rules = find([[OPS.constructPath, path(OPS.closeStroke, M, 10, 20, L, 50, 20, L, 50, 40, L, 10, 40, Z)]]);
    expect(rules).toEqual([{ x: 50, top: 20, bottom: 40 }, { x: 10, top: 20, bottom: 40 }]);
  });
  it("takes a thin filled box for a rule at its middle, but not a wide one (shading) nor a clipping path", () => {
    const box = (x: number, w: number) => [M, x, 0, L, x + w, 0, L, x + w, 30, L, x, 30, Z];
    const rules = find([
      [OPS.constructPath, path(OPS.fill, ...box(100, 1))],
      [OPS.constructPath, path(OPS.fill, ...box(200, 60))],
      [OPS.constructPath, path(OPS.endPath, ...box(300, 1))],
    ]);
    expect(rules).toEqual([{ x: 100.5, top: 0, bottom: 30 }]);
  });
  it("takes no rule from a curve", () => {
    expect(find([[OPS.constructPath, path(OPS.fill, M, 0, 0, C, 1, 10, 1, 20, 0, 30, Z)]])).toEqual([]);
  });
  it("places rules through the page's and the path's transforms, and forgets a transform at restore", () => {
    const flip = [1, 0, 0, -1, 0, 842]; // a viewport: y downward
    const rules = find([
      [OPS.save, null],
      [OPS.transform, [2, 0, 0, 2, 100, 100]],
      [OPS.constructPath, path(OPS.stroke, M, 10, 0, L, 10, 50)],
      [OPS.restore, null],
      [OPS.paintFormXObjectBegin, [[1, 0, 0, 1, 5, 0], [0, 0, 100, 100]]],
      [OPS.constructPath, path(OPS.stroke, M, 10, 0, L, 10, 50)],
      [OPS.paintFormXObjectEnd, null],
      [OPS.constructPath, path(OPS.stroke, M, 10, 0, L, 10, 50)],
    ], flip);
    expect(rules).toEqual([{ x: 120, top: 642, bottom: 742 }, { x: 15, top: 792, bottom: 842 }, { x: 10, top: 792, bottom: 842 }]);
  });
});

describe("repairTwins", () => {
  it("reads a Kangxi radical as the ideograph it was drawn for, in its Japanese form", () => {
    expect(repairTwins("\u2f64語 神\u2f3e市 \u2ed1期")).toBe("用語 神戸市 長期");
  });
  it("reads the hyphenation point as the middle dot and the wave dash as the full-width tilde", () => {
    expect(repairTwins("\u2027就職者数 800\u301c1,200")).toBe("・就職者数 800～1,200");
  });
  it("leaves ordinary text alone", () => {
    expect(repairTwins("令和5年度 目標:200人 ―")).toBe("令和5年度 目標:200人 ―");
  });
});

/** A PDF file of numbered objects (1 is the catalog) with a valid cross-reference table. */
function writePdf(objects: string[], trailerExtra = ""): Uint8Array {
  let out = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}

function stream(content: string): string {
  return `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`;
}

/** Text as UTF-16BE hex, the codes of the UniJIS-UCS2-H CMap. */
function ucs2(text: string): string {
  return `<${Buffer.from(text, "utf16le").swap16().toString("hex")}>`;
}

/**
 * One A4 page per content stream; /F1 is Helvetica, /F2 a Japanese font that is not embedded, so pdf.js maps its
 * codes to text only through the UniJIS-UCS2-H and Adobe-Japan1-UCS2 CMaps (cMapUrl).
 */
function pdfOfPages(contents: string[], trailerExtra = ""): Uint8Array {
  const first = 7; // object number of the first page
  const kids = contents.map((_, i) => `${first + 2 * i} 0 R`).join(" ");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${kids}] /Count ${contents.length} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /UniJIS-UCS2-H /DescendantFonts [5 0 R] >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor 6 0 R /DW 1000 >>",
    "<< /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
  ];
  contents.forEach((content, i) => {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${first + 2 * i + 1} 0 R >>`);
    objects.push(stream(content));
  });
  return writePdf(objects, trailerExtra);
}

/** Drawing a line of text: font, size, and where its baseline starts (PDF space: y grows upward). */
function text(font: "F1" | "F2", x: number, y: number, shown: string): string {
  return `BT /${font} 10 Tf ${x} ${y} Td ${font === "F2" ? ucs2(shown) : `(${shown})`} Tj ET\n`;
}

describe("readPdf", () => {
  afterEach(() => vi.restoreAllMocks());

  it("reads Japanese text of a font that is not embedded through pdf.js's CMaps, and fetches nothing", async () => {
    const fetch = vi.spyOn(globalThis, "fetch");
    const pdf = pdfOfPages([
      text("F2", 72, 770, "就職者数") + text("F2", 142, 770, "令和4年度目標") + text("F2", 242, 770, "200人") +
        text("F2", 72, 755, "相談件数 1,000件") + text("F1", 72, 725, "KPI 2023"),
      text("F2", 72, 770, "二ページ目"),
    ]);
    const read = await readPdf(pdf);
    expect(read.lines).toEqual(["就職者数\t令和4年度目標\t200人", "相談件数\u30001,000件", "", "KPI 2023", "二ページ目"]);
    expect(read.locators).toEqual(["p.1 l.1", "p.1 l.2", "p.1 l.3", "p.1 l.4", "p.2 l.1"]);
    expect(read.cellLocators[0]).toEqual(["p.1 l.1 c.1", "p.1 l.1 c.2", "p.1 l.1 c.3"]);
    expect(read.errors).toEqual([]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("reads a cell border the PDF draws between two runs an em apart as a tab, and the gap without it as a space", async () => {
    // A table of 1 point wide filled boxes, as Word and Chromium draw borders, and a stroked line at its right edge.
    const borders = "0 0 0 rg 66 750 1 35 re f 136 750 1 35 re f 196 750 1 35 re f 0 0 0 RG 250.5 750 m 250.5 785 l S\n";
    const pdf = pdfOfPages([
      borders + text("F2", 72, 770, "就職者数") + text("F2", 142, 770, "200人") + text("F2", 72, 755, "相談件数") + text("F2", 202, 755, "なし") +
        text("F2", 72, 700, "枠外の") + text("F2", 112, 700, "本文"),
    ]);
    const read = await readPdf(pdf);
    expect(read.lines).toEqual(["就職者数\t200人\t", "相談件数\t\tなし", "", "", "", "枠外の\u3000本文"]);
    expect(read.errors).toEqual([]);
  });

  it("leaves the caller's bytes as they were", async () => {
    const pdf = pdfOfPages([text("F1", 72, 770, "Hello")]);
    const copy = pdf.slice();
    await readPdf(pdf);
    expect(pdf).toEqual(copy);
  });

  it("leaves out text that does not read left to right, and says so", async () => {
    const turned = "BT /F1 10 Tf 0 1 -1 0 300 400 Tm (Turned label) Tj ET\n";
    const read = await readPdf(pdfOfPages([text("F1", 72, 770, "Upright") + turned]));
    expect(read.lines).toEqual(["Upright"]);
    expect(read.errors).toEqual([{ line: 1, reason: "p.1: 1 text run left out, not reading left to right (vertical or turned)" }]);
  });

  it("throws for a PDF without pages", async () => {
    const empty = writePdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"]);
    await expect(readPdf(empty)).rejects.toThrow(/^(damaged|unreadable) PDF: /);
  });

  it("gives no lines and says OCR is needed for a PDF without a text layer", async () => {
    const read = await readPdf(pdfOfPages(["0 0 0 rg 72 72 451 698 re f\n"]));
    expect(read.lines).toEqual([]);
    expect(read.errors).toEqual([{ line: 1, reason: NO_TEXT_LAYER }]);
  });

  it("throws a clear error for bytes that are not a PDF", async () => {
    await expect(readPdf(new TextEncoder().encode("指標\t目標\n就職者数\t200\n"))).rejects.toThrow("not a PDF: the file does not start with %PDF-");
    await expect(readPdf(new Uint8Array())).rejects.toThrow(/not a PDF/);
  });

  it("throws a clear error for a PDF that needs a password", async () => {
    const hex32 = (byte: string) => `<${byte.repeat(32)}>`;
    const locked = pdfOfPages(
      [text("F1", 72, 770, "secret")],
      `/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O ${hex32("aa")} /U ${hex32("bb")} >> /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] `,
    );
    await expect(readPdf(locked)).rejects.toThrow("encrypted PDF: it needs a password to open");
  });

  it("throws a clear error for a PDF damaged beyond reading", async () => {
    const broken = new TextEncoder().encode("%PDF-1.7\n" + "garbage ".repeat(200));
    await expect(readPdf(broken)).rejects.toThrow(/^(damaged|unreadable) PDF: /);
  });
});
