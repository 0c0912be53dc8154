// AgentChat Web: log in through the auth service, keep threads on the backend, run agents over
// the backend's /ws and show their events as they arrive. The services' base URLs come from the
// host's /config.json, unless window.AGENTCHAT_CONFIG was set before this script ran. The token
// lives in this page's memory only: a reload logs out.

const $ = (id) => document.getElementById(id);

const state = {
  config: null,
  token: null,
  userId: null,
  socket: null,
  threadId: null,
  runId: null,
  pending: false,
  agents: [],
};

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function call(base, path, { method = "GET", body, token } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
  });
  const type = response.headers.get("Content-Type") ?? "";
  const data = response.status !== 204 && type.includes("json") ? await response.json() : null;
  if (!response.ok) {
    throw new ApiError(response.status, data?.detail ?? data?.title ?? `HTTP ${response.status}`);
  }
  return data;
}

const auth = (path, options) => call(state.config.authUrl, path, options);
const api = (path, options = {}) => call(state.config.backendUrl, path, { ...options, token: state.token });

function show(id, visible) {
  $(id).hidden = !visible;
}

function fatal(message) {
  $("fatal").textContent = message;
  show("fatal", true);
}

// ---- session ----

async function logIn(email, password) {
  const session = await auth("/auth/login", { method: "POST", body: { email, password } });
  state.token = session.accessToken;
  state.userId = session.userId;
  $("user").textContent = email;
  $("login-error").textContent = "";
  $("password").value = "";
  show("login", false);
  show("session", true);
  show("chat", true);
  connect();
  await Promise.all([loadAgents(), loadThreads()]);
  await openFromLocation();
}

function logOut() {
  state.token = null;
  state.userId = null;
  state.threadId = null;
  state.runId = null;
  if (state.socket) state.socket.close(1000, "logged out");
  state.socket = null;
  $("threads").replaceChildren();
  closeThread();
  show("chat", false);
  show("session", false);
  show("login", true);
}

async function onLogin(event) {
  event.preventDefault();
  try {
    await logIn($("email").value.trim(), $("password").value);
  } catch (error) {
    $("login-error").textContent = error.status === 401 ? "Wrong email or password." : `Login failed: ${error.message}`;
  }
}

async function onRegister() {
  const form = $("login-form");
  if (!form.reportValidity()) return;
  const email = $("email").value.trim();
  const password = $("password").value;
  try {
    await auth("/auth/register", { method: "POST", body: { email, password } });
    await logIn(email, password);
  } catch (error) {
    $("login-error").textContent = `Could not create the account: ${error.message}`;
  }
}

// ---- socket ----

function socketUrl() {
  const url = new URL("/ws", state.config.backendUrl + "/");
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

function setSocketState(name, text) {
  const status = $("socket-status");
  status.dataset.state = name;
  status.textContent = text;
}

function connect() {
  // Browsers cannot set headers on a WebSocket: the token travels as a subprotocol, and the
  // server selects agentchat.v1, never the token (PROTOCOL.md, "WebSocket /ws").
  const socket = new WebSocket(socketUrl(), ["agentchat.v1", `agentchat.bearer.${state.token}`]);
  state.socket = socket;
  setSocketState("connecting", "connecting…");
  socket.addEventListener("message", (message) => {
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;
    }
    onSocketEvent(event);
  });
  socket.addEventListener("close", (close) => {
    if (state.socket !== socket) return;
    state.socket = null;
    setSocketState("closed", `disconnected (${close.code}${close.reason ? ` ${close.reason}` : ""})`);
    $("send").disabled = true;
  });
}

function onSocketEvent(event) {
  if (event.type === "connection_ready") {
    setSocketState("open", "connected");
    $("send").disabled = false;
    return;
  }

  if (event.type === "error") {
    // Not tied to a run: the request was refused (unknown agent, run in progress, …).
    state.pending = false;
    runError(`${event.code}: ${event.message}`);
    return;
  }

  if (!event.runId || event.threadId !== state.threadId) return;
  if (event.type === "agent_started" && state.pending) {
    // The first run started on this thread after Send is ours (other tabs of the user may run too).
    state.pending = false;
    state.runId = event.runId;
    $("run-id").textContent = event.runId;
  }
  if (event.runId !== state.runId) return;
  renderEvent(event);
}

// ---- threads ----

async function loadAgents() {
  state.agents = await api("/api/agents");
  $("agent").replaceChildren(...state.agents.map((agent) => {
    const option = document.createElement("option");
    option.value = agent.id;
    option.textContent = `${agent.name} (${agent.id})`;
    option.title = agent.description;
    return option;
  }));
}

async function loadThreads() {
  const threads = await api("/api/threads");
  $("threads").replaceChildren(...threads.map(threadItem));
  markCurrent();
}

function threadItem(thread) {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.dataset.threadId = thread.id;
  button.textContent = thread.title;
  button.addEventListener("click", () => { location.hash = `thread=${thread.id}`; });
  item.append(button);
  return item;
}

function markCurrent() {
  for (const button of $("threads").querySelectorAll("button")) {
    button.setAttribute("aria-current", String(button.dataset.threadId === state.threadId));
  }
}

async function onNewThread(event) {
  event.preventDefault();
  const title = $("new-thread-title").value.trim();
  try {
    const thread = await api("/api/threads", { method: "POST", body: title ? { title } : {} });
    $("new-thread-title").value = "";
    $("threads").append(threadItem(thread));
    location.hash = `thread=${thread.id}`;
  } catch (error) {
    threadError(`Could not create the thread: ${error.message}`);
  }
}

function closeThread() {
  state.threadId = null;
  state.runId = null;
  show("thread-view", false);
  show("thread-error", false);
  show("thread-empty", true);
  markCurrent();
}

function threadError(message) {
  show("thread-view", false);
  show("thread-empty", false);
  $("thread-error").textContent = message;
  show("thread-error", true);
}

async function openFromLocation() {
  if (!state.token) return;
  const match = /^#thread=([A-Za-z0-9-]+)$/.exec(location.hash);
  if (!match) {
    closeThread();
    return;
  }
  await openThread(match[1]);
}

async function openThread(id) {
  state.threadId = id;
  state.runId = null;
  markCurrent();
  show("run", false);
  try {
    const [thread, messages] = await Promise.all([
      api(`/api/threads/${encodeURIComponent(id)}`),
      api(`/api/threads/${encodeURIComponent(id)}/messages`),
    ]);
    if (state.threadId !== id) return;
    $("thread-title").textContent = thread.title;
    renderMessages(messages);
    show("thread-error", false);
    show("thread-empty", false);
    show("thread-view", true);
  } catch (error) {
    if (state.threadId !== id) return;
    // Another user's thread is a 404 like one that does not exist: the page cannot tell them apart either.
    threadError(error.status === 404 ? "Thread not found." : `Could not open the thread: ${error.message}`);
  }
}

function renderMessages(messages) {
  $("messages").replaceChildren(...messages.map((message) => {
    const item = document.createElement("li");
    item.dataset.role = message.role;
    item.textContent = message.role === "user" ? message.content : `${message.agentId}: ${message.content}`;
    return item;
  }));
}

// ---- runs ----

function onSend(event) {
  event.preventDefault();
  const input = $("input").value.trim();
  if (!input || !state.socket || state.socket.readyState !== WebSocket.OPEN) return;
  state.runId = null;
  state.pending = true;
  $("events").replaceChildren();
  $("answer").textContent = "";
  $("run-id").textContent = "";
  $("run-error").textContent = "";
  show("run-error", false);
  setRunStatus("running", "running");
  show("run", true);
  appendMessage("user", input);
  state.socket.send(JSON.stringify({ type: "execute_agent", threadId: state.threadId, agentId: $("agent").value, input }));
  $("input").value = "";
}

function appendMessage(role, content) {
  const item = document.createElement("li");
  item.dataset.role = role;
  item.textContent = content;
  $("messages").append(item);
}

function setRunStatus(outcome, text) {
  $("run-status").dataset.outcome = outcome;
  $("run-status").textContent = text;
}

function runError(message) {
  $("run-error").textContent = message;
  show("run-error", true);
  show("run", true);
  setRunStatus("error", "error");
}

function describe(event) {
  switch (event.type) {
    case "agent_started": return `started ${event.agentId}`;
    case "agent_thinking": return `${event.agentId} is thinking: ${event.text}`;
    case "tool_executing": return `tool ${event.toolName} called with ${JSON.stringify(event.args)}`;
    case "tool_completed": return `tool ${event.toolName} returned ${JSON.stringify(event.result)}`;
    case "agent_handoff": return `handoff ${event.fromAgentId} → ${event.toAgentId}: ${event.reason}`;
    case "agent_completed": return `completed (${event.outcome})`;
    case "agent_error": return `error ${event.code}: ${event.message}`;
    default: return event.type;
  }
}

function renderEvent(event) {
  if (event.type === "agent_partial") {
    $("answer").textContent += event.delta;
    return;
  }

  const item = document.createElement("li");
  item.dataset.type = event.type;
  item.dataset.seq = String(event.seq);
  item.textContent = describe(event);
  $("events").append(item);
  if (event.type === "agent_completed") {
    setRunStatus("success", `completed (${event.outcome})`);
    appendMessage("assistant", `${event.agentId}: ${$("answer").textContent}`);
  } else if (event.type === "agent_error") {
    runError(`The agent failed: ${event.message}`);
  }
}

// ---- start ----

async function start() {
  $("login-form").addEventListener("submit", onLogin);
  $("register-button").addEventListener("click", onRegister);
  $("logout").addEventListener("click", logOut);
  $("new-thread-form").addEventListener("submit", onNewThread);
  $("run-form").addEventListener("submit", onSend);
  window.addEventListener("hashchange", () => { openFromLocation(); });
  $("send").disabled = true;
  try {
    const served = await call("", "config.json");
    // A page that embeds the app (or a test harness) may name the services before this script
    // runs; otherwise the host's configuration holds.
    state.config = window.AGENTCHAT_CONFIG ?? served;
  } catch (error) {
    fatal(`The page could not load its configuration: ${error.message}`);
    return;
  }
  show("login", true);
  document.body.dataset.ready = "true";
}

start();
