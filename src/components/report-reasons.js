// The extraction report's reasons in Japanese. loaders/extract/** writes each line's reason as an English sentence
// (out/extraction_report.json); the 方法 page shows them through this table of patterns → Japanese templates.
// A translation is a list of parts: Japanese text (strings) and verbatim pieces ({code}: file names, record ids,
// quoted cells and messages of other programs), which the page shows as code. A reason no pattern knows gives null;
// test/report-reasons.test.ts checks that every reason of the real build and the test fixtures has a translation.

const code = (text) => ({code: text});

const STATE_LABELS = {hidden: "非表示", veryHidden: "完全に非表示"};
const STAGE_LABELS = {first: "第一", second: "第二"};
const ROLE_LABELS = {target: "目標", actual: "実績"};
const NOT_REGULAR = {
  "a FIFO (named pipe)": "名前付きパイプ",
  "a socket": "ソケット",
  "a character device": "キャラクタデバイス",
  "a block device": "ブロックデバイス",
  "not a file": "ファイルではないもの",
};
const MALFORMED = {
  "exponent notation, not a count as written": "指数表記で、書かれたとおりの件数ではありません",
  "a space inside the figure": "数字の間に空白があります",
  "、 between digits, a list or a separator": "数字の間に「、」があり、列挙か区切りです",
  "not one well-formed number": "一つの正しい数の書き方ではありません",
  "too large to be read exactly": "大きすぎて正確に読めません",
};
const SCHEMA_MUST = {
  "a non-empty string": "空でない文字列",
  "an integer": "整数",
  "a finite number": "有限の数",
  "true or false": "真偽値",
  "an ISO date": "年月日の日付",
};

/** A size as source.ts writes it ("12 MB", "300 bytes"). */
const size = (text) => text.replace(/ bytes$/, "バイト").replace(/ MB$/, "メガバイト");
const fy = (a, b) => (a === b ? `FY${a}` : `FY${a}–${b}`);

/**
 * [pattern, template]: the first pattern that matches the whole reason gives its parts. A template gets the match
 * and `sub`, which translates a nested reason (or throws when it cannot).
 */
const RULES = [
  // The sources directory (extract.ts, source.ts)
  [/^a hidden file \(its name starts with a dot\): not read$/, () => ["隠しファイル（名前がドットで始まる）のため読みません"]],
  [/^a README: it describes the sources and is not one of them$/, () => ["資料の説明（", code("README"), "）で、資料そのものではありません"]],
  [/^the source registry: it describes the sources and is not one of them$/, () => ["出典一覧（", code("sources.csv"), "）で、資料そのものではありません"]],
  [/^a directory: subdirectories are not read$/, () => ["フォルダです（中のフォルダは読みません）"]],
  [/^(.+), not a regular file: not read$/, (m) => (NOT_REGULAR[m[1]] ? [`${NOT_REGULAR[m[1]]}で、通常のファイルではないため読みません`] : null)],
  [/^no source files in this directory$/, () => ["このフォルダに資料がありません"]],
  [/^cannot read: (.+)$/s, (m) => ["ファイルを読めませんでした：", code(m[1])]],
  [/^too large for a source text: not at its end after (.+)$/, (m) => [`資料として大きすぎます（${size(m[1])}を読んでも終わりません）`]],
  [/^too large for a source text: (.+), over (.+)$/, (m) => [`資料として大きすぎます（${size(m[1])}、上限 ${size(m[2])}）`]],
  [/^cannot extract: (.+)$/s, (m, sub) => ["資料を読み取れませんでした：", ...sub(m[1])]],
  [/^empty file: no text to extract$/, () => ["空のファイルです（読み取る文字がありません）"]],
  [/^binary or undecodable file: not a text source$/, () => ["バイナリ、または文字として読めないファイルで、テキストの資料ではありません"]],
  [/^a line of (\d+) characters, over (\d+): too long for a statement, not read$/, (m) => [`${m[1]}文字の行で、上限の${m[2]}文字を超えるため読みません`]],
  [/^undecodable bytes: the line is not read$/, () => ["文字として読めないバイトを含むため、この行は読みません"]],
  [/^no KPI statement found: no layout parser recognizes this document and the general readers found no target or actual$/, () => ["KPI の記述が見つかりません（どの様式のパーサーにも合わず、汎用の読み取りでも目標・実績が見つかりませんでした）"]],
  [/^parser (\S+) failed: (.+)$/s, (m) => ["パーサー ", code(m[1]), " が失敗しました：", code(m[2])]],

  // Formats (formats/*.ts)
  [/^no text layer: a scanned PDF needs OCR$/, () => ["文字の情報がありません。スキャンした PDF で、文字認識が必要です"]],
  [/^encrypted PDF: it needs a password to open$/, () => ["暗号化された PDF で、開くにはパスワードが必要です"]],
  [/^damaged PDF: (.+)$/s, (m) => ["壊れた PDF です：", code(m[1])]],
  [/^unreadable PDF: (.+)$/s, (m) => ["読めない PDF です：", code(m[1])]],
  [/^p\.(\d+) could not be read: (.+)$/s, (m) => [`${m[1]}ページ目を読めませんでした：`, code(m[2])]],
  [/^p\.(\d+): (\d+) text runs? left out, not reading left to right \(vertical or turned\)$/, (m) => [`${m[1]}ページ目：左から右に読めない文字列（縦書き・回転）${m[2]}個を除きました`]],
  [/^p\.(\d+) has no text \(a blank page, or a scan that needs OCR\)$/, (m) => [`${m[1]}ページ目に文字がありません（白紙か、文字認識が必要なスキャン）`]],
  [/^sheet (.+) is (hidden|veryHidden); not read$/, (m) => ["シート ", code(m[1]), ` は${STATE_LABELS[m[2]]}のため読みません`]],
  [/^error value (.+); read as empty$/, (m) => ["エラー値 ", code(m[1]), " のため空のセルとして読みます"]],
  [/^formula without a saved result; read as empty$/, () => ["計算結果の保存されていない数式のため、空のセルとして読みます"]],
  [/^unsupported charset (.+); read as (.+)$/, (m) => ["対応していない文字コード ", code(m[1]), " のため、", code(m[2]), " として読みました"]],
  [/^declared UTF-8 but the bytes are not UTF-8; read as Shift_JIS$/, () => [code("UTF-8"), " と宣言されていますが ", code("UTF-8"), " ではないため、", code("Shift_JIS"), " として読みました"]],
  [/^declared (.+) but the bytes are UTF-8; read as UTF-8$/, (m) => [code(m[1]), " と宣言されていますが、", code("UTF-8"), " として読みました"]],
  [/^too many malformed records; lines (\d+)–(\d+) not read$/, (m) => [`形式の崩れた行が多すぎるため、${m[1]}〜${m[2]}行目は読みません`]],
  [/^a quoted cell is never closed; line skipped: (.*)$/s, (m) => ["引用符で始まるセルが閉じていないため、この行は読みません：", code(m[1])]],
  [/^(.+); line skipped: (.*)$/s, (m) => ["CSV の形式が崩れているため、この行は読みません（", code(m[1]), "）：", code(m[2])]],
  [/^([^!]+)!([A-Z]+\d+): (.+)$/s, (m, sub) => ["シート ", code(m[1]), ` のセル ${m[2]}：`, ...sub(m[3])]],

  // Records and duplicates (extract.ts, statements.ts)
  [/^duplicate record ([0-9a-f]+) \((.+), FY(\d{4})–(\d{4})\)$/s, (m) => ["同じレコード（", code(m[1]), `、「${m[2]}」${fy(m[3], m[4])}）が2回読み取られました`]],
  [/^invalid record: (.+)$/s, (m, sub) => ["レコードがスキーマに合いません：", ...sub(m[1])]],
  [/^the same text as (.+): its (\d+) records are counted once, from (.+)$/s, (m) => [code(m[1]), ` と同じ内容の資料です。その${m[2]}件のレコードは `, code(m[3]), " から1回だけ数えます"]],
  [/^record_id ([0-9a-f]+) also produced by (.+)$/s, (m) => ["レコードID ", code(m[1]), " は ", code(m[2]), " でも作られています"]],
  [
    /^the same statement as (.+?) under (.+), restated under (.+) \((.+), FY(\d{4})–(\d{4})\): counted once, from there$/s,
    (m) => [code(m[1]), `（${m[2]}）と同じ記述を${m[3]}の行として再び載せたもの（「${m[4]}」${fy(m[5], m[6])}）。元の行で1回だけ数えます`],
  ],
  [/^the same statement as (.+) \((.+), FY(\d{4})–(\d{4})\): counted once, from there$/s, (m) => [code(m[1]), ` と同じ記述（「${m[2]}」${fy(m[3], m[4])}）。元の行で1回だけ数えます`]],
  [/^looks like a KPI statement but no record was read from it$/, () => ["KPI の記述に見えますが、レコードを読み取れませんでした"]],
  [/^figures on this line not read as statements of their own: (.+)$/s, (m) => [`この行の数値（${m[1].split(", ").join("、")}）は、それ自体の目標・実績としては読んでいません`]],

  // Values (parsers/values.ts)
  [/^negative figure (-?[\d.]+): a change, not a count$/, (m) => [`負の数 ${m[1]}：増減を表す値で、件数ではありません`]],
  [/^malformed number (".*"): (.+)$/s, (m) => (MALFORMED[m[2]] ? ["数として読めない表記 ", code(m[1]), `：${MALFORMED[m[2]]}`] : null)],

  // Grant case studies (parsers/case-study.ts)
  [/^KPI block with no program title \(事業名【実施主体】\) left to pair it with$/, () => ["対応する事業名（事業名【実施主体】）のない KPI の欄です"]],
  [/^second 交付金対象事業費 after the title on line (\d+)$/, (m) => [`${m[1]}行目の事業名のあとに、2つ目の交付金対象事業費があります`]],
  [/^cannot read the fiscal year of column (".*")$/s, (m) => ["列 ", code(m[1]), " の年度を読めません"]],
  [/^cannot read the fiscal year of (".*")$/s, (m) => [code(m[1]), " の年度を読めません"]],
  [/^unexpected text after the KPI marker: (".*")$/s, (m) => ["KPI の見出しのあとに想定しない文字列があります：", code(m[1])]],
  [/^cannot align (\d+) values with the names above: (".*") \(line (\d+)\) does not read as an indicator name$/s, (m) => [`${m[1]}個の値を上の指標名と対応付けられません。`, code(m[2]), `（${m[3]}行目）は指標名として読めません`]],
  [/^cannot align (\d+) values with the indicator names above the marker \(found (\d+)\)$/, (m) => [`${m[1]}個の値を、見出しの上の指標名と対応付けられません（見つかった指標名は${m[2]}個）`]],
  [/^overview before the first case sheet: figures about the grant as a whole, not a program KPI$/, () => ["最初の事例シートより前の概要で、交付金全体についての数値です（事業の KPI ではありません）"]],
  [/^figure in a program's description, outside its 令和N年度KPI block: not a KPI$/, () => ["事業の説明の中の数値で、「令和○年度KPI」の欄の外にあるため KPI ではありません"]],

  // Grant status reports (parsers/status-report.ts)
  [/^a series of earlier actuals in a note on the KPIs of lines (.+): which one it belongs to is not said$/, (m) => [`${m[1].split(", ").join("・")}行目の KPI についての注記にある過去の実績の系列で、どの KPI のものか書かれていません`]],
  [/^KPI statement outside any program \(no '№ 実施主体' header above it\)$/, () => ["どの事業にも属さない KPI の記述です（上に「№ 実施主体」の見出しがありません）"]],
  [/^KPI statement without an indicator name$/, () => ["指標名のない KPI の記述です"]],
  [/^(.+) given twice on one line with different values: (.+); neither is kept$/s, (m) => [`「${m[1]}」が1行に異なる値で2回書かれています（${m[2].split(" and ").join("、")}）。どちらも使いません`]],

  // Platform plans (parsers/platform-plan.ts)
  [/^no platform name \(「…プラットフォーム」\) in the first lines$/, () => ["最初の数行にプラットフォームの名前（「…プラットフォーム」）がありません"]],
  [/^KPI stated without a number \(nothing to record\)$/, () => ["数値のない KPI です（記録する値がありません）"]],
  [/^「(\d+)年間で」 does not fit the (first|second) stage$/, (m) => [`「${m[1]}年間で」が${STAGE_LABELS[m[2]]}ステージの期間に合いません`]],
  [/^「(\d+)年間で」 does not fit any stage heading above it$/, (m) => [`「${m[1]}年間で」が上のどのステージの見出しにも合いません`]],
  [/^goal sentence whose figure or period cannot be read$/, () => ["数値または期間を読めない目標の文です"]],
  [/^figure quoted in the plan's narrative \(situation or footnote\), not a KPI of the plan$/, () => ["計画の本文（現状の説明や注記）に引用された数値で、計画の KPI ではありません"]],

  // Grant KPI plans (parsers/kpi-plan.ts)
  [/^figure in a program's description, outside its KPI table and results: not a KPI$/, () => ["事業の説明の中の数値で、KPI の表と実績の外にあるため KPI ではありません"]],
  [/^KPI table header without a fiscal-year column$/, () => ["年度の列のない KPI の表の見出しです"]],
  [/^KPI row has (\d+) values for (\d+) columns$/, (m) => [`KPI の行の値が${m[1]}個で、${m[2]}列の見出しと合いません`]],
  [/^column (\d+): (.+)$/s, (m, sub) => [`${m[1]}列目：`, ...sub(m[2])]],
  [/^cannot read (".*") in column (\d+)$/s, (m) => [`${m[2]}列目の `, code(m[1]), " を読めません"]],
  [/^cannot read (.+)$/s, (m) => [code(m[1]), " を読めません"]],
  [/^result (\S+) with no KPI table above it to match$/, (m) => [`実績 ${m[1]}：対応する KPI の表が上にありません`]],
  [/^result (\S+) \((".*")\) matches no KPI clearly: (.*)$/s, (m) => [`実績 ${m[1]}（`, code(m[2]), "）がどの KPI に当たるか明確ではありません（一致度：", code(m[3]), "）"]],
  [/^result (\S+): not one quantity$/, (m) => [`実績 ${m[1]}：一つの数量ではありません`]],
  [/^result (\S+): (.+)$/s, (m, sub) => [`実績 ${m[1]}：`, ...sub(m[2])]],

  // Platform KPI status tables (parsers/platform-status.ts)
  [/^goal outside any section$/, () => ["どの区分にも属さない目標です"]],
  [/^header row without fiscal-year columns$/, () => ["年度の列のない見出しの行です"]],
  [/^table row before the title, a section heading or the year header$/, () => ["表題・区分の見出し・年度の見出しより前にある表の行です"]],
  [/^no labelled figure; only prose \((.+)\)$/s, (m) => [`ラベルの付いた数値がなく、文章の中の数値（${m[1].split(", ").join("、")}）だけです`]],
  [/^no labelled figure; only prose$/, () => ["ラベルの付いた数値がなく、文章だけです"]],
  [/^goal without a number$/, () => ["数値のない目標です"]],
  [/^goal of (.+) matches no 全体KPI target of its section$/, (m) => [`目標 ${m[1]} は、その区分の全体KPIの目標のどれにも当たりません`]],
  [/^全体KPI target without a number: (".*")$/s, (m) => ["数値のない全体KPIの目標です：", code(m[1])]],
  [/^全体KPI target (".*"): (negative figure .+)$/s, (m, sub) => ["全体KPIの目標 ", code(m[1]), "：", ...sub(m[2])]],
  [/^「(\d+)年間」 disagrees with the stage of the title$/, (m) => [`「${m[1]}年間」が表題のステージと合いません`]],
  [/^全体KPI actual (".*"): (negative figure .+)$/s, (m, sub) => ["全体KPIの実績 ", code(m[1]), "：", ...sub(m[2])]],
  [/^全体KPI actual (".*") matches no target$/s, (m) => ["全体KPIの実績 ", code(m[1]), " に当たる目標がありません"]],
  [/^two FY(\d{4}) actuals for the target (".*")$/s, (m) => ["目標 ", code(m[2]), ` に FY${m[1]} の実績が2つあります`]],
  [/^row without an agency tag \(<…>\) above it$/, () => ["上に機関名の見出し（<…>）のない行です"]],
  [/^(.+): as-of date (\d{4}-\d{2}-\d{2}) lies outside FY(\d{4})$/s, (m) => [`「${m[1]}」：時点 ${m[2]} が FY${m[3]} の外にあります`]],

  // General readers (readers/*.ts)
  [/^a total of the rows above, not a KPI of its own$/, () => ["上の行の合計で、それ自体の KPI ではありません"]],
  [/^no figure in the target or actual columns \(blank, －, 集計中\)$/, () => ["目標・実績の列に数値がありません（空欄、－、集計中）"]],
  [/^(target|actual) cell (".*") is not a figure$/s, (m) => [`${ROLE_LABELS[m[1]]}のセル `, code(m[2]), " は数値ではありません"]],
  [/^a target or actual with no indicator name before it$/, () => ["前に指標名のない目標・実績です"]],
  [/^(.+): a range or a difference, not one figure$/s, (m) => [`「${m[1]}」：範囲か差で、一つの数値ではありません`]],
  [/^(.+): no fiscal year in the sentence or a heading above$/s, (m) => [`「${m[1]}」：文にも上の見出しにも年度がありません`]],
  [/^(.+): no fiscal year in the header, the row or a heading above$/s, (m) => [`「${m[1]}」：表の見出し・行・上の見出しのどれにも年度がありません`]],
  [/^(.+): no implementing body in a heading or the document's opening$/s, (m) => [`「${m[1]}」：見出しにも資料の冒頭にも実施主体がありません`]],
  [/^(.+): no implementing body in the row, a heading or the document's opening$/s, (m) => [`「${m[1]}」：行・見出し・資料の冒頭のどれにも実施主体がありません`]],
  [/^(.+): no fiscal year$/s, (m) => [`「${m[1]}」：年度がありません`]],
  [/^(.+): no implementing body$/s, (m) => [`「${m[1]}」：実施主体がありません`]],
  [/^target and actual in different units \((.+)\)$/, (m) => [`目標と実績の単位が違います（${m[1].split(", ").join("、")}）`]],
  [/^no indicator name$/, () => ["指標名がありません"]],
  [/^records row: (.+)$/s, (m, sub) => ["記録表の行：", ...sub(m[1])]],
  [/^no fiscal year \(period_start_fy\)$/, () => ["年度（", code("period_start_fy"), "）がありません"]],
  [/^unknown body (".*")$/s, (m) => ["実施主体 ", code(m[1]), " がわかりません"]],
  [/^a record needs a target or an actual$/, () => ["レコードには目標か実績が必要です"]],

  // Bodies (bodies.ts)
  [/^unknown prefecture code (".*")$/s, (m) => ["都道府県コード ", code(m[1]), " がわかりません"]],
  [/^unknown local government (".*")$/s, (m) => ["地方公共団体 ", code(m[1]), " がわかりません"]],
  [/^ambiguous local government (".*"): (.+)$/s, (m) => ["地方公共団体 ", code(m[1]), ` がどの都道府県のものか決まりません（${m[2].split(", ").join("、")}）`]],
  [/^cannot tell the prefecture of platform (".*")$/s, (m) => ["プラットフォーム ", code(m[1]), " の都道府県がわかりません"]],
  [/^unknown prefecture (".*")$/s, (m) => ["都道府県 ", code(m[1]), " がわかりません"]],
  [/^unknown agency tag <(.+)> in (.+)$/s, (m) => [`${m[2]}の機関名の見出し <`, code(m[1]), "> がわかりません"]],

  // Curation (curation.ts)
  [/^malformed CSV: (.+)$/s, (m) => ["補正ファイルの CSV の形式が崩れています：", code(m[1])]],
  [/^action must be one of (.+), got (".*")$/s, (m) => [code("action"), " は ", code(m[1]), " のいずれかでなければなりません（", code(m[2]), "）"]],
  [/^every curation row needs a reason$/, () => ["補正の行にはすべて理由（", code("reason"), "）が必要です"]],
  [/^(\w+) names record (".*"), which no parser produced$/s, (m) => [code(m[1]), " が指すレコード ", code(m[2]), " は、どのパーサーも作っていません"]],
  [/^source_file (".*") is not a loaded, parsed source$/s, (m) => [code("source_file"), " の ", code(m[1]), " は、読み込んだ資料ではありません"]],
  [/^source_line (\d+)(?: \((.+)\))? is outside (.+)$/s, (m) => [code("source_line"), ` の ${m[1]}${m[2] ? `（${m[2]}）` : ""} は `, code(m[3]), " の範囲の外です"]],
  [/^an added record needs a body$/, () => ["追加するレコードには実施主体（", code("body"), "）が必要です"]],
  [/^curated record is invalid: (.+)$/s, (m, sub) => ["補正したレコードがスキーマに合いません：", ...sub(m[1])]],
  [/^add duplicates parsed record ([0-9a-f]+); use action=replace to correct it$/, (m) => [code("add"), " が、読み取ったレコード ", code(m[1]), " と重複しています。訂正には ", code("action=replace"), " を使ってください"]],

  // The record schema (schema.ts)
  [/^(\w+) is missing$/, (m) => [code(m[1]), " がありません"]],
  [/^(\w+) must be (a non-empty string|an integer|a finite number|true or false|an ISO date)$/, (m) => [code(m[1]), ` は${SCHEMA_MUST[m[2]]}でなければなりません`]],
  [/^(\w+) (".*") is not one of (.+)$/s, (m) => [code(m[1]), " の ", code(m[2]), " は、許される値（", code(m[3]), "）のどれでもありません"]],
  [/^(\w+) (".*") is malformed$/s, (m) => [code(m[1]), " の ", code(m[2]), " は形式が正しくありません"]],
  [/^(\w+) (".*") is not a number$/s, (m) => [code(m[1]), " の ", code(m[2]), " は数ではありません"]],
  [/^(\w+) (".*") is not true or false$/s, (m) => [code(m[1]), " の ", code(m[2]), " は真偽値（", code("true"), "・", code("false"), "）ではありません"]],
  [/^actual_as_of (".*") is not a date$/s, (m) => [code("actual_as_of"), " の ", code(m[1]), " は日付ではありません"]],
  [/^unknown column (.+)$/, (m) => ["不明な列 ", code(m[1])]],
  [/^period_start_fy is after period_end_fy$/, () => ["開始年度が終了年度より後です"]],
  [/^fiscal years must lie in (\d{4})–(\d{4})$/, (m) => [`年度は${m[1]}〜${m[2]}の範囲でなければなりません`]],
  [/^target_op is set exactly when target is$/, () => [code("target_op"), " は目標があるときだけ設定します"]],
  [/^actual_as_of without an actual$/, () => ["実績のない時点（", code("actual_as_of"), "）です"]],
  [/^target is negative$/, () => ["目標が負の数です"]],
  [/^actual is negative$/, () => ["実績が負の数です"]],
  [/^body_code (".*") fails its check digit$/s, (m) => ["全国地方公共団体コード ", code(m[1]), " の検査数字が合いません"]],
  [/^record_id does not match its key fields$/, () => [code("record_id"), " がキーの列と合いません"]],

  // A figure's own reason after its indicator's name: 「name」：reason (platform-status.ts, readers/prose.ts).
  [/^(.+?): (.+)$/s, (m, sub) => [`「${m[1]}」：`, ...sub(m[2])]],
];

class Untranslated extends Error {}

function parts(reason) {
  for (const [pattern, template] of RULES) {
    const m = pattern.exec(reason);
    if (!m) continue;
    try {
      const out = template(m, (inner) => parts(inner));
      if (out) return out;
    } catch (error) {
      if (!(error instanceof Untranslated)) throw error;
    }
  }
  // Problems a reader or the schema found, joined by "; ".
  const list = reason.split("; ");
  if (list.length > 1) return list.flatMap((p, i) => [...(i ? ["。"] : []), ...parts(p)]);
  throw new Untranslated(reason);
}

/** The reason in Japanese, as parts (strings, and {code} for verbatim pieces); null when no pattern knows it. */
export function translateReason(reason) {
  try {
    return merge(parts(String(reason)));
  } catch (error) {
    if (error instanceof Untranslated) return null;
    throw error;
  }
}

/** The translation as one line of text, verbatim pieces as they are; null when there is none. */
export function reasonText(reason) {
  const out = translateReason(reason);
  return out && out.map((p) => (typeof p === "string" ? p : p.code)).join("");
}

/** Adjacent strings joined, so that a page writes each run of text once. */
function merge(list) {
  const out = [];
  for (const p of list) {
    if (typeof p === "string" && typeof out.at(-1) === "string") out[out.length - 1] += p;
    else out.push(p);
  }
  return out;
}
