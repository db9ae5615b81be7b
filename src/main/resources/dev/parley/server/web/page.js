// The debug page: form, videos, chat and the event log around one ParleyClient.
import { ParleyClient } from "./parley-client.js";

const $ = (id) => document.getElementById(id);
const EVENTS = ["onRoomStateChanged", "onRoomUserUpdate", "onRoomStreamUpdate", "onPublisherStateUpdate",
  "onPlayerStateUpdate", "onIMRecvBroadcastMessage", "onRemoteDeviceUpdate", "onError"];
let client = null;
let localStream = null;

function log(name, detail, error = false) {
  const item = document.createElement("li");
  item.textContent = `${new Date().toISOString().slice(11, 23)} ${name} ${JSON.stringify(detail)}`;
  if (error) item.className = "error";
  $("log").append(item);
  $("log").scrollTop = $("log").scrollHeight;
}

function setStatus(text) {
  $("status").textContent = text;
}

function inRoom(joined) {
  $("join").disabled = joined;
  $("publish").disabled = !joined;
  $("leave").disabled = !joined;
  $("chatSend").disabled = !joined;
}

function tile(streamId, caption) {
  let figure = document.querySelector(`figure[data-stream-id="${CSS.escape(streamId)}"]`);
  if (!figure) {
    figure = document.createElement("figure");
    figure.className = "tile";
    figure.dataset.streamId = streamId;
    const video = document.createElement("video");
    video.autoplay = true;
    video.playsInline = true;
    video.muted = !soundOn;
    const label = document.createElement("figcaption");
    label.textContent = caption;
    figure.append(video, label);
    $("remotes").append(figure);
  }
  return figure;
}

let soundOn = false;

function listen(c) {
  for (const name of EVENTS) {
    c.addEventListener(name, (event) => log(name, event.detail, name === "onError"));
  }
  c.addEventListener("onRoomStreamUpdate", ({ detail }) => {
    for (const stream of detail.streams) {
      if (detail.updateType === "ADD") {
        tile(stream.streamId, `${stream.user.userName} (${stream.streamId})`);
        c.startPlaying(stream.streamId, stream.user.userId).catch((e) => log("startPlaying", e, true));
      } else {
        document.querySelector(`figure[data-stream-id="${CSS.escape(stream.streamId)}"]`)?.remove();
      }
    }
  });
  c.addEventListener("track", ({ detail }) => {
    const video = tile(detail.streamId, detail.streamId).querySelector("video");
    if (video.srcObject !== detail.stream) video.srcObject = detail.stream;
  });
  c.addEventListener("onIMRecvBroadcastMessage", ({ detail }) => {
    for (const m of detail.messages) addChat(m.fromUser.userName, m.message);
  });
  c.addEventListener("onRoomStateChanged", ({ detail }) => {
    if (detail.reason === "LOGINED") setStatus(`In room ${detail.roomId}.`);
    if (["LOGOUT", "KICK_OUT", "DISCONNECTED", "LOGIN_FAILED"].includes(detail.reason)) {
      setStatus(detail.errorCode ? `Left the room: ${detail.reason} (${detail.errorCode}).` : "Not in a room.");
      inRoom(false);
      $("remotes").replaceChildren();
    }
  });
}

function addChat(from, text) {
  const item = document.createElement("li");
  item.textContent = `${from}: ${text}`;
  $("chat").append(item);
  $("chat").scrollTop = $("chat").scrollHeight;
}

async function join(event) {
  event.preventDefault();
  const appSign = $("appSign").value.trim() || null;
  const token = $("token").value.trim() || null;
  if (!appSign && !token) {
    setStatus("Enter the app sign or a token.");
    return;
  }
  client = new ParleyClient({ url: $("server").value.trim(), appId: $("appId").value.trim(), appSign, token });
  listen(client);
  setStatus("Joining…");
  try {
    await client.login($("room").value.trim(), $("user").value.trim(), $("name").value.trim());
    inRoom(true);
  } catch (error) {
    setStatus(`Login failed: ${error.message} (${error.code})`);
    log("login", error, true);
  }
}

async function publish() {
  try {
    localStream = localStream || await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 }, audio: true });
    $("local").srcObject = localStream;
    const user = $("user").value.trim().replace(/[^A-Za-z0-9_-]/g, "_");
    await client.publish(`${user}_web`, localStream);
    $("publish").disabled = true;
  } catch (error) {
    log("publish", { code: error.code, message: error.message || String(error) }, true);
  }
}

async function leave() {
  await client.logout();
  if (localStream) localStream.getTracks().forEach((t) => t.stop());
  localStream = null;
  $("local").srcObject = null;
}

async function sendChat(event) {
  event.preventDefault();
  const text = $("chatInput").value.trim();
  if (!text || !client) return;
  try {
    await client.sendBroadcastMessage(text);
    addChat(`${$("name").value.trim() || $("user").value.trim()} (you)`, text);
    $("chatInput").value = "";
  } catch (error) {
    log("sendBroadcastMessage", error, true);
  }
}

async function init() {
  const config = await (await fetch("config.json")).json();
  const devApp = config.developmentApp;
  if (devApp) {
    $("appId").value = String(devApp.appId);
    $("appSign").value = devApp.appSign;
    $("appNote").textContent = `This server accepts the public development app (app ID ${devApp.appId}); `
      + "its app sign is filled in. Anyone who can reach the server can use it: configure apps of your own for anything real.";
    $("appNote").hidden = false;
  }
  // the server field last: it being filled means the page is ready
  $("server").value = `${config.secure ? "wss" : "ws"}://${location.hostname}:${config.webSocketPort}`;
  $("loginForm").addEventListener("submit", join);
  $("publish").addEventListener("click", publish);
  $("leave").addEventListener("click", leave);
  $("chatForm").addEventListener("submit", sendChat);
  $("sound").addEventListener("click", () => {
    soundOn = true;
    document.querySelectorAll("#remotes video").forEach((v) => { v.muted = false; });
  });
}

init();
