// appraise explore: move the weights, re-rank the options. The arithmetic is the engine's
// (appraisal/scoring/weighted_sum.py): a criterion's local weight is its share of its group,
// a global weight the product of local weights from the top, a total the sum over the leaf
// criteria of global weight x value x 100; ties within 1e-9 share a rank, in id order; options
// that fail a gate are not ranked and follow, by total then id.
"use strict";
(function () {
  const TIE = 1e-9;
  const BARS = 25;  // rank places that show their points by criterion as a bar (redrawing 1,000 bars per input would miss a frame)
  const data = JSON.parse(document.getElementById("data").textContent);
  const byId = new Map(data.criteria.map((c) => [c.id, c]));
  const groups = new Map();
  for (const c of data.criteria) {
    const key = c.parent === null ? "" : c.parent;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(c.id);
  }
  const agreed = data.weights[0].shares;
  const colours = ["#1d70b8", "#f47738", "#00703c", "#912b88", "#d4351c", "#28a197", "#6f72af", "#b58840"];
  let shares = Object.assign({}, agreed);
  let scores = data.scores[0];
  let leader = null;

  const numbers = new Map();
  const sliders = new Map();
  document.querySelectorAll("input[data-criterion]").forEach((el) => numbers.set(el.dataset.criterion, el));
  document.querySelectorAll("input[data-slider]").forEach((el) => sliders.set(el.dataset.slider, el));

  // Set one criterion's share; its siblings keep their proportions and the group sums to 100.
  function setShare(id, value) {
    const siblings = groups.get(byId.get(id).parent === null ? "" : byId.get(id).parent);
    const v = Math.min(100, Math.max(0, Number.isFinite(value) ? value : 0));
    const others = siblings.filter((k) => k !== id);
    const rest = others.reduce((sum, k) => sum + shares[k], 0);
    shares[id] = others.length ? v : 100;
    for (const k of others) shares[k] = rest > 0 ? (shares[k] * (100 - v)) / rest : (100 - v) / others.length;
  }

  function globalWeights() {
    const weight = {};
    for (const c of data.criteria) {
      const siblings = groups.get(c.parent === null ? "" : c.parent);
      const total = siblings.reduce((sum, k) => sum + shares[k], 0);
      const local = total > 0 ? shares[c.id] / total : 0;
      weight[c.id] = (c.parent === null ? 1 : weight[c.parent]) * local;
    }
    return weight;
  }

  // each leaf's top-level criterion, as an index into data.top (the bars' segments)
  const leafTop = data.leaves.map((leaf) => {
    let top = leaf;
    while (byId.get(top).parent !== null) top = byId.get(top).parent;
    return data.top.indexOf(top);
  });

  function ranking() {
    const weight = globalWeights();
    const leafWeight = data.leaves.map((leaf) => weight[leaf] * 100);
    const rows = data.options.map((o, i) => {
      const values = scores.values[i];
      const parts = new Array(data.top.length).fill(0);
      let total = 0;
      for (let j = 0; j < values.length; j++) {
        const points = leafWeight[j] * values[j];
        total += points;
        parts[leafTop[j]] += points;
      }
      return { id: o.id, name: o.name, total: total, eligible: scores.eligible[i], parts: parts, rank: null };
    });
    rows.sort((a, b) => b.total - a.total || (a.id < b.id ? -1 : 1));
    const ranked = [];
    let group = [];
    const flush = () => {
      const place = ranked.length + 1;
      group.sort((a, b) => (a.id < b.id ? -1 : 1)).forEach((r) => { r.rank = place; ranked.push(r); });
      group = [];
    };
    for (const r of rows) {
      if (!r.eligible) continue;
      if (group.length && group[0].total - r.total > TIE) flush();
      group.push(r);
    }
    if (group.length) flush();
    return ranked.concat(rows.filter((r) => !r.eligible));
  }

  function number(x) {
    // shortest text that reads back as the same double, never in exponent form (YAML 1.1 would read 1e-7 as text)
    const text = String(x);
    return /e/i.test(text) ? x.toFixed(20).replace(/0+$/, "").replace(/\.$/, "") : text;
  }

  function scenarioText() {
    const entries = data.criteria.map((c) => c.id + ": " + number(shares[c.id]));
    return "name: Explored weights\n" +
      "description: Weights set in appraise explore, each a share of its group in percent.\n" +
      "weights: {" + entries.join(", ") + "}\n";
  }

  const tbody = document.querySelector("#ranking tbody");
  const rowsById = new Map();
  const barred = new Set();  // the options whose bar is drawn now
  tbody.querySelectorAll("tr[data-option]").forEach((tr) => rowsById.set(tr.dataset.option, tr));

  function drawBar(r, show) {
    const bar = rowsById.get(r.id).cells[3].firstElementChild;
    if (!show) {
      if (barred.delete(r.id)) bar.textContent = "";
      return;
    }
    if (!barred.has(r.id)) {
      data.top.forEach((top, n) => {
        const span = document.createElement("span");
        span.style.background = colours[n % colours.length];
        bar.appendChild(span);
      });
      barred.add(r.id);
    }
    [...bar.children].forEach((span, n) => { span.style.width = r.parts[n] + "%"; });
  }
  let shownOrder = "";

  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function update(announce) {
    const order = ranking();
    order.forEach((r, n) => drawBar(r, n < BARS));
    for (const r of order) {
      const tr = rowsById.get(r.id);
      tr.dataset.rank = r.rank === null ? "" : String(r.rank);
      tr.dataset.total = String(r.total);
      const kind = (r.rank === 1 ? "first" : "") + (r.eligible ? "" : " ineligible");
      if (tr.className !== kind) tr.className = kind;
      setText(tr.cells[0], r.rank === null ? "not ranked (fails a gate)" : String(r.rank));
      setText(tr.cells[2], r.total.toFixed(2));
    }
    const ids = order.map((r) => r.id).join(" ");
    if (ids !== shownOrder) {  // move rows only when the order changed
      const rows = document.createDocumentFragment();
      for (const r of order) rows.appendChild(rowsById.get(r.id));
      tbody.appendChild(rows);
      shownOrder = ids;
    }
    for (const c of data.criteria) {
      const shown = Math.round(shares[c.id] * 10) / 10;
      if (document.activeElement !== numbers.get(c.id)) numbers.get(c.id).value = String(shown);
      sliders.get(c.id).value = String(shown);
    }
    document.getElementById("scenario").textContent = scenarioText();
    const changed = data.criteria.some((c) => Math.abs(shares[c.id] - agreed[c.id]) > 1e-9) || scores.id !== "agreed";
    document.getElementById("not-agreed").hidden = !changed;
    const firsts = order.filter((r) => r.rank === 1);
    const now = firsts.length === 1 ? firsts[0].name : null;
    if (announce && now !== leader) {
      document.getElementById("announce").textContent = now === null
        ? "No single " + data.words.option + " is first now."
        : now + " is first now" + (leader === null ? "." : ", in place of " + leader + ".");
    }
    leader = now;
  }

  function onInput(event) {
    const el = event.target;
    const id = el.dataset.criterion || el.dataset.slider;
    if (!id || el.value === "") return;
    setShare(id, Number(el.value));
    update(true);
  }
  document.getElementById("controls").addEventListener("input", onInput);
  document.getElementById("controls").addEventListener("change", onInput);
  document.querySelector("[data-action=reset]").addEventListener("click", () => {
    shares = Object.assign({}, agreed);
    const choice = document.querySelector("[data-action=weights-from]");
    if (choice) choice.value = "agreed";
    update(true);
  });
  const weightsFrom = document.querySelector("[data-action=weights-from]");
  if (weightsFrom) weightsFrom.addEventListener("change", () => {
    shares = Object.assign({}, data.weights.find((w) => w.id === weightsFrom.value).shares);
    update(true);
  });
  const scoresFrom = document.querySelector("[data-action=scores-from]");
  if (scoresFrom) scoresFrom.addEventListener("change", () => {
    scores = data.scores.find((s) => s.id === scoresFrom.value);
    update(true);
  });

  // What would put each other option first: one weight, or the nearest set of weights.
  const list = document.getElementById("first-list");
  for (const o of data.options) {
    const first = data.first[o.id];
    if (!first) continue;
    const li = document.createElement("li");
    const single = first.single
      ? " comes first if " + first.single.name + " goes from " + first.single.from.toFixed(1) + "% to " +
        first.single.to.toFixed(1) + "% of its group."
      : " cannot come first by changing one weight alone.";
    li.appendChild(document.createTextNode(o.name + single));
    if (first.nearest) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = "Show the nearest weights that put " + o.name + " first";
      button.addEventListener("click", () => { shares = Object.assign({}, first.nearest); update(true); });
      li.appendChild(document.createTextNode(" "));
      li.appendChild(button);
    }
    list.appendChild(li);
  }

  document.querySelectorAll("[data-key]").forEach((el) => { el.style.background = colours[Number(el.dataset.key) % colours.length]; });
  for (const id of ["toolbar", "controls", "what-puts-first"]) document.getElementById(id).hidden = false;
  update(false);
})();
