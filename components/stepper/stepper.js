// A generic stepper: one range control and any number of charts and texts that follow it.
//
// It knows nothing about what the steps mean. The server sends, per element:
//   control: {kind: "control", group, label, labels: [step label, ...], index}
//   chart:   {kind: "chart", group, base: {data, layout}, patches: [{data: [...], layout: {...}}, ...], index?}
//   text:    {kind: "text", group, index, texts: [...], tones: [...] | null}
// Elements of one group share the current step through a small bus on `window`. While the reader
// drags, every element follows, with no message to the server; the server hears the step once, on
// release (pointer up, or a short pause after keys), and the charts then draw that step in full.
//
// Patch rules (the same as core/show/live.py): a dict merges key by key, null deletes a key, anything
// else (numbers, strings, lists, Plotly's encoded arrays {dtype, bdata}) replaces.

// plotly.js, served from app/static/ (ui/live.py puts it there): the whole library, and its cartesian
// bundle (the same version, a third of the size, parsed three times sooner) for charts that only draw
// the trace types it has. A chart needing another type (scattergl, for many points) loads the whole one.
const PLOTLY_FULL = "app/static/plotly.min.js";
const PLOTLY_CARTESIAN = "app/static/plotly-cartesian.min.js";
const CARTESIAN_TYPES = new Set([
  "bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour", "image", "pie",
  "scatter", "scatterternary", "violin",
]);
const KEY_PAUSE_MS = 350;

function bus() {
  if (!window.__stepperBus) window.__stepperBus = { groups: new Map() };
  return window.__stepperBus;
}

function group(name) {
  const groups = bus().groups;
  if (!groups.has(name)) groups.set(name, { step: null, dragging: false, listeners: new Set() });
  return groups.get(name);
}

// Every element of the group draws `step` now. A chart draws one step at a time and skips to the newest
// (see mountChart), so a fast hand costs no queue; Plotly.animate does its work in the next animation
// frame, which is still the frame this input is painted in.
function publish(name, step) {
  const g = group(name);
  if (g.step === step) return;
  g.step = step;
  for (const listener of g.listeners) listener(step, false);
}

// The reader let go: every element of the group draws the step in full (charts: a Plotly.react).
function settle(name) {
  const g = group(name);
  for (const listener of g.listeners) listener(g.step, true);
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => reject(new Error("the chart library could not be loaded"));
    document.head.appendChild(script);
  });
}

// The Plotly to draw `types` with: the cartesian bundle where it has them all (and the server serves it),
// else the whole library. Once the whole library is here, it is window.Plotly and every chart draws with it
// (a chart drawn with the bundle is drawn afresh: see drawStep). Each library is loaded once per page.
function loadPlotly(types, cartesian) {
  const b = bus();
  // a Plotly the page already had (not one of ours) is taken as the whole library
  if (window.Plotly && !b.full && !b.cartesian) b.full = Promise.resolve(window.Plotly);
  const whole = !cartesian || types.some((type) => !CARTESIAN_TYPES.has(type));
  if (whole || b.full) {
    b.full ??= loadScript(PLOTLY_FULL).then(
      (plotly) => (window.Plotly = plotly),
      (error) => {
        b.full = null;
        throw error;
      },
    );
    return b.full;
  }
  b.cartesian ??= loadScript(PLOTLY_CARTESIAN).then(
    // the whole library may have arrived first: it stays window.Plotly
    (plotly) => (b.full ? b.full.then((full) => (window.Plotly = full)) : plotly),
    (error) => {
      b.cartesian = null;
      throw error;
    },
  );
  return b.cartesian;
}

function isLeaf(value) {
  return value === null || typeof value !== "object" || Array.isArray(value) || ArrayBuffer.isView(value) || "bdata" in value;
}

function merge(base, patch) {
  const result = Object.assign({}, base);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (!isLeaf(value) && result[key] !== undefined && !isLeaf(result[key])) result[key] = merge(result[key], value);
    else result[key] = value;
  }
  return result;
}

// A fresh host element of this component's own (the parent also holds the style sheet Streamlit injected).
function freshHost(root) {
  if (root.__stepper && root.__stepper.host) root.__stepper.host.remove();
  const host = document.createElement("div");
  host.className = "stepper-host";
  root.append(host);
  return host;
}

function clampStep(step, count) {
  return Math.max(0, Math.min(count - 1, Math.round(Number(step) || 0)));
}

// --- The control ---

function mountControl(root, data, setTriggerValue) {
  let state = root.__stepper;
  if (!state || state.kind !== "control") {
    const host = freshHost(root);
    const wrap = document.createElement("div");
    wrap.className = "stepper-control";
    const label = document.createElement("label");
    const name = document.createElement("span");
    name.className = "stepper-name";
    const value = document.createElement("output");
    value.className = "stepper-value";
    label.append(name, value);
    const input = document.createElement("input");
    input.type = "range";
    input.min = "0";
    input.step = "1";
    input.className = "stepper-range";
    const id = `stepper-${Math.random().toString(36).slice(2)}`;
    input.id = id;
    label.htmlFor = id;
    const ends = document.createElement("div");
    ends.className = "stepper-ends";
    const low = document.createElement("span");
    const high = document.createElement("span");
    ends.append(low, high);
    const help = document.createElement("div");
    help.className = "stepper-help";
    help.id = `${id}-help`;
    input.setAttribute("aria-describedby", help.id);
    wrap.append(label, input, ends, help);
    host.append(wrap);
    state = { kind: "control", host, input, name, value, low, high, help, data, keyTimer: 0, sent: null };
    root.__stepper = state;

    const show = (step) => {
      const labels = state.data.labels;
      const text = labels[step];
      state.value.textContent = `: ${text}`;
      input.setAttribute("aria-valuetext", `${state.data.label}: ${text}`);
    };
    state.show = show;
    const send = () => {
      state.keyTimer = 0;
      const step = clampStep(input.value, state.data.labels.length);
      state.sent = step;
      publish(state.data.group, step);
      settle(state.data.group);
      setTriggerValue("release", step);
    };
    input.addEventListener("input", () => {
      const step = clampStep(input.value, state.data.labels.length);
      show(step);
      publish(state.data.group, step);
    });
    input.addEventListener("pointerdown", () => {
      group(state.data.group).dragging = true;
    });
    const release = () => {
      const g = group(state.data.group);
      if (!g.dragging) return;
      g.dragging = false;
      send();
    };
    input.addEventListener("pointerup", release);
    input.addEventListener("pointercancel", release);
    input.addEventListener("touchend", release);
    input.addEventListener("change", release);
    input.addEventListener("keydown", (event) => {
      if (["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"].includes(event.key)) {
        clearTimeout(state.keyTimer);
        state.keyTimer = setTimeout(send, KEY_PAUSE_MS);
      }
    });
  }
  state.data = data;
  const count = data.labels.length;
  state.input.max = String(count - 1);
  state.name.textContent = data.label;
  state.help.textContent = data.help || "";
  // Written under the control, or (helpShown false) only for screen readers and as the control's tooltip.
  state.help.className = data.helpShown === false ? "stepper-help stepper-unseen" : "stepper-help";
  state.input.title = data.help || "";
  state.input.setAttribute("aria-label", data.label);
  state.low.textContent = data.labels[0];
  state.high.textContent = data.labels[count - 1];
  const g = group(data.group);
  // While the reader drags or a key pause is pending, their step wins over the server's older one.
  if (!g.dragging && !state.keyTimer) {
    const step = clampStep(data.index, count);
    state.input.value = String(step);
    state.show(step);
    publish(data.group, step);
  }
  return () => {
    clearTimeout(state.keyTimer);
  };
}

// --- Charts ---
//
// How a chart follows the steps (plotly.js 4; measured in BENCHMARKS.md, "Drag frames"):
// - A full Plotly.react draws a step when the chart is first drawn, when the server sends new data,
//   when the reader lets go (pointer up, or the pause after keys) and whenever a frame cannot be
//   drawn the quick way.
// - Any other step change is a frame: Plotly.animate (no redraw) with only the trace values that
//   differ from the step drawn, then, once the transition is over, one Plotly.relayout with only the
//   layout parts that differ (a shape's x, an annotation's text), element by element.
// - A frame is drawn the quick way only when that gives the very picture react would: the changed
//   trace values are among QUICK_TRACE_KEYS for their trace type, and none of them feeds an axis that
//   Plotly sizes itself (autorange) or that has categories. The server fixes axis ranges over all
//   steps where the picture allows, so that is most frames.
// Every step's arrays are decoded once into typed arrays; objects handed to Plotly are copies (react,
// animate and relayout write into what they are given), so the decoded steps are never changed.

// Trace values that Plotly.animate redraws exactly without a full redraw, by trace type. Other types
// (heatmap, contour, …) are not animated by plotly.js at all; they and other values take a full react.
const QUICK_TRACE_KEYS = {
  scatter: new Set(["x", "y"]),
  bar: new Set(["x", "y", "text"]),
};
const DTYPES = {
  i1: Int8Array,
  u1: Uint8Array,
  u1c: Uint8ClampedArray,
  i2: Int16Array,
  u2: Uint16Array,
  i4: Int32Array,
  u4: Uint32Array,
  f4: Float32Array,
  f8: Float64Array,
};

function isPlain(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

// Plotly's {dtype, bdata, shape?} as a typed array (2-D: an array of typed rows, as plotly.js decodes it).
function decodeArray(value) {
  const Type = DTYPES[value.dtype];
  if (!Type || typeof value.bdata !== "string") return value;
  const text = atob(value.bdata);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  const flat = new Type(bytes.buffer);
  if (value.shape === undefined) return flat;
  const shape = String(value.shape).split(",").map(Number);
  if (shape.length === 1) return flat;
  if (shape.length !== 2) return value;
  const [rows, columns] = shape;
  return Array.from({ length: rows }, (_, row) => flat.subarray(row * columns, (row + 1) * columns));
}

// A JSON value with every encoded array decoded (new objects; the server's data are left as they are).
function decoded(value) {
  if (Array.isArray(value)) return value.map(decoded);
  if (!isPlain(value)) return value;
  if ("bdata" in value) return decodeArray(value);
  const result = {};
  for (const [key, item] of Object.entries(value)) result[key] = decoded(item);
  return result;
}

// A copy Plotly may write into: plain objects and lists copied, typed arrays shared (nothing writes into them).
function copy(value) {
  if (Array.isArray(value)) return value.map(copy);
  if (!isPlain(value)) return value;
  const result = {};
  for (const [key, item] of Object.entries(value)) result[key] = copy(item);
  return result;
}

function same(a, b) {
  if (a === b) return true;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(a[i] !== a[i] && b[i] !== b[i])) return false;
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => same(item, b[i]));
  }
  if (isPlain(a) && isPlain(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && same(a[key], b[key]));
  }
  return false;
}

// The leaf paths where `after` differs from `before` ("marker.color", "shapes[3].x0"), with their new
// values (undefined where `after` has none). Lists of objects of the same length are compared item by item.
function differences(before, after, path = "", out = []) {
  if (isPlain(before) && isPlain(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      differences(before[key], after[key], path ? `${path}.${key}` : key, out);
    }
  } else if (
    Array.isArray(before) &&
    Array.isArray(after) &&
    before.length === after.length &&
    before.some(isPlain) &&
    before.every((item, i) => isPlain(item) === isPlain(after[i]))
  ) {
    before.forEach((item, i) => differences(item, after[i], `${path}[${i}]`, out));
  } else if (!same(before, after)) {
    out.push([path, after]);
  }
  return out;
}

function setPath(target, path, value) {
  const keys = path.split(".");
  let at = target;
  for (const key of keys.slice(0, -1)) at = at[key] ??= {};
  at[keys[keys.length - 1]] = value;
}

// The chart's steps, each decoded and assembled once, when first needed.
function stepsOf(data) {
  const base = decoded(data.base);
  const built = new Array(data.patches.length);
  return {
    count: data.patches.length,
    at(step) {
      if (!built[step]) {
        const patch = decoded(data.patches[step]);
        built[step] = {
          data: base.data.map((trace, i) => merge(trace, patch.data[i] || {})),
          layout: Object.assign(merge(base.layout, patch.layout), { uirevision: "stepper" }),
        };
      }
      return built[step];
    },
  };
}

function axisName(id) {
  // "x" → "xaxis", "y2" → "yaxis2"
  return `${id[0]}axis${id.slice(1)}`;
}

// Would a change of a trace's coordinates (or, with `labelsOnly`, of its labels) move this axis? It
// does where Plotly sizes the axis itself (autorange), and coordinates on an axis of categories may
// change the categories. Such a change needs a full react.
function axisMoves(fullLayout, id, labelsOnly) {
  const axis = fullLayout[axisName(id)];
  if (!axis) return true;
  if (labelsOnly) return axis.autorange !== false && axis.type !== "category" && axis.type !== "multicategory";
  return axis.autorange !== false || axis.type === "category" || axis.type === "multicategory";
}

// How to go from the step drawn to `step` without a full react: {traces, frames, relayout}, or null
// when only a full react gives the right picture.
function framePlan(state, step) {
  const gd = state.plot;
  const before = state.steps.at(state.drawn);
  const after = state.steps.at(step);
  const fullData = gd._fullData || [];
  const fullLayout = gd._fullLayout || {};
  const traces = [];
  const frames = [];
  for (let i = 0; i < after.data.length; i++) {
    if (before.data[i] === after.data[i]) continue;
    const changes = differences(before.data[i], after.data[i]);
    if (!changes.length) continue;
    const type = after.data[i].type || "scatter";
    const quick = QUICK_TRACE_KEYS[type];
    const full = fullData[i];
    if (!quick || !full || full.type !== type) return null;
    const frame = {};
    for (const [path, value] of changes) {
      if (!quick.has(path) || value === undefined) return null;
      // x feeds the trace's x axis and y its y axis; text (a bar's label outside) may widen either
      const axes = path === "x" ? [full.xaxis] : path === "y" ? [full.yaxis] : [full.xaxis, full.yaxis];
      if (axes.some((id) => !id || axisMoves(fullLayout, id, path === "text"))) return null;
      setPath(frame, path, value);
    }
    traces.push(i);
    frames.push(frame);
  }
  // A transition redraws only the traces it is given, and puts them first: with bars (side by side)
  // or a fill (drawn under the traces after it) in the chart, every trace takes part, in order.
  if (traces.length && fullData.some((trace) => trace.type === "bar" || (trace.fill && trace.fill !== "none"))) {
    const changed = new Map(traces.map((trace, k) => [trace, frames[k]]));
    traces.length = 0;
    frames.length = 0;
    for (let i = 0; i < after.data.length; i++) {
      traces.push(i);
      frames.push(changed.get(i) || {});
    }
  }
  let relayout = null;
  for (const [path, value] of differences(before.layout, after.layout)) {
    if (/^[xy]axis\d*\.(type|categoryorder|categoryarray)$/.test(path)) return null;
    relayout ??= {};
    relayout[path] = value === undefined ? null : copy(value);
  }
  return { traces, frames, relayout };
}

const ANIMATE_OPTIONS = { transition: { duration: 0 }, frame: { duration: 0, redraw: false }, mode: "immediate" };

function animateTraces(gd, traces, frames) {
  return new Promise((resolve, reject) => {
    gd.once("plotly_transitioned", resolve);
    window.Plotly.animate(gd, { data: frames, traces }, ANIMATE_OPTIONS).catch(reject);
  });
}

function fullDraw(state, step) {
  const figure = state.steps.at(step);
  state.revision += 1;
  const layout = Object.assign(copy(figure.layout), { datarevision: state.revision });
  return window.Plotly.react(state.plot, copy(figure.data), layout, state.config);
}

async function drawStep(state, step, full) {
  if (state.lib !== window.Plotly) {
    // the whole library replaced the cartesian bundle: draw afresh with it
    if (state.lib) state.lib.purge(state.plot);
    state.lib = window.Plotly;
    state.drawnData = null;
  }
  if (state.stepsData !== state.data) {
    state.steps = stepsOf(state.data);
    state.stepsData = state.data;
    full = true;
  }
  step = clampStep(step, state.steps.count);
  const fresh = state.drawnData === state.data && state.drawn !== null;
  if (fresh && state.drawn === step && (!full || state.settled)) return;
  const plan = fresh && !full ? framePlan(state, step) : null;
  if (plan) {
    if (plan.traces.length) await animateTraces(state.plot, plan.traces, plan.frames);
    if (plan.relayout) await window.Plotly.relayout(state.plot, plan.relayout);
    state.settled = false;
  } else {
    await fullDraw(state, step);
    state.settled = true;
  }
  state.drawn = step;
  state.drawnData = state.data;
  state.plot.dataset.step = String(step);
  state.plot.dataset.draw = plan ? "frame" : "react";
}

function mountChart(root, data) {
  let state = root.__stepper;
  if (!state || state.kind !== "chart") {
    const host = freshHost(root);
    const plot = document.createElement("div");
    plot.className = "stepper-chart";
    const height = (data.base.layout && data.base.layout.height) || 400;
    plot.style.minHeight = `${height}px`;
    host.append(plot);
    state = { kind: "chart", host, plot, data, drawn: null, ready: false, wanted: null, busy: false, revision: 0 };
    root.__stepper = state;
    // One drawing at a time; while one runs, only the newest step asked for waits (a full draw wins).
    const pump = () => {
      if (state.busy || !state.ready || !state.wanted) return;
      const { step, full } = state.wanted;
      state.wanted = null;
      state.busy = true;
      drawStep(state, step, full)
        .catch((error) => {
          state.drawn = null; // the next step is drawn in full
          console.warn("stepper: a chart could not be redrawn", error);
        })
        .finally(() => {
          state.busy = false;
          pump();
        });
    };
    state.draw = (step, full = false) => {
      state.wanted = { step, full: full || Boolean(state.wanted && state.wanted.full) };
      pump();
    };
    state.listener = (step, full) => state.draw(step, full);
    group(data.group).listeners.add(state.listener);
    state.config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["select2d", "lasso2d"] };
    state.pump = pump;
  }
  state.data = data;
  // the library these data need (new data may need the whole library where the old ones did not)
  const types = data.base.data.map((trace) => trace.type || "scatter");
  const library = loadPlotly(types, data.cartesian);
  if (state.library !== library) {
    state.library = library;
    state.ready = false;
    library.then(
      () => {
        if (state.library !== library) return;
        state.ready = true;
        state.pump();
      },
      (error) => {
        state.plot.textContent = `The chart could not be drawn: ${error.message}. Reload the page to try again.`;
      },
    );
  }
  const g = group(data.group);
  // A chart follows its group's control; only a chart with no control on the page brings its own step.
  state.draw(data.index ?? g.step ?? 0, true);
  return () => {
    group(data.group).listeners.delete(state.listener);
    if (state.lib) state.lib.purge(state.plot);
    root.__stepper = null;
  };
}

// --- Texts ---

function mountText(root, data) {
  let state = root.__stepper;
  if (!state || state.kind !== "text") {
    const host = freshHost(root);
    const box = document.createElement("div");
    box.className = "stepper-text";
    box.setAttribute("aria-live", "polite");
    host.append(box);
    state = { kind: "text", host, box, data };
    root.__stepper = state;
    state.listener = (step) => {
      const d = state.data;
      step = clampStep(step, d.texts.length);
      // textContent, never innerHTML: the texts may carry names from a reader's file
      state.box.textContent = d.texts[step];
      state.box.dataset.tone = d.tones ? d.tones[step] : "plain";
      state.box.dataset.step = String(step);
    };
    group(data.group).listeners.add(state.listener);
  }
  state.data = data;
  const g = group(data.group);
  state.listener(g.step ?? data.index);
  return () => {
    group(data.group).listeners.delete(state.listener);
    root.__stepper = null;
  };
}

export default function ({ data, parentElement, setTriggerValue }) {
  if (!data || typeof data !== "object") return undefined;
  const root = parentElement;
  if (data.kind === "control") return mountControl(root, data, setTriggerValue);
  if (data.kind === "chart") return mountChart(root, data);
  if (data.kind === "text") return mountText(root, data);
  return undefined;
}
