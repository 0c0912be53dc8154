namespace Greenlight.Reports.Components;

/// <summary>
/// The page's inline style and script (report.html fetches nothing). The script pages the tests from
/// their JSON so that a run with 10,000 tests puts one page of rows in the DOM, not 10,000.
/// </summary>
public static class ReportAssets
{
    /// <summary>Rows the tests table shows at once.</summary>
    public const int PageSize = 50;

    /// <summary>The tests as a JSON data block; the serializer escapes &lt; and &gt;, so a test's text cannot close the element.</summary>
    public static string Data(string testsJson) => $"<script type=\"application/json\" id=\"gl-tests\">{testsJson}</script>";

    public const string Style = """
        <style>
        :root { --good: #1a7f37; --bad: #cf222e; --warn: #9a6700; --muted: #6e7781; --line: #d0d7de; --bg: #f6f8fa; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; }
        header { padding: 16px 24px 8px; border-bottom: 1px solid var(--line); background: var(--bg); position: sticky; top: 0; z-index: 2; }
        main { padding: 8px 24px 48px; }
        h2 { margin: 28px 0 8px; font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        h3 { margin: 12px 0 6px; font-size: 15px; }
        h4 { margin: 10px 0 4px; font-size: 13px; }
        .run-id { color: var(--muted); font-size: 13px; }
        .verdict { font-size: 18px; margin: 6px 0; padding: 6px 10px; border-radius: 6px; border-left: 6px solid var(--muted); background: #fff; }
        .verdict-green { border-color: var(--good); } .verdict-green strong { color: var(--good); }
        .verdict-red { border-color: var(--bad); } .verdict-red strong { color: var(--bad); }
        .verdict-unproven, .verdict-blocked { border-color: var(--warn); } .verdict-unproven strong, .verdict-blocked strong { color: var(--warn); }
        nav a { margin-right: 14px; font-size: 13px; }
        .next { font-size: 13px; color: var(--muted); }
        table { border-collapse: collapse; margin: 8px 0 12px; width: 100%; }
        th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
        th { background: var(--bg); font-weight: 600; }
        .mono, pre, code, q.log-line { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
        pre { white-space: pre-wrap; word-break: break-word; background: var(--bg); padding: 8px; border-radius: 6px; margin: 4px 0; }
        .good { color: var(--good); } .bad { color: var(--bad); } .warn { color: var(--warn); } .muted { color: var(--muted); }
        .scroll { overflow-x: auto; }
        svg .tick { stroke: #eaeef2; } svg .tick-label, svg .bar-duration { font-size: 11px; fill: var(--muted); }
        svg .bar-label { font-size: 12px; fill: #1f2328; }
        svg .bar-ok rect { fill: #4ac26b; } svg .bar-fail rect { fill: #ff8182; } svg .bar-info rect { fill: #8c959f; }
        .controls { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; margin: 8px 0; }
        .controls input { width: 260px; }
        table.tests td:nth-child(4) { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; word-break: break-all; }
        tr.test-row { cursor: pointer; } tr.test-row:hover { background: #eef6ff; } tr.test-row.selected { background: #ddf4ff; }
        .status-failed td:first-child, .status-error td:first-child, .status-flaky td:first-child { color: var(--bad); font-weight: 600; }
        .status-unproven td:first-child { color: var(--warn); font-weight: 600; }
        .status-passed td:first-child { color: var(--good); } .status-skipped td:first-child { color: var(--muted); }
        .pager { display: flex; gap: 12px; align-items: center; }
        #test-detail { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; margin-top: 12px; background: #fff; }
        .slower { color: var(--warn); } .faster { color: var(--good); }
        .cluster { border: 1px solid var(--line); border-left: 4px solid var(--bad); border-radius: 6px; padding: 4px 14px; margin: 10px 0; }
        .count { color: var(--muted); font-weight: normal; }
        q.log-line { background: #fff8c5; padding: 1px 4px; quotes: none; }
        .log-lines li { margin: 3px 0; } .why { color: var(--muted); font-size: 12px; }
        .deploy { color: var(--warn); }
        .chip { display: inline-block; padding: 1px 8px; margin: 2px; border-radius: 10px; background: var(--bg); border: 1px solid var(--line); font-size: 12px; }
        .chip-regressed, .chip-stillfailing { border-color: var(--bad); color: var(--bad); } .chip-fixed { border-color: var(--good); color: var(--good); }
        .iterations { display: flex; gap: 12px; overflow-x: auto; }
        .iteration { flex: 1 0 280px; border: 1px solid var(--line); border-radius: 6px; padding: 4px 12px; }
        .verdict-green { color: var(--good); } .iteration .verdict-red { color: var(--bad); }
        .charts { display: flex; flex-wrap: wrap; gap: 16px; } figure.trend { margin: 0; } figcaption { font-weight: 600; }
        svg .grid { stroke: #eaeef2; } svg .axis { font-size: 11px; fill: var(--muted); }
        .legend { font-size: 12px; } .swatch { display: inline-block; width: 14px; height: 4px; margin: 0 4px 3px 12px; vertical-align: middle; }
        .v-green { color: var(--good); } .v-red { color: var(--bad); } .v-unproven, .v-blocked { color: var(--warn); } .v-running { color: #0969da; }
        </style>
        """;

    public const string Script = """
        <script>
        (function () {
          "use strict";
          var tests = JSON.parse(document.getElementById("gl-tests").textContent);
          var PAGE = 50, page = 0, shown = tests, selected = -1;
          var $ = function (id) { return document.getElementById(id); };
          var rows = $("test-rows"), outcome = $("outcome-filter"), phase = $("phase-filter"), search = $("search");
          var detail = $("test-detail");
          function ms(v) { return v == null ? "" : v < 1000 ? v + " ms" : v < 60000 ? (v / 1000).toFixed(2) + " s" : Math.floor(v / 60000) + " m " + Math.floor(v % 60000 / 1000) + " s"; }
          function failing(t) { return t.o === "failed" || t.o === "error" || t.o === "flaky"; }
          function keep(t, o, p, q) {
            if (o === "failing" && !failing(t)) return false;
            if (o !== "all" && o !== "failing" && t.o !== o) return false;
            if (p !== "all" && t.ph !== p) return false;
            return !q || t.n.toLowerCase().indexOf(q) >= 0 || t.s.toLowerCase().indexOf(q) >= 0;
          }
          function el(tag, text, cls) { var e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; }
          function apply() {
            var o = outcome.value, p = phase.value, q = search.value.trim().toLowerCase();
            shown = [];
            for (var i = 0; i < tests.length; i++) if (keep(tests[i], o, p, q)) shown.push(i);
            page = 0; render();
          }
          function render() {
            var pages = Math.max(1, Math.ceil(shown.length / PAGE));
            if (page >= pages) page = pages - 1;
            var fragment = document.createDocumentFragment();
            var end = Math.min(shown.length, (page + 1) * PAGE);
            for (var k = page * PAGE; k < end; k++) {
              var i = shown[k], t = tests[i];
              var tr = el("tr", null, "test-row status-" + t.o + (i === selected ? " selected" : ""));
              tr.dataset.index = i;
              tr.appendChild(el("td", t.o));
              tr.appendChild(el("td", t.ph));
              tr.appendChild(el("td", t.s));
              tr.appendChild(el("td", t.n));
              tr.appendChild(el("td", ms(t.d)));
              tr.appendChild(el("td", t.pd == null ? "" : ms(t.pd)));
              tr.appendChild(el("td", String(t.rc)));
              tr.appendChild(el("td", t.lv || ""));
              fragment.appendChild(tr);
            }
            rows.replaceChildren(fragment);
            $("page-info").textContent = "page " + (page + 1) + " of " + pages;
            $("match-count").textContent = shown.length + " of " + tests.length + " tests";
            $("prev").disabled = page === 0;
            $("next").disabled = page >= pages - 1;
          }
          function show(i) {
            var t = tests[i];
            selected = i;
            detail.replaceChildren();
            detail.hidden = false;
            detail.appendChild(el("h3", t.n));
            var facts = t.o + " · " + t.s + " (" + t.ph + ") · " + ms(t.d);
            if (t.hm != null) facts += " · history median " + ms(t.hm) + (t.d > t.hm * 1.5 && t.d - t.hm > 100 ? " (slower)" : t.d * 2 < t.hm ? " (much faster)" : "");
            if (t.pd != null) facts += " · last run " + ms(t.pd);
            if (t.a > 1) facts += " · " + t.a + " attempts";
            if (t.fr != null) facts += " · flip rate " + Math.round(t.fr * 100) + " %";
            detail.appendChild(el("p", facts, "facts"));
            detail.appendChild(el("p", "Proof: " + (t.p ? "proven" : "not proven") + (t.lv ? ", traffic tied by " + t.lv : "") + (t.r.length ? " · " + t.r.join(", ") : "")));
            t.e.forEach(function (line) { detail.appendChild(el("p", line, "warn")); });
            if (t.m) { detail.appendChild(el("h4", "Message")); detail.appendChild(el("pre", t.m, "message")); }
            if (t.st) { detail.appendChild(el("h4", "Stack")); detail.appendChild(el("pre", t.st, "stack")); }
            detail.appendChild(el("h4", "Requests the proxy saw" + (t.ql === "window" ? " in its time window" : t.ql === "header" ? " for this test" : "") + ": " + t.qn + (t.qn > t.q.length ? " (first " + t.q.length + " shown)" : "")));
            if (t.q.length) {
              var table = el("table", null, "requests"), head = el("tr");
              ["time", "service", "request", "status", "latency", "frames ↑/↓", "close", "error"].forEach(function (h) { head.appendChild(el("th", h)); });
              table.appendChild(head);
              t.q.forEach(function (r) {
                var tr = el("tr");
                tr.appendChild(el("td", r.at, "mono"));
                tr.appendChild(el("td", r.sv));
                tr.appendChild(el("td", (r.ws ? "WS " : "") + r.m + " " + r.pa, "mono"));
                tr.appendChild(el("td", String(r.st), r.st >= 500 || r.st === 0 ? "bad" : r.st >= 400 ? "warn" : "good"));
                tr.appendChild(el("td", r.ms + " ms"));
                tr.appendChild(el("td", r.ws ? r.up + " / " + r.dn : ""));
                tr.appendChild(el("td", r.cc == null ? "" : r.cc + (r.cr ? " " + r.cr : "")));
                tr.appendChild(el("td", r.err || "", "bad"));
                table.appendChild(tr);
              });
              detail.appendChild(table);
            }
            render();
            detail.scrollIntoView({ block: "nearest" });
          }
          rows.addEventListener("click", function (e) { var tr = e.target.closest("tr.test-row"); if (tr) show(Number(tr.dataset.index)); });
          outcome.addEventListener("change", apply);
          phase.addEventListener("change", apply);
          search.addEventListener("input", apply);
          $("prev").addEventListener("click", function () { page--; render(); });
          $("next").addEventListener("click", function () { page++; render(); });
          if (tests.some(failing)) outcome.value = "failing";
          apply();
          document.body.dataset.ready = "true";
          document.body.dataset.readyMs = String(Math.round(performance.now()));
        })();
        </script>
        """;
}
