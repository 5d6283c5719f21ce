import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readDelimited, recordLines } from "../loaders/extract/formats/delimited.ts";
import { collapseText, readHtml, resolveSpans } from "../loaders/extract/formats/html.ts";
import { cleanRow } from "../loaders/extract/formats/rows.ts";
import { columnLetter, dateText, numberText, quoteSheetName, readXlsx } from "../loaders/extract/formats/sheet.ts";
import type { ReadLines } from "../loaders/extract/formats/types.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Lines with where they stand, one object per line, so a failing assertion shows which line moved. */
const rows = (read: ReadLines) => read.lines.map((text, i) => ({ text, line: read.fileLines[i], at: read.locators[i] }));

describe("readHtml", () => {
  // Line numbers of the file are the array index + 1.
  const page = [
    "<!DOCTYPE html>",
    '<html lang="ja">',
    "<head>",
    '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
    "<title>就職氷河期世代支援プログラム　実施状況</title>",
    "<style>p { color: red } /* 目標 */</style>",
    '<script>document.write("目標 9,999");</script>',
    "</head>",
    "<body>",
    "<header><p>厚生労働省</p></header>",
    "<nav><ul><li>ホーム</li><li>目標一覧</li></ul></nav>",
    '<div role="navigation">パンくず</div>',
    "<h2>令和5年度",
    "  実施状況</h2>",
    '<p>支援の<strong>対象</strong>は<a href="#"><span>就職氷河期</span>世代</a>です。<br>',
    "次の表&nbsp;のとおり。</p>",
    '<p hidden>非表示</p><p aria-hidden="true">読み上げない</p><noscript>有効にしてください</noscript>',
    "<table>",
    "<caption>表１　目標と実績</caption>",
    "<tr><th rowspan=2>指標</th><th colspan=2>令和4年度</th><th colspan=2>令和5年度</th></tr>",
    "<tr><th>目標</th><th>実績</th><th>目標</th><th>実績</th></tr>",
    "<tr>",
    "<td>就職者数<br>（人）</td><td>1,500</td><td>1,620</td><td>2,000</td><td><b>2,100</b></td>",
    "</tr>",
    "<tr><td>&nbsp;</td><td></td></tr>",
    "<tr><td>相談件数<table><tr><td>うち来所</td><td>120</td></tr></table></td><td>300</td><td>310</td><td>&amp;nbsp;</td><td>R&amp;D</td></tr>",
    "</table>",
    "<p>注：&lt;b&gt;速報値&lt;/b&gt;です</p>",
    "<pre>",
    "区分\t人数",
    "  男性\t820",
    "</pre>",
    '<table role="presentation"><tr><td><h3>お問い合わせ</h3><p>電話 03-0000-0000</p></td></tr></table>',
    "<table><tr><td>定着率</td><td>85%</td></tr></table>",
    "<footer>Copyright</footer>",
    "</body></html>",
  ].join("\n");
  const read = readHtml(iconv.encode(page, "cp932"));

  it("reads a Shift_JIS page into title, blocks, headings and resolved table rows at their file lines", () => {
    expect(rows(read)).toEqual([
      { text: "就職氷河期世代支援プログラム 実施状況", line: 5, at: null },
      { text: "令和5年度実施状況", line: 13, at: null },
      { text: "支援の対象は就職氷河期世代です。", line: 15, at: null },
      { text: "次の表 のとおり。", line: 16, at: null },
      { text: "表１ 目標と実績", line: 19, at: null },
      { text: "指標\t令和4年度\t令和4年度\t令和5年度\t令和5年度", line: 20, at: "表1 行1" },
      { text: "指標\t目標\t実績\t目標\t実績", line: 21, at: "表1 行2" },
      { text: "就職者数 （人）\t1,500\t1,620\t2,000\t2,100", line: 22, at: "表1 行3" },
      // row 4 holds only &nbsp; and is dropped; the nested table is flattened into its cell
      { text: "相談件数 うち来所 120\t300\t310\t\tR&D", line: 26, at: "表1 行5" },
      { text: "注：速報値です", line: 28, at: null },
      { text: "区分  人数", line: 30, at: null },
      { text: "  男性  820", line: 31, at: null },
      { text: "お問い合わせ", line: 33, at: null },
      { text: "電話 03-0000-0000", line: 33, at: null },
      { text: "定着率\t85%", line: 34, at: "表2 行1" },
    ]);
    expect(read.errors).toEqual([]);
  });

  it("gives each table cell its own locator, and none to running text", () => {
    expect(read.cellLocators[5]).toEqual(["表1 行1 列1", "表1 行1 列2", "表1 行1 列3", "表1 行1 列4", "表1 行1 列5"]);
    expect(read.cellLocators[8]).toEqual(["表1 行5 列1", "表1 行5 列2", "表1 行5 列3", "表1 行5 列4", "表1 行5 列5"]);
    expect(read.cellLocators[0]).toBeNull();
    expect(read.cellLocators[4]).toBeNull();
  });

  it("leaves out scripts, styles, navigation, the page header and footer, and hidden elements", () => {
    const all = read.lines.join("\n");
    for (const text of ["9,999", "color", "ホーム", "目標一覧", "パンくず", "厚生労働省", "非表示", "読み上げない", "有効に", "Copyright"]) {
      expect(all).not.toContain(text);
    }
    // markup residue: entities and escaped tags are decoded or removed, "R&D" stays as written
    for (const residue of ["&nbsp;", "&amp;", "&lt;", "<b>", "\u00a0"]) expect(all).not.toContain(residue);
  });

  it("keeps the header of an article: it holds the article's title", () => {
    const article = readHtml(utf8("<body><article><header><h1>令和5年度 事業報告</h1></header><p>本文</p></article></body>"));
    expect(article.lines).toEqual(["令和5年度 事業報告", "本文"]);
  });

  it("reads the bytes, and reports it, when the declared charset contradicts them", () => {
    const mislabelled = readHtml(utf8('<html><head>\n<meta charset="Shift_JIS"><title>目標</title></head></html>'));
    expect(mislabelled.lines).toEqual(["目標"]);
    expect(mislabelled.errors).toEqual([{ line: 2, reason: "declared shift_jis but the bytes are UTF-8; read as UTF-8" }]);
    const unknown = readHtml(utf8('<meta charset="iso-2022-jp"><p>実績</p>'));
    expect(unknown.lines).toEqual(["実績"]);
    expect(unknown.errors).toEqual([{ line: 1, reason: "unsupported charset iso-2022-jp; read as UTF-8" }]);
  });

  it("reads a UTF-8 page with a BOM and no declaration", () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("<p>実績\n</p><p>1,620人</p>")]);
    expect(rows(readHtml(bom))).toEqual([
      { text: "実績", line: 1, at: null },
      { text: "1,620人", line: 2, at: null },
    ]);
  });

  it("returns no lines for an empty page", () => {
    expect(readHtml(new Uint8Array())).toEqual({ lines: [], fileLines: [], locators: [], cellLocators: [], errors: [] });
  });
});

describe("html helpers", () => {
  it("resolveSpans repeats a spanning cell over its columns and rows, and cuts spans past the last row", () => {
    const cell = (text: string, rowspan = 1, colspan = 1) => ({ text, rowspan, colspan });
    expect(resolveSpans([[cell("a", 3), cell("b", 1, 2)], [cell("c")], [cell("d"), cell("e", 5)]])).toEqual([
      ["a", "b", "b"],
      ["a", "c"],
      ["a", "d", "e"],
    ]);
    expect(resolveSpans([])).toEqual([]);
  });

  it("collapseText adds no space at a source line break next to Japanese, one space elsewhere", () => {
    expect(collapseText("令和5年度\n  目標")).toBe("令和5年度目標");
    expect(collapseText("Work\n  Plan")).toBe("Work Plan");
    expect(collapseText("  目標 \t 1,500 人 ")).toBe("目標 1,500 人");
    expect(collapseText("")).toBe("");
  });
});

describe("readXlsx", () => {
  async function workbook(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const status = wb.addWorksheet("実施状況");
    status.getCell("A1").value = "指標";
    status.getCell("B1").value = "令和5年度";
    status.mergeCells("B1:C1");
    status.getCell("E1").value = "備考"; // column D stays empty throughout
    status.getCell("B2").value = "目標";
    status.getCell("C2").value = "実績";
    status.getCell("A3").value = { richText: [{ text: "就職" }, { font: { bold: true }, text: "者数" }] };
    status.getCell("B3").value = "1,500"; // a number stored as text
    status.getCell("C3").value = 1620;
    status.getCell("E3").value = { formula: "C3*2", result: 3240 };
    status.getCell("A4").value = "基準日";
    status.getCell("B4").value = new Date(Date.UTC(2024, 2, 31));
    status.getCell("C4").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    status.getCell("E4").value = { text: "詳細", hyperlink: "https://www.mhlw.go.jp/" };
    status.getCell("A6").value = 0.1 + 0.2;
    status.getCell("B6").value = 0.855;
    status.getCell("B6").numFmt = "0.0%";
    status.getCell("C6").value = true;
    const other = wb.addWorksheet("My Sheet");
    other.getCell("A1").value = "令和4年度";
    other.getCell("A2").value = "相談\n件数";
    other.mergeCells("A2:A3");
    other.getCell("B2").value = 10;
    other.getCell("B3").value = 20;
    const hidden = wb.addWorksheet("リスト");
    hidden.state = "hidden";
    hidden.getCell("A1").value = "北海道";
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it("reads each sheet's name, then its rows with merged cells repeated and values as the sheet shows them", async () => {
    const read = await readXlsx(await workbook());
    expect(rows(read)).toEqual([
      { text: "実施状況", line: 0, at: "実施状況" },
      { text: "指標\t令和5年度\t令和5年度\t\t備考", line: 1, at: "実施状況!A1:E1" },
      { text: "\t目標\t実績", line: 2, at: "実施状況!B2:C2" },
      { text: "就職者数\t1,500\t1620\t\t3240", line: 3, at: "実施状況!A3:E3" },
      { text: "基準日\t2024-03-31\t\t\t詳細", line: 4, at: "実施状況!A4:E4" },
      { text: "0.3\t85.5%\tTRUE", line: 6, at: "実施状況!A6:C6" },
      { text: "My Sheet", line: 0, at: "'My Sheet'" },
      { text: "令和4年度", line: 1, at: "'My Sheet'!A1" },
      { text: "相談 件数\t10", line: 2, at: "'My Sheet'!A2:B2" },
      { text: "相談 件数\t20", line: 3, at: "'My Sheet'!A3:B3" },
    ]);
    expect(read.cellLocators[2]).toEqual(["実施状況!A2", "実施状況!B2", "実施状況!C2"]);
    expect(read.cellLocators[9]).toEqual(["'My Sheet'!A3", "'My Sheet'!B3"]);
    expect(read.cellLocators[0]).toBeNull();
  });

  it("reports error values and skipped hidden sheets instead of dropping them silently", async () => {
    const read = await readXlsx(await workbook());
    expect(read.errors).toEqual([
      { line: 4, reason: "実施状況!C4: error value #N/A; read as empty" },
      { line: 0, reason: "sheet リスト is hidden; not read" },
    ]);
  });

  it("throws a clear error for bytes that are not an .xlsx workbook", async () => {
    await expect(readXlsx(utf8("指標,目標\n"))).rejects.toThrow("not an .xlsx workbook: the file is not a zip archive");
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(readXlsx(ole)).rejects.toThrow(/legacy \.xls/);
    await expect(readXlsx(utf8("PK\u0003\u0004broken"))).rejects.toThrow(/^not a readable \.xlsx workbook/);
  });
});

describe("sheet helpers", () => {
  it("quoteSheetName quotes as Excel does", () => {
    expect(quoteSheetName("実施状況")).toBe("実施状況");
    expect(quoteSheetName("令和5年度")).toBe("令和5年度");
    expect(quoteSheetName("My Sheet")).toBe("'My Sheet'");
    expect(quoteSheetName("Bob's")).toBe("'Bob''s'");
    expect(quoteSheetName("2024")).toBe("'2024'");
    expect(quoteSheetName("R5")).toBe("'R5'");
    expect(quoteSheetName("（１）実績")).toBe("'（１）実績'");
  });

  it("columnLetter counts as Excel does", () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(["A", "Z", "AA", "AZ", "AAA"]);
  });

  it("numberText writes plain digits and keeps percents as percents", () => {
    expect(numberText(1500, "#,##0.00")).toBe("1500");
    expect(numberText(0.1 + 0.2, undefined)).toBe("0.3");
    expect(numberText(12.5, "General")).toBe("12.5");
    expect(numberText(0.07, "0%")).toBe("7%");
    expect(numberText(3, '0"%以上"')).toBe("3");
  });

  it("dateText writes ISO dates, with the time only when there is one", () => {
    expect(dateText(new Date(Date.UTC(2024, 2, 31)))).toBe("2024-03-31");
    expect(dateText(new Date(Date.UTC(2024, 2, 31, 9, 30)))).toBe("2024-03-31 09:30");
  });
});

describe("readDelimited", () => {
  const csv = "指標,目標,実績\n就職者数,\"1,500\",1620\n";
  const expected = [
    { text: "指標\t目標\t実績", line: 1, at: null },
    { text: "就職者数\t1,500\t1620", line: 2, at: null },
  ];

  it("reads UTF-8, UTF-8 with a BOM and Shift_JIS alike", () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(csv)]);
    for (const bytes of [utf8(csv), bom, iconv.encode(csv, "cp932")]) {
      const read = readDelimited(bytes, ",");
      expect(rows(read)).toEqual(expected);
      expect(read.cellLocators).toEqual([
        ["行1 列1", "行1 列2", "行1 列3"],
        ["行2 列1", "行2 列2", "行2 列3"],
      ]);
      expect(read.errors).toEqual([]);
    }
  });

  it("reads TSV", () => {
    expect(rows(readDelimited(utf8("指標\t目標\t実績\n就職者数\t1,500\t1620"), "\t"))).toEqual(expected);
  });

  it("follows the file's line numbers past a quoted cell holding a line break, and skips empty lines", () => {
    for (const eol of ["\n", "\r\n"]) {
      const text = ["指標,備考", '"就職', '者数","a, b"', "相談件数,10", "", "定着率,85%,,"].join(eol);
      expect(rows(readDelimited(utf8(text), ","))).toEqual([
        { text: "指標\t備考", line: 1, at: null },
        { text: "就職 者数\ta, b", line: 2, at: null },
        { text: "相談件数\t10", line: 4, at: null },
        { text: "定着率\t85%", line: 6, at: null },
      ]);
    }
  });

  it("keeps what it read around an unclosed quote and reports the line it starts on", () => {
    const text = ["指標,目標", "就職者数,1500", "相談件数,300", '定着率,"85%', "利用者数,40", "訪問件数,12"].join("\n");
    const read = readDelimited(utf8(text), ",");
    expect(rows(read)).toEqual([
      { text: "指標\t目標", line: 1, at: null },
      { text: "就職者数\t1500", line: 2, at: null },
      { text: "相談件数\t300", line: 3, at: null },
      { text: "利用者数\t40", line: 5, at: null },
      { text: "訪問件数\t12", line: 6, at: null },
    ]);
    expect(read.errors).toEqual([{ line: 4, reason: 'a quoted cell is never closed; line skipped: "定着率,\\"85%"' }]);
  });

  it("returns no lines for an empty file", () => {
    expect(readDelimited(new Uint8Array(), ",")).toEqual({ lines: [], fileLines: [], locators: [], cellLocators: [], errors: [] });
  });
});

describe("row helpers", () => {
  it("cleanRow collapses each cell's whitespace and drops empty cells at the end only", () => {
    expect(cleanRow([" 就職\n者数 ", "", "1,500\t人", "", "  "])).toEqual(["就職 者数", "", "1,500 人"]);
    expect(cleanRow(["", " "])).toEqual([]);
  });

  it("recordLines counts back from csv-parse's end line past the empty lines it skipped", () => {
    expect(recordLines("a,b\n", 1)).toEqual({ startLine: 1, endLine: 1 });
    expect(recordLines('\n\n"x\ny",c\n', 5)).toEqual({ startLine: 4, endLine: 5 });
    expect(recordLines("last", 7)).toEqual({ startLine: 7, endLine: 7 });
  });
});
