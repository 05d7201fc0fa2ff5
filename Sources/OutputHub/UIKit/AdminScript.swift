/// The admin UI's small script. Every screen works without it; it adds the `/` search shortcut, local
/// times, live JSON checking, the related-record picker, select-all, the narrow-screen menu, the playground's
/// streamed answers, drop zones for files and reloading pages that show work in progress.
enum AdminScript {
    static let js = #"""
    "use strict";
    document.addEventListener("keydown", (e) => {
      const t = e.target;
      if (e.key === "/" && !(t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || t.isContentEditable)) {
        const search = document.getElementById("global-search");
        if (search) { e.preventDefault(); search.focus(); }
      }
    });
    document.querySelectorAll("time[datetime]").forEach((el) => {
      const d = new Date(el.getAttribute("datetime"));
      if (!isNaN(d)) { el.title = el.textContent; el.textContent = d.toLocaleString(); }
    });
    const menu = document.querySelector(".menu-toggle");
    if (menu) menu.addEventListener("click", () => {
      const side = document.getElementById("sidebar");
      const open = side.classList.toggle("open");
      menu.setAttribute("aria-expanded", String(open));
    });
    document.querySelectorAll("select[data-autosubmit]").forEach((s) => s.addEventListener("change", () => s.form.submit()));
    document.querySelectorAll("textarea[data-json]").forEach((area) => {
      const status = document.getElementById(area.id + "-status");
      const check = () => {
        if (area.value.trim() === "") { area.setCustomValidity(""); if (status) status.textContent = ""; return; }
        try { JSON.parse(area.value); area.setCustomValidity(""); if (status) status.textContent = "Valid JSON"; }
        catch (err) { area.setCustomValidity("Not valid JSON: " + err.message); if (status) status.textContent = "Not valid JSON: " + err.message; }
      };
      area.addEventListener("input", check); check();
    });
    document.querySelectorAll("input[data-select-all]").forEach((all) => all.addEventListener("change", () => {
      document.querySelectorAll("input[name=ids]").forEach((box) => { box.checked = all.checked; });
    }));
    // Tag inputs: the comma-separated field becomes chips plus a box; Enter or comma adds, × or Backspace removes.
    document.querySelectorAll("input[data-tags]").forEach((field) => {
      const box = document.createElement("div"), entry = document.createElement("input");
      box.className = "tags"; entry.type = "text"; entry.id = field.id; field.removeAttribute("id");
      entry.setAttribute("aria-describedby", field.getAttribute("aria-describedby") || "");
      entry.placeholder = "Add and press Enter";
      field.type = "hidden"; field.after(box);
      let items = field.value.split(",").map((s) => s.trim()).filter(Boolean);
      const render = () => {
        field.value = items.join(", ");
        box.replaceChildren(...items.map((item, i) => {
          const chip = document.createElement("span"), remove = document.createElement("button");
          chip.className = "chip"; chip.textContent = item + " ";
          remove.type = "button"; remove.textContent = "×"; remove.setAttribute("aria-label", "Remove " + item);
          remove.addEventListener("click", () => { items.splice(i, 1); render(); entry.focus(); });
          chip.append(remove); return chip;
        }), entry);
      };
      const add = (refocus) => { const v = entry.value.replace(/,/g, "").trim(); if (v && !items.includes(v)) items.push(v); entry.value = ""; render(); if (refocus) entry.focus(); };
      entry.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === ",") { e.preventDefault(); add(true); }
        if (e.key === "Backspace" && entry.value === "" && items.length) { items.pop(); render(); entry.focus(); }
      });
      entry.addEventListener("blur", () => { if (entry.value.trim()) add(false); });
      render();
    });
    // The related-record picker. The list only ever shows the answer for the text in the box (its data-query
    // says which text): a new lookup aborts the one before, an answer for other text is dropped, and while a
    // pointer is pressed on the list a new answer waits until the press is over, so a click lands where it aimed.
    document.querySelectorAll(".picker").forEach((picker) => {
      const search = picker.querySelector("input[type=search]");
      const hidden = picker.querySelector("input[type=hidden]");
      const list = picker.querySelector("ul");
      let timer = null, request = null, pressed = false, held = null, choosing = false;
      const cancel = () => { clearTimeout(timer); if (request) request.abort(); request = null; };
      const close = () => {
        cancel(); held = null; list.hidden = true; list.replaceChildren(); list.removeAttribute("data-query");
        search.setAttribute("aria-expanded", "false");
      };
      const choose = (value, label) => { hidden.value = value; search.value = label; close(); choosing = true; search.focus(); choosing = false; };
      const show = (query, rows) => {
        if (pressed) { held = () => show(query, rows); return; }
        held = null;
        list.replaceChildren();
        if (!search.required) {
          const none = document.createElement("li"), b = document.createElement("button");
          b.type = "button"; b.textContent = "(none)"; b.addEventListener("click", () => choose("", "")); none.append(b); list.append(none);
        }
        for (const row of rows) {
          const li = document.createElement("li"), b = document.createElement("button");
          b.type = "button"; b.textContent = row.label; b.dataset.value = row.value;
          b.addEventListener("click", () => choose(row.value, row.label));
          li.append(b); list.append(li);
        }
        list.dataset.query = query;
        list.hidden = false;
        search.setAttribute("aria-expanded", "true");
      };
      const lookup = async () => {
        cancel();
        const query = search.value, mine = new AbortController();
        request = mine;
        try {
          const answer = await fetch(picker.dataset.lookup + "?q=" + encodeURIComponent(query),
            { headers: { Accept: "application/json" }, credentials: "same-origin", signal: mine.signal });
          if (!answer.ok) return;
          const rows = await answer.json();
          if (request === mine && search.value === query) show(query, rows);
        } catch (err) {
          // Aborted for newer text or a closed list, or the network failed: the list stays as it is.
        }
      };
      // After a click the browser's own work is done first; then an answer held during the press is shown.
      const release = () => { if (pressed) { pressed = false; setTimeout(() => { if (held) held(); }, 0); } };
      list.addEventListener("pointerdown", () => { pressed = true; });
      document.addEventListener("pointerup", release);
      document.addEventListener("pointercancel", release);
      search.addEventListener("input", () => { if (search.value === "") hidden.value = ""; cancel(); timer = setTimeout(lookup, 150); });
      search.addEventListener("focus", () => { if (list.hidden && !choosing) lookup(); });
      search.addEventListener("keydown", (e) => {
        if (e.key === "Escape") close();
        if (e.key === "ArrowDown") { const first = list.querySelector("button"); if (first) { e.preventDefault(); first.focus(); } }
      });
      list.addEventListener("keydown", (e) => {
        const items = [...list.querySelectorAll("button")], i = items.indexOf(document.activeElement);
        if (e.key === "ArrowDown" && i < items.length - 1) { e.preventDefault(); items[i + 1].focus(); }
        if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? items[i - 1] : search).focus(); }
        if (e.key === "Escape") { close(); search.focus(); }
      });
      document.addEventListener("click", (e) => { if (!picker.contains(e.target)) close(); });
    });
    document.querySelectorAll("form[data-playground]").forEach((form) => {
      const panel = document.getElementById("playground-answer");
      form.addEventListener("submit", async (e) => {
        if (!form.elements.stream.checked || !window.fetch || !window.TextDecoder) return;
        e.preventDefault();
        const out = panel.querySelector(".answer"), facts = panel.querySelector(".facts"), button = form.querySelector("button[type=submit]");
        panel.hidden = false; panel.classList.remove("error"); out.textContent = ""; facts.textContent = ""; button.disabled = true;
        const fact = (term, value) => {
          const dt = document.createElement("dt"), dd = document.createElement("dd");
          dt.textContent = term; dd.textContent = value; facts.append(dt, dd); return dd;
        };
        try {
          const res = await fetch(form.dataset.streamAction, { method: "POST", body: new URLSearchParams(new FormData(form)) });
          if (!res.ok) {
            const body = await res.json().catch(() => ({}));
            panel.classList.add("error");
            out.textContent = res.status + " · " + ((body.error && body.error.message) || res.statusText);
            return;
          }
          const reader = res.body.getReader(), decoder = new TextDecoder();
          let buffer = "";
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            buffer += decoder.decode(value, { stream: true });
            let cut;
            while ((cut = buffer.indexOf("\n\n")) >= 0) {
              const event = buffer.slice(0, cut); buffer = buffer.slice(cut + 2);
              const data = event.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
              if (!data || data === "[DONE]") continue;
              const message = JSON.parse(data);
              if (event.startsWith("event: summary")) {
                fact("Tokens", message.input_tokens + " in · " + message.output_tokens + " out");
                fact("Cost", message.cost); fact("Latency", message.latency_ms + " ms");
                if (message.time_to_first_token_ms !== null) fact("First token", message.time_to_first_token_ms + " ms");
                const link = document.createElement("a"); link.href = message.log; link.textContent = "generation";
                fact("Log", "").append(link);
                if (message.status !== "success") { panel.classList.add("error"); fact("Status", message.status); }
              } else if (message.error) {
                panel.classList.add("error"); out.textContent += "\n" + message.error.message;
              } else {
                const delta = message.choices && message.choices[0] && message.choices[0].delta;
                if (delta && delta.content) out.textContent += delta.content;
              }
            }
          }
        } catch (err) {
          panel.classList.add("error"); out.textContent += "\n" + err;
        } finally { button.disabled = false; }
      });
    });
    // A page showing work in progress (documents being ingested) reloads itself every few seconds.
    document.querySelectorAll("[data-reload-after]").forEach((el) => {
      setTimeout(() => location.reload(), Number(el.getAttribute("data-reload-after")) || 3000);
    });
    // Drop zones: files dropped on the zone become its file input's files (several at once).
    document.querySelectorAll("[data-dropzone]").forEach((zone) => {
      const input = zone.querySelector("input[type=file]"), list = zone.querySelector("[data-dropzone-files]");
      const show = () => { if (list) list.textContent = Array.from(input.files).map((f) => f.name).join(", "); };
      ["dragenter", "dragover"].forEach((name) => zone.addEventListener(name, (e) => { e.preventDefault(); zone.classList.add("dragging"); }));
      ["dragleave", "drop"].forEach((name) => zone.addEventListener(name, () => zone.classList.remove("dragging")));
      zone.addEventListener("drop", (e) => { e.preventDefault(); if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; show(); } });
      input.addEventListener("change", show);
    });
    """#
}
