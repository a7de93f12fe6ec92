extension ReportHTML {
    /// The page's only stylesheet: colours as custom properties redefined for dark mode, chart series by class,
    /// and print rules that keep charts and table rows whole and print the colours that carry meaning.
    static let stylesheet = """
        :root {
          color-scheme: light dark;
          --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d0d7de; --grid: #e6e9ed; --panel: #f6f8fa;
          --alert-bg: #ffebe9; --alert-fg: #a40e26; --alert-line: #ff8182;
          --warn-bg: #fff8c5; --warn-fg: #7d4e00; --warn-line: #d4a72c;
          --ok-bg: #dafbe1; --ok-fg: #116329;
          --met: #1a7f37; --late: #d4a72c; --breached: #cf222e; --running: #0969da;
          --stage-1: #0a3069; --stage-2: #0550ae; --stage-3: #0969da; --stage-4: #54aeff; --stage-5: #1a7f37;
          --histogram: #8250df; --handoff: #0969da; --sql: #1a7f37; --trend: #bf3989;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --grid: #262c34; --panel: #151b23;
            --alert-bg: #3c1418; --alert-fg: #ffa198; --alert-line: #da3633;
            --warn-bg: #33290c; --warn-fg: #e3b341; --warn-line: #9e6a03;
            --ok-bg: #12261e; --ok-fg: #56d364;
            --met: #3fb950; --late: #d29922; --breached: #f85149; --running: #4493f8;
            --stage-1: #a5d6ff; --stage-2: #79c0ff; --stage-3: #4493f8; --stage-4: #1f6feb; --stage-5: #3fb950;
            --histogram: #a371f7; --handoff: #4493f8; --sql: #3fb950; --trend: #ff7bbf;
          }
        }
        * { box-sizing: border-box; }
        html { background: var(--bg); color: var(--fg); }
        body {
          margin: 0; padding: 32px 24px 48px;
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
        }
        main { max-width: 1040px; margin: 0 auto; }
        header { border-bottom: 1px solid var(--line); padding-bottom: 16px; margin-bottom: 24px; }
        .eyebrow { margin: 0; color: var(--muted); font-size: 13px; letter-spacing: .06em; text-transform: uppercase; }
        h1 { margin: 4px 0 8px; font-size: 28px; line-height: 1.2; }
        h2 { margin: 40px 0 12px; font-size: 21px; border-bottom: 1px solid var(--line); padding-bottom: 6px; }
        h3 { margin: 24px 0 8px; font-size: 16px; }
        .meta, .chart-note, .ok-note, footer { color: var(--muted); }
        .meta { margin: 0; }
        footer { margin-top: 48px; font-size: 13px; }
        .tiles { display: flex; flex-wrap: wrap; gap: 12px; list-style: none; margin: 0; padding: 0; }
        .tile {
          flex: 1 1 150px; padding: 12px 14px; border: 1px solid var(--line); border-radius: 8px;
          background: var(--panel);
        }
        .tile.alert { background: var(--alert-bg); border-color: var(--alert-line); color: var(--alert-fg); }
        .tile-value { display: block; font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
        .tile-label { font-size: 13px; }
        .table-box { overflow-x: auto; margin: 12px 0; }
        table { border-collapse: collapse; min-width: 50%; font-size: 14px; }
        th, td { padding: 5px 12px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        th { background: var(--panel); font-weight: 600; }
        td { overflow-wrap: break-word; }
        td:first-child { min-width: 11em; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        td.num { white-space: nowrap; }
        tr.total td { font-weight: 650; border-top: 2px solid var(--line); }
        tr.alert td { background: var(--alert-bg); color: var(--alert-fg); }
        tr.warn td { background: var(--warn-bg); color: var(--warn-fg); }
        .badge {
          display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
          border: 1px solid currentColor;
        }
        .badge.alert { color: var(--alert-fg); }
        .badge.ok { color: var(--ok-fg); }
        .callout { padding: 8px 12px; border-radius: 6px; border-left: 4px solid; }
        .callout.warn { background: var(--warn-bg); color: var(--warn-fg); border-color: var(--warn-line); }
        .callout.alert { background: var(--alert-bg); color: var(--alert-fg); border-color: var(--alert-line); }
        .nodata {
          padding: 10px 14px; border: 1px dashed var(--line); border-radius: 6px; color: var(--muted);
          background: var(--panel);
        }
        ul.leads { columns: 2 260px; padding-left: 20px; overflow-wrap: anywhere; }
        figure.chart-box {
          margin: 12px 0 20px; padding: 14px 16px 8px; border: 1px solid var(--line); border-radius: 8px;
        }
        figcaption { font-weight: 600; margin-bottom: 8px; }
        .chart-note { font-size: 13px; margin: 6px 0 0; }
        svg.chart { display: block; width: 100%; max-width: 860px; height: auto; overflow: visible; }
        svg.chart text { fill: var(--fg); font-size: 12px; font-family: inherit; }
        svg.chart text.muted { fill: var(--muted); }
        svg.chart text.heading { font-weight: 650; font-size: 13px; }
        svg.chart text.value { font-variant-numeric: tabular-nums; }
        svg.chart text.small { font-size: 11px; }
        svg.chart line.axis { stroke: var(--muted); stroke-width: 1; }
        svg.chart line.grid { stroke: var(--grid); stroke-width: 1; }
        .seg-met { fill: var(--met); }
        .seg-late { fill: var(--late); }
        .seg-breached { fill: var(--breached); }
        .seg-running { fill: var(--running); }
        .stage-mql { fill: var(--stage-1); }
        .stage-accepted { fill: var(--stage-2); }
        .stage-sql { fill: var(--stage-3); }
        .stage-opportunity { fill: var(--stage-4); }
        .stage-won { fill: var(--stage-5); }
        .series-histogram { fill: var(--histogram); }
        .series-handoff { fill: var(--handoff); }
        .series-sql { fill: var(--sql); }
        .series-spend { fill: var(--late); }
        .series-revenue { fill: var(--met); }
        svg.chart .trend { fill: none; stroke: var(--trend); stroke-width: 2.5; stroke-linejoin: round; }
        svg.chart .trend-dot { fill: var(--bg); stroke: var(--trend); stroke-width: 2; }
        @media print {
          :root {
            --bg: #ffffff; --fg: #000000; --muted: #444c56; --line: #b0b8c1; --grid: #dde1e5; --panel: #f3f4f6;
          }
          html, body { background: #ffffff; color: #000000; }
          body { padding: 0; font-size: 11pt; }
          main { max-width: none; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          figure.chart-box, svg.chart, .tiles, .callout, .nodata { break-inside: avoid; page-break-inside: avoid; }
          h2, h3, figcaption { break-after: avoid; page-break-after: avoid; }
          tr { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          .table-box { overflow: visible; }
        }

        """
}
