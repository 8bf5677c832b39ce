// A generic stepper: one range control and any number of charts and texts that follow it.
//
// It knows nothing about what the steps mean. The server sends, per element:
//   control: {kind: "control", group, label, labels: [step label, ...], index}
//   chart:   {kind: "chart", group, base: {data, layout}, patches: [{data: [...], layout: {...}}, ...], index?}
//   text:    {kind: "text", group, index, texts: [...], tones: [...] | null}
// Elements of one group share the current step through a small bus on `window`. While the reader
// drags, every element redraws at most once per animation frame, with no message to the server;
// the server hears the step once, on release (pointer up, or a short pause after keys).
//
// Patch rules (the same as core/show/live.py): a dict merges key by key, null deletes a key, anything
// else (numbers, strings, lists, Plotly's encoded arrays {dtype, bdata}) replaces.

const PLOTLY_SRC = "app/static/plotly.min.js";
const KEY_PAUSE_MS = 350;

function bus() {
  if (!window.__stepperBus) window.__stepperBus = { groups: new Map() };
  return window.__stepperBus;
}

function group(name) {
  const groups = bus().groups;
  if (!groups.has(name)) groups.set(name, { step: null, dragging: false, listeners: new Set(), frame: 0 });
  return groups.get(name);
}

function publish(name, step) {
  const g = group(name);
  if (g.step === step) return;
  g.step = step;
  if (g.frame) return;
  g.frame = requestAnimationFrame(() => {
    g.frame = 0;
    for (const listener of g.listeners) listener(g.step);
  });
}

function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  const b = bus();
  if (!b.plotly) {
    b.plotly = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = PLOTLY_SRC;
      script.async = true;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => {
        b.plotly = null;
        reject(new Error("the chart library could not be loaded"));
      };
      document.head.appendChild(script);
    });
  }
  return b.plotly;
}

function isLeaf(value) {
  return value === null || typeof value !== "object" || Array.isArray(value) || "bdata" in value;
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

function figureAt(data, step) {
  const patch = data.patches[step];
  return {
    data: data.base.data.map((trace, i) => merge(trace, patch.data[i] || {})),
    layout: Object.assign(merge(data.base.layout, patch.layout), { uirevision: "stepper" }),
  };
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
    state = { kind: "chart", host, plot, data, drawn: null, ready: false, pending: null };
    root.__stepper = state;
    state.draw = (step) => {
      if (!state.ready) {
        state.pending = step;
        return;
      }
      step = clampStep(step, state.data.patches.length);
      if (state.drawn === step && state.drawnData === state.data) return;
      const figure = figureAt(state.data, step);
      window.Plotly.react(state.plot, figure.data, figure.layout, state.config);
      state.drawn = step;
      state.drawnData = state.data;
      state.plot.dataset.step = String(step);
    };
    state.listener = (step) => state.draw(step);
    group(data.group).listeners.add(state.listener);
    state.config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["select2d", "lasso2d"] };
    loadPlotly().then(
      () => {
        state.ready = true;
        const g = group(state.data.group);
        state.draw(state.pending ?? g.step ?? state.data.index ?? 0);
      },
      (error) => {
        state.plot.textContent = `The chart could not be drawn: ${error.message}. Reload the page to try again.`;
      },
    );
  }
  state.data = data;
  const g = group(data.group);
  // A chart follows its group's control; only a chart with no control on the page brings its own step.
  state.draw(data.index ?? g.step ?? 0);
  return () => {
    group(data.group).listeners.delete(state.listener);
    if (state.ready && window.Plotly) window.Plotly.purge(state.plot);
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
