// Programs for the report pages: 事業一覧 over the rows of src/lib/list-programs.js (search, filters and sort kept in
// the URL; its table made by data-table.js), and the program pages' titles and texts. The charts are in
// program-charts.js, so that a page without charts does not load Plot.
import {html} from "htl";
import {formatFiscalYears, formatNumber, formatPercent, metEarlyText, STATUS_LABELS} from "./format.js";
import {dataTable} from "./data-table.js";
import {programHref} from "../lib/program-id.js";
import {judgedRatio, isInProgress, OWES_EXPLANATION} from "../lib/status.js";
import {queryTerms, search, termMatches} from "./search.js";

/** A link to a program's page, its name as text. */
export function programLink(row, base = "./") {
  return html`<a href=${programHref(row, base)}>${row.program}</a>`;
}

// --- 事業一覧: search, filters and sort, and their URL form ----------------------------------------------------------

const byPrefecture = (a, b) => a.prefecture_code.localeCompare(b.prefecture_code);

/**
 * The columns 事業一覧 sorts by (the URL's sort=<key>): each with its header, whether it is a figure (figures sort
 * largest first when chosen), and its order. A program without the figure (no budget) comes last either way.
 */
export const PROGRAM_SORTS = {
  prefecture: {label: "都道府県", compare: byPrefecture},
  body: {label: "実施主体", compare: (a, b) => a.body.localeCompare(b.body, "ja")},
  program: {label: "事業", compare: (a, b) => a.program.localeCompare(b.program, "ja")},
  kpis: {label: "KPI数", numeric: true, value: (p) => p.kpis.length},
  met: {label: "達成 / 評価済み", numeric: true, value: (p) => p.n_met, then: (p) => p.n_assessed},
  flagged: {label: "要確認", numeric: true, value: (p) => p.n_flagged},
  budget: {label: "交付金対象事業費", numeric: true, value: (p) => p.budget_thousand_yen},
};

/** The statuses 事業一覧 filters by (the URL's status=<key>): programs with at least one KPI so judged. */
export const PROGRAM_STATUS_FILTERS = {
  flagged: {label: "要確認あり", test: (p) => p.n_flagged > 0},
  met: {label: "達成あり", test: (p) => p.n_met > 0},
  short: {label: "未達・基準未満あり", test: (p) => p.n_short > 0},
  in_progress: {label: "期間途中あり", test: (p) => p.n_in_progress > 0},
  unassessed: {label: "期間の終わった評価なし", test: (p) => p.n_assessed === 0},
};

/** The URL parameters of 事業一覧, in the order the URL writes them, with their names on the page. */
export const PROGRAM_LIST_PARAMS = {q: "検索", prefecture: "都道府県", status: "評価", sort: "並べ替え", order: "並び順"};

const ORDERS = {asc: "昇順", desc: "降順"};

/** The prefectures of the programs, {code, name} in code order: the choices of the prefecture filter. */
export function listPrefectures(programs) {
  const names = new Map();
  for (const p of programs) names.set(p.prefecture_code, p.prefecture);
  return [...names].sort(([a], [b]) => a.localeCompare(b)).map(([code, name]) => ({code, name}));
}

/**
 * The list's state from a URL query (location.search): {q, prefecture (a name), status, sort, order}, and what could
 * not be applied, [{key, value, reason}] in the order given. A prefecture is named (兵庫県) or given by its code (28);
 * a sort without an order takes the column's own (figures largest first); an order without a sort is not applied.
 */
export function readListState(searchText, prefectures) {
  const state = {q: "", prefecture: null, status: null, sort: null, order: null};
  const ignored = [];
  const ignore = (key, value, reason) => ignored.push({key, value, reason});
  for (const [key, value] of new URLSearchParams(searchText)) {
    if (key === "q") state.q = value;
    else if (value === "" && Object.hasOwn(PROGRAM_LIST_PARAMS, key)) continue; // given empty: not chosen
    else if (key === "prefecture") {
      const found = prefectures.find((p) => p.name === value || p.code === value);
      if (found) state.prefecture = found.name;
      else ignore(key, value, "この一覧に事業のない都道府県です");
    } else if (key === "status") {
      if (Object.hasOwn(PROGRAM_STATUS_FILTERS, value)) state.status = value;
      else ignore(key, value, "選べる評価ではありません");
    } else if (key === "sort") {
      if (Object.hasOwn(PROGRAM_SORTS, value)) state.sort = value;
      else ignore(key, value, "並べ替えられる列ではありません");
    } else if (key === "order") {
      if (Object.hasOwn(ORDERS, value)) state.order = value;
      else ignore(key, value, "使える並び順ではありません");
    } else ignore(key, value, "この一覧にない指定です");
  }
  if (state.sort && !state.order) state.order = defaultOrder(state.sort);
  if (!state.sort && state.order) {
    ignore("order", state.order, "並べ替える列の指定がありません");
    state.order = null;
  }
  return {state, ignored};
}

/** The order a column sorts in when first chosen: figures largest first, names in order. */
export function defaultOrder(sortKey) {
  return PROGRAM_SORTS[sortKey]?.numeric ? "desc" : "asc";
}

/** The URL query of a list state ("" for the whole list unsorted): ?q=…&prefecture=兵庫県&status=…&sort=…&order=…. */
export function listStateSearch(state) {
  const params = new URLSearchParams();
  if (state.q?.trim()) params.set("q", state.q.trim());
  if (state.prefecture) params.set("prefecture", state.prefecture);
  if (state.status) params.set("status", state.status);
  if (state.sort) {
    params.set("sort", state.sort);
    params.set("order", state.order ?? defaultOrder(state.sort));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** 「URL の指定のうち、次のものは使えないため無視しました：都道府県「東京都」（…）」; null when everything applied. */
export function ignoredParamsText(ignored) {
  if (!ignored.length) return null;
  const part = ({key, value, reason}) => (Object.hasOwn(PROGRAM_LIST_PARAMS, key) ? `${PROGRAM_LIST_PARAMS[key]}「${value}」（${reason}）` : `「${key}=${value}」（${reason}）`);
  return `URL の指定のうち、次のものは使えないため無視しました：${ignored.map(part).join("、")}`;
}

/** The texts a program is searched in: its name, body, prefecture and KPI names (earlier ones count more). */
const searchFields = (p) => [p.program, p.body, p.prefecture, ...p.kpis];

/**
 * The programs a list state shows, in its order: those matching the search (best first when not sorted), of the
 * prefecture and with the status; sorted by the column (ties keep the order before), without the figure last.
 */
export function selectPrograms(programs, state) {
  let rows = search(programs, state.q ?? "", searchFields);
  if (state.prefecture) rows = rows.filter((p) => p.prefecture === state.prefecture);
  if (state.status) rows = rows.filter(PROGRAM_STATUS_FILTERS[state.status].test);
  const column = PROGRAM_SORTS[state.sort];
  if (!column) return rows;
  const sign = (state.order ?? defaultOrder(state.sort)) === "asc" ? 1 : -1;
  const compare = column.compare ?? ((a, b) => column.value(a) - column.value(b) || (column.then ? column.then(a) - column.then(b) : 0));
  const missing = (p) => column.value && column.value(p) == null;
  return rows
    .map((p, i) => ({p, i}))
    .sort((a, b) => missing(a.p) - missing(b.p) || (missing(a.p) ? 0 : sign * compare(a.p, b.p)) || a.i - b.i)
    .map((d) => d.p);
}

/**
 * 事業一覧 as one element: a search box, the prefecture and status filters, a line naming URL parameters that could
 * not be applied, the count, and the table sortable by every column (one card per program on a phone). The state
 * starts from `searchText` (location.search) and every change is written back to the URL with replaceState, so that
 * the address can be shared (history and location: the window's, unless given).
 */
export function programListView(programs, {searchText = "", base = "./", first = 500, history: hist = globalThis.history, location: loc = globalThis.location} = {}) {
  const prefectures = listPrefectures(programs);
  const {state, ignored} = readListState(searchText, prefectures);
  const input = html`<input type="search" id="program-search-input" autocomplete="off" placeholder="例: ひきこもり、就労支援、神戸" aria-describedby="program-search-help">`;
  input.value = state.q;
  const prefectureSelect = html`<select id="program-prefecture"><option value="">すべて</option>${prefectures.map((p) => html`<option value=${p.name}>${p.name}</option>`)}</select>`;
  prefectureSelect.value = state.prefecture ?? "";
  const statusSelect = html`<select id="program-status"><option value="">すべて</option>${Object.entries(PROGRAM_STATUS_FILTERS).map(([key, f]) => html`<option value=${key}>${f.label}</option>`)}</select>`;
  statusSelect.value = state.status ?? "";
  const reset = html`<button type="button" id="program-reset">条件を解除</button>`;
  const notice = ignoredParamsText(ignored);
  const count = html`<p id="program-count" role="status"></p>`;
  const results = html`<div id="program-results"></div>`;
  const view = html`<div class="programs-list">
    <form class="programs-filters" role="search" aria-label="事業の検索と絞り込み">
      <div id="program-search" class="programs-field programs-field-search"><label for="program-search-input">検索</label>${input}</div>
      <div class="programs-field"><label for="program-prefecture">都道府県</label>${prefectureSelect}</div>
      <div class="programs-field"><label for="program-status">評価</label>${statusSelect}</div>
      <div class="programs-field programs-field-reset">${reset}</div>
    </form>
    <p id="program-search-help" class="muted programs-help">事業名・実施主体・都道府県・KPI名の一部で探せます（全角・半角、カタカナ・ひらがなを区別しません。空白で区切ると全ての語を含む事業）。評価は、その評価の KPI が1件以上ある事業に絞ります。表の見出しを押すと、その列で並べ替えます（もう一度押すと逆順）。</p>
    ${notice ? html`<p id="program-url-notice" class="programs-notice">${notice}</p>` : null}
    ${count}
    ${results}
  </div>`;
  view.querySelector("form").onsubmit = (event) => event.preventDefault();

  const render = () => {
    const rows = selectPrograms(programs, state);
    const terms = queryTerms(state.q);
    // the KPIs that match the query, shown under the count so that a match on a KPI name is visible
    const matchingKpis = (p) => (terms.length === 0 ? [] : p.kpis.filter((k) => terms.some((t) => termMatches(t, k))));
    const filters = [state.prefecture, state.status ? PROGRAM_STATUS_FILTERS[state.status].label : null].filter(Boolean);
    const what = `${state.q.trim() ? `「${state.q.trim()}」に該当する` : ""}${filters.length ? `${filters.join("・")}の` : ""}事業: `;
    const sorted = state.sort ? `、${PROGRAM_SORTS[state.sort].label}の${ORDERS[state.order]}` : "";
    count.replaceChildren(...html`<span>${what}<strong>${formatNumber(rows.length)}件</strong>（全${formatNumber(programs.length)}件${sorted}）</span>`.childNodes);
    const column = (key, value, extra = {}) => ({label: PROGRAM_SORTS[key].label, sortKey: key, value, numeric: PROGRAM_SORTS[key].numeric, ...extra});
    results.replaceChildren(
      dataTable(
        rows,
        [
          column("prefecture", (p) => p.prefecture),
          column("body", (p) => p.body),
          column("program", (p) => programLink(p, base), {primary: true, className: "programs-name-cell"}),
          column("kpis", (p) => html`<span title=${p.kpis.join("\n")}>${formatNumber(p.kpis.length)}</span>${matchingKpis(p).map((k) => html`<div class="muted programs-matching-kpi">${k}</div>`)}`, {numeric: false, className: "programs-number-cell"}),
          column("met", (p) => `${formatNumber(p.n_met)} / ${formatNumber(p.n_assessed)}`),
          column("flagged", (p) => formatNumber(p.n_flagged)),
          column("budget", (p) => formatNumber(p.budget_thousand_yen, "千円")),
        ],
        {className: "program-table", first, sort: {key: state.sort, order: state.order, onSort}},
      ),
    );
  };
  const update = () => {
    render();
    const next = listStateSearch(state);
    if (loc && hist && next !== loc.search) hist.replaceState(hist.state, "", `${loc.pathname}${next}${loc.hash}`);
  };
  function onSort(key) {
    state.order = state.sort === key ? (state.order === "asc" ? "desc" : "asc") : defaultOrder(key);
    state.sort = key;
    update();
    // the table is new: keep the keyboard on the header just pressed
    results.querySelector(`.programs-sort-button[data-sort="${key}"]`)?.focus();
  }
  input.oninput = () => {
    state.q = input.value;
    update();
  };
  prefectureSelect.onchange = () => {
    state.prefecture = prefectureSelect.value || null;
    update();
  };
  statusSelect.onchange = () => {
    state.status = statusSelect.value || null;
    update();
  };
  reset.onclick = () => {
    Object.assign(state, {q: "", prefecture: null, status: null, sort: null, order: null});
    input.value = prefectureSelect.value = statusSelect.value = "";
    update();
  };
  update();
  return view;
}

// --- the program pages ----------------------------------------------------------------------------------------------

/** The page's title: 「事業名（実施主体）— 就職氷河期世代支援 KPI」. */
export function programPageTitle(row, site = "就職氷河期世代支援 KPI") {
  return `${row.program}（${row.body}）— ${site}`;
}

/**
 * The actual's breakdown (kpi_assessments.actual_breakdown, written by the SQL as 「FY2023: 23; FY2024: 23 (as of
 * 2025-02-12)」 or 「FY2023–2024: 3200」) in Japanese: 「令和5年度 23、令和6年度 23（2025-02-12時点）」, each figure with
 * separators and `unit` after it. A part it cannot read is kept as written; null or "" → "".
 */
export function formatBreakdown(text, unit = "") {
  if (text == null || text === "") return "";
  return String(text)
    .split("; ")
    .map((part) => {
      const m = /^FY(\d{4})(?:[–-](\d{4}))?: (-?[\d.e+]+)(?: \(as of (\d{4}-\d{2}-\d{2})\))?$/.exec(part.trim());
      if (!m || !Number.isFinite(Number(m[3]))) return part;
      const start = Number(m[1]);
      const years = formatFiscalYears(start, m[2] ? Number(m[2]) : start).replace(/（FY[^）]*）$/, "");
      return `${years} ${formatNumber(Number(m[3]), unit)}${m[4] ? `（${m[4]}時点）` : ""}`;
    })
    .join("、");
}

/** 「45.5%」, 「188.7%（進捗率）」 for a period still running, 「—」 without a ratio. */
export function formatRatio(a) {
  const ratio = judgedRatio(a);
  if (ratio == null) return "—";
  return isInProgress(a.status) ? `${formatPercent(ratio)}（進捗率）` : formatPercent(ratio);
}

export function statusLabel(status) {
  return STATUS_LABELS[status] ?? status;
}

/** 「達成」, 「基準未満（要確認）」, 「期間途中で達成（2024-12-31時点）」: an assessment's status as the tables show it. */
export function assessmentStatusText(a) {
  return metEarlyText(a) ?? statusLabel(a.status) + (a.flagged ? "（要確認）" : "");
}

/**
 * What the tables show as the document's explanation: its note; for a result short of its target with none, the
 * reason column's 「理由の記載なし」, so that a missing explanation is visible where one is owed.
 */
export function explanation(a) {
  return a.note ?? (OWES_EXPLANATION.has(a.status) ? a.reason : "");
}
