/// The admin UI's stylesheet: light and dark themes following the system setting, a sidebar that folds
/// away on narrow screens, visible focus. Served as a file so the Content-Security-Policy needs no inline styles.
enum AdminStylesheet {
    static let css = """
    :root{--bg:#f6f7f9;--panel:#fff;--text:#1c2230;--muted:#5d6576;--line:#dde1e8;--accent:#2f5bd3;--accent-text:#fff;
    --danger:#b42318;--ok:#137333;--warn:#8a5a00;--chip:#eef1f6;--focus:#f59e0b;--code:#f1f3f7;--row:#f9fafc}
    @media (prefers-color-scheme:dark){:root{--bg:#12151b;--panel:#1a1e26;--text:#e5e8ef;--muted:#a2a9b8;--line:#2d3340;
    --accent:#7aa2ff;--accent-text:#0d1220;--danger:#ff8a80;--ok:#7ddc9a;--warn:#f5c26b;--chip:#262c38;--code:#222835;--row:#1e232c}}
    *{box-sizing:border-box}html{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
    body{margin:0;background:var(--bg);color:var(--text)}
    a{color:var(--accent)}a:hover{text-decoration:none}
    :focus-visible{outline:3px solid var(--focus);outline-offset:2px}
    .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;z-index:10;background:var(--panel);padding:.5rem}
    .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
    .topbar{display:flex;align-items:center;gap:.75rem;padding:.5rem 1rem;background:var(--panel);border-bottom:1px solid var(--line);
    position:sticky;top:0;z-index:5;flex-wrap:wrap}
    .brand{font-weight:700;text-decoration:none;color:var(--text);white-space:nowrap}
    .topbar .search{flex:1;min-width:10rem;max-width:32rem}.topbar .search input{width:100%}
    .topbar form{margin:0}.user{color:var(--muted);font-size:.9rem}
    .menu-toggle{display:none}
    .shell{display:flex;min-height:calc(100vh - 3.2rem)}
    .sidebar{width:15rem;flex:none;padding:1rem .75rem;border-right:1px solid var(--line);background:var(--panel);overflow-y:auto}
    .sidebar h2{font-size:.75rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:1rem .5rem .25rem}
    .sidebar ul{list-style:none;margin:0;padding:0}.sidebar a{display:block;padding:.2rem .5rem;border-radius:4px;text-decoration:none;color:var(--text)}
    .sidebar a:hover{background:var(--chip)}.sidebar a[aria-current]{background:var(--accent);color:var(--accent-text)}
    main{flex:1;min-width:0;padding:1rem 1.5rem 3rem}
    .crumbs ol{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem;margin:0;padding:0;font-size:.9rem;color:var(--muted)}
    .crumbs li+li::before{content:"›";margin-right:.3rem}
    h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
    .summary{color:var(--muted);margin-top:-.5rem}
    .toolbar{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
    .toolbar .spacer{flex:1}
    .button,button{display:inline-block;font:inherit;padding:.35rem .8rem;border-radius:5px;border:1px solid var(--line);
    background:var(--panel);color:var(--text);cursor:pointer;text-decoration:none;line-height:1.4}
    .button.primary,button.primary{background:var(--accent);color:var(--accent-text);border-color:var(--accent)}
    .button.danger,button.danger{color:var(--danger);border-color:var(--danger)}
    button:disabled{opacity:.5;cursor:not-allowed}
    input,select,textarea{font:inherit;color:var(--text);background:var(--panel);border:1px solid var(--line);border-radius:5px;padding:.35rem .5rem;max-width:100%}
    textarea{width:100%;min-height:6rem}textarea.long{min-height:16rem}textarea.code{font-family:ui-monospace,monospace;font-size:.9rem}
    .panel{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:1rem;margin:0 0 1rem}
    .table-wrap{overflow-x:auto;background:var(--panel);border:1px solid var(--line);border-radius:8px}
    table.rows{border-collapse:collapse;width:100%;font-size:.92rem}
    table.rows th,table.rows td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid var(--line);vertical-align:top;max-width:28rem;
    overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
    table.rows th{background:var(--row);position:sticky;top:0}table.rows th a{color:inherit}
    table.rows tr:hover td{background:var(--row)}
    .num{text-align:right;font-variant-numeric:tabular-nums}
    .muted{color:var(--muted)}.null{color:var(--muted);font-style:italic}
    .chip{display:inline-block;background:var(--chip);border-radius:999px;padding:0 .55rem;margin:0 .2rem .2rem 0;font-size:.85rem}
    .badge-yes{color:var(--ok)}.badge-no{color:var(--muted)}
    .dropzone{display:block;border:2px dashed var(--line);border-radius:8px;padding:1.5rem;text-align:center}.dropzone.dragging{border-color:var(--accent);background:var(--row)}
    mark{background:var(--warn);color:inherit;border-radius:2px}.status-failed{color:var(--danger)}.status-completed{color:var(--ok)}
    ul.tree{list-style:none;padding-left:1.2rem;margin:.2rem 0}ul.tree>li{margin:.2rem 0}
    dl.fields{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:.4rem 1rem;margin:0}
    dl.fields dt{color:var(--muted);font-weight:600}dl.fields dd{margin:0;min-width:0;overflow-wrap:anywhere}
    pre{background:var(--code);padding:.6rem;border-radius:6px;overflow:auto;max-height:30rem;white-space:pre-wrap;margin:0}
    .prose{white-space:pre-wrap;max-width:60rem}
    .markdown{max-width:60rem;line-height:1.5}.markdown>:first-child{margin-top:0}.markdown>:last-child{margin-bottom:0}
    .markdown p,.markdown ul,.markdown ol,.markdown pre,.markdown blockquote{margin:.5rem 0}.markdown h3,.markdown h4,.markdown h5,.markdown h6{margin:.8rem 0 .4rem}
    .markdown code{background:var(--code);padding:0 .25rem;border-radius:4px}.markdown pre code{padding:0;background:none}
    .markdown blockquote{border-left:3px solid var(--line);padding-left:.8rem;color:var(--muted)}
    .filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.6rem 1rem;align-items:end}
    .filters label,.form label.field-label{display:block;font-size:.85rem;color:var(--muted);font-weight:600}
    .filters input,.filters select{width:100%}.range{display:flex;gap:.3rem}.range input{width:50%}
    details>summary{cursor:pointer;font-weight:600}
    .form .field{margin:0 0 1rem}.form .field input[type=text],.form .field input[type=number],.form .field input[type=email],
    .form .field input[type=password],.form .field input[type=datetime-local],.form .field select{width:100%;max-width:36rem}
    .tags{display:flex;flex-wrap:wrap;gap:.3rem;align-items:center;max-width:36rem}.tags input{flex:1;min-width:8rem}
    .tags .chip button{border:0;background:none;padding:0 .2rem;line-height:1}
    .required{color:var(--danger)}.hint{font-size:.85rem;color:var(--muted);margin:.15rem 0 0}
    .error{color:var(--danger);font-size:.9rem;margin:.2rem 0 0}.field.invalid input,.field.invalid textarea,.field.invalid select{border-color:var(--danger)}
    .flash{padding:.6rem 1rem;border-radius:6px;margin:0 0 1rem;border:1px solid var(--line);background:var(--panel)}
    .flash.ok{border-color:var(--ok)}.flash.bad{border-color:var(--danger);color:var(--danger)}
    .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:1rem;margin-bottom:1rem}
    .card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem}
    .card .big{font-size:1.6rem;font-weight:700}.card h2{margin:0;font-size:1rem}
    .card ul{list-style:none;padding:0;margin:.3rem 0 0;font-size:.9rem}.card figcaption{display:flex;justify-content:space-between;align-items:baseline}
    .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(22rem,1fr));gap:1rem}
    figure.card{margin:0}
    svg.chart{width:100%;height:auto}svg.chart .bar{fill:var(--accent)}svg.chart .bar2{fill:var(--ok)}svg.chart text{fill:var(--muted);font-size:10px}
    svg.chart .axis{stroke:var(--line)}
    .picker{position:relative;max-width:36rem}.picker ul{position:absolute;z-index:6;left:0;right:0;margin:0;padding:0;list-style:none;
    background:var(--panel);border:1px solid var(--line);border-radius:5px;max-height:16rem;overflow:auto}
    .picker li button{display:block;width:100%;text-align:left;border:0;border-radius:0}
    .picker li button:hover,.picker li button:focus{background:var(--chip)}
    .transcript{max-width:52rem}.msg{border:1px solid var(--line);border-radius:10px;padding:.6rem .9rem;margin:.6rem 0;background:var(--panel)}
    .msg.user{margin-left:3rem;background:var(--chip)}.msg .who{font-size:.8rem;color:var(--muted);font-weight:600}
    .diff td:first-child{font-weight:600}.diff del{color:var(--danger)}.diff ins{color:var(--ok);text-decoration:none}
    .pager{display:flex;gap:.5rem;align-items:center;margin:.75rem 0}
    .auth{max-width:24rem;margin:4rem auto;background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:1.5rem}
    .auth input{width:100%}
    .playground>label,.playground fieldset label{display:block;margin:.5rem 0;font-weight:600}
    .playground>label input,.playground>label textarea{display:block;width:100%;margin-top:.2rem;font-weight:normal}
    .playground .row{display:flex;flex-wrap:wrap;gap:1rem;align-items:end;margin:.5rem 0}
    dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.facts dd{margin:0}
    .panel.error h2,.panel.error .answer{color:var(--danger,#b42318)}
    form.inline{display:inline-flex;gap:.4rem;align-items:center;margin:.2rem 0}ol.timeline li{margin:.3rem 0}
    table.diff{width:100%;table-layout:fixed;border-collapse:collapse;font-family:ui-monospace,monospace;font-size:.85rem}
    table.diff td{white-space:pre-wrap;vertical-align:top;padding:0 .4rem;border-left:1px solid var(--line)}
    table.diff td.del{background:#fde8e8}table.diff td.ins{background:#e6f6ea}
    @media (max-width:760px){.menu-toggle{display:inline-block}.sidebar{display:none;position:fixed;top:3.2rem;bottom:0;left:0;z-index:8;width:80%}
    .sidebar.open{display:block}main{padding:1rem}dl.fields{grid-template-columns:1fr}.topbar .user{display:none}}
    """
}
