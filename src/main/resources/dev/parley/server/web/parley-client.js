// Parley's protocol in the browser: the same JSON messages over the same WebSocket as the Java
// engine, and RTCPeerConnection for media (a player asks, the publisher offers).
// Events are dispatched with the engine's callback names; event.detail carries the arguments.

const PROTOCOL_VERSION = 1;
/** The user ID that stands for the media server in the signals of SFU rooms. */
const MEDIA_SERVER = "";

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function appSignProof(appSign, appId, userId, nonce) {
  const timestamp = Date.now();
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(appSign),
    { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const data = new TextEncoder().encode(`${appId}\n${userId}\n${nonce}\n${timestamp}`);
  return { signature: hex(await crypto.subtle.sign("HMAC", key, data)), timestamp };
}

function sameUrl(a, b) {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

/** One user in one room. Create, login, then publish and play; logout ends it. */
export class ParleyClient extends EventTarget {
  #socket = null;
  #nextId = 1;
  #pending = new Map();
  #heartbeat = null;
  #iceServers = [];
  #roomId = null;
  #user = null;
  #publication = null; // { streamId, stream, links: Map<playerId, RTCPeerConnection> }
  #plays = new Map(); // streamId -> { publisherId, pc, state }
  // "MESH": a publisher offers to each player; "SFU": a publisher offers once to the media server
  // (the empty user ID), and players receive from it through the room server's negotiation
  #mediaMode = "MESH";

  constructor({ url, appId, appSign = null, token = null }) {
    super();
    this.url = url;
    this.appId = Number(appId);
    this.appSign = appSign;
    this.token = token;
  }

  #emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }

  #send(message) {
    this.#socket.send(JSON.stringify(message));
  }

  #request(message) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#send({ ...message, id });
    });
  }

  /**
   * Connects and logs in; resolves with the server's loginAccepted, rejects with { code, message }.
   * The IDs and the name are sent in NFC, the one spelling the server compares them in.
   */
  async login(givenRoomId, givenUserId, givenUserName) {
    const roomId = givenRoomId.normalize("NFC");
    const userId = givenUserId.normalize("NFC");
    const userName = givenUserName ? givenUserName.normalize("NFC") : givenUserName;
    this.#roomId = roomId;
    this.#user = { userId, userName: userName || userId };
    this.#emit("onRoomStateChanged", { roomId, reason: "LOGINING", errorCode: 0 });
    const welcome = await this.#open();
    const login = {
      type: "login", protocolVersion: PROTOCOL_VERSION, appId: this.appId, roomId, user: this.#user,
      userStatusNotify: true, maxMemberCount: 0, streams: [],
    };
    if (this.token) {
      login.token = this.token;
    } else {
      login.proof = await appSignProof(this.appSign, this.appId, userId, welcome.nonce);
    }
    const accepted = await this.#request(login).catch((error) => {
      this.#emit("onRoomStateChanged", { roomId, reason: "LOGIN_FAILED", errorCode: error.code });
      this.#close();
      throw error;
    });
    this.#mediaMode = accepted.mediaMode || "MESH";
    this.#iceServers = (accepted.iceServers || []).map((s) => ({
      urls: s.urls, username: s.username, credential: s.credential,
    }));
    this.#heartbeat = setInterval(() => this.#request({ type: "heartbeat" }).catch(() => {}),
      accepted.heartbeatIntervalMs || 5000);
    this.#emit("onRoomStateChanged", { roomId, reason: "LOGINED", errorCode: 0 });
    const others = accepted.users.filter((u) => u.userId !== userId);
    if (others.length) this.#emit("onRoomUserUpdate", { roomId, updateType: "ADD", users: others });
    const streams = accepted.streams.filter((s) => s.user.userId !== userId);
    if (streams.length) this.#emit("onRoomStreamUpdate", { roomId, updateType: "ADD", streams });
    return accepted;
  }

  #open() {
    return new Promise((resolve, reject) => {
      // a page's Content-Security-Policy may forbid this URL: the browser then reports a violation
      // (before the socket's error event) and the socket fails like an unreachable server
      let blocked = false;
      const onViolation = (event) => {
        if (event.effectiveDirective === "connect-src" && sameUrl(event.blockedURI, this.url)) blocked = true;
      };
      const watching = typeof document !== "undefined";
      if (watching) document.addEventListener("securitypolicyviolation", onViolation);
      const stopWatching = () => {
        if (watching) document.removeEventListener("securitypolicyviolation", onViolation);
      };
      let socket;
      try {
        socket = new WebSocket(this.url);
      } catch (error) {
        stopWatching();
        reject({ code: 1001003, message: `Not a ws:// or wss:// URL: ${this.url}` });
        return;
      }
      this.#socket = socket;
      let welcomed = false;
      let failed = false;
      const fail = () => {
        if (welcomed || failed) return;
        failed = true;
        // one task later, in case a browser reports the violation after the error
        setTimeout(() => {
          stopWatching();
          reject(blocked
            ? { code: 1001002, blocked: true, message: `This page's security policy blocks connections to ${this.url}: `
                + "the page may only connect to the room server that serves it. Open that server's own debug page instead." }
            : { code: 1001002, message: "The room server cannot be reached." });
        }, 0);
      };
      socket.onmessage = (event) => {
        const message = JSON.parse(event.data);
        if (!welcomed && message.type === "welcome") {
          welcomed = true;
          stopWatching();
          resolve(message);
          return;
        }
        this.#onMessage(message);
      };
      socket.onerror = fail;
      socket.onclose = () => {
        if (!welcomed) fail();
        else if (this.#roomId) this.#ended("DISCONNECTED", 1001002);
      };
    });
  }

  #onMessage(message) {
    if ("id" in message && "code" in message && this.#pending.has(message.id)) {
      const { resolve, reject } = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.code === 0) resolve(message);
      else reject({ code: message.code, message: message.message });
      return;
    }
    const roomId = this.#roomId;
    switch (message.type) {
      case "userUpdate":
        this.#emit("onRoomUserUpdate", { roomId, updateType: message.updateType, users: message.users });
        break;
      case "streamUpdate": {
        const streams = message.streams.filter((s) => s.user.userId !== this.#user.userId);
        if (message.updateType === "DELETE") streams.forEach((s) => this.stopPlaying(s.streamId, 1004002));
        if (streams.length) this.#emit("onRoomStreamUpdate", { roomId, updateType: message.updateType, streams });
        break;
      }
      case "streamMediaUpdate":
        this.#emit("onRemoteDeviceUpdate", { stream: message.stream });
        break;
      case "broadcastReceived":
        this.#emit("onIMRecvBroadcastMessage", {
          roomId, messages: [{ message: message.message, messageId: message.messageId, fromUser: message.fromUser, sendTime: message.sendTime }],
        });
        break;
      case "signalReceived":
        this.#onSignal(message).catch((error) => this.#emit("onError", { where: "signal", error: String(error) }));
        break;
      case "kickedOut":
        this.#ended("KICK_OUT", message.code);
        break;
      default:
        break;
    }
  }

  #ended(reason, errorCode) {
    const roomId = this.#roomId;
    this.#teardown();
    this.#emit("onRoomStateChanged", { roomId, reason, errorCode });
  }

  // ---- publishing ----

  /** Publishes a MediaStream (camera and microphone) as streamId. */
  async publish(streamId, stream) {
    this.#publication = { streamId, stream, links: new Map() };
    this.#emit("onPublisherStateUpdate", { streamId, state: "PUBLISH_REQUESTING", errorCode: 0 });
    try {
      await this.#request({
        type: "publish", streamId, channel: "MAIN", extraInfo: "",
        audio: stream.getAudioTracks().length > 0, video: stream.getVideoTracks().length > 0,
      });
    } catch (error) {
      this.#publication = null;
      this.#emit("onPublisherStateUpdate", { streamId, state: "NO_PUBLISH", errorCode: error.code });
      throw error;
    }
    if (this.#mediaMode === "SFU") {
      // one connection to the media server, whoever plays; PUBLISHING once it answers
      await this.#offerTo(MEDIA_SERVER);
      return;
    }
    this.#emit("onPublisherStateUpdate", { streamId, state: "PUBLISHING", errorCode: 0 });
  }

  /** The room's media mode as the login said: "MESH" or "SFU". */
  get mediaMode() {
    return this.#mediaMode;
  }

  async stopPublishing() {
    const publication = this.#publication;
    if (!publication) return;
    this.#publication = null;
    publication.links.forEach((pc) => pc.close());
    await this.#request({ type: "stopPublish", streamId: publication.streamId }).catch(() => {});
    this.#emit("onPublisherStateUpdate", { streamId: publication.streamId, state: "NO_PUBLISH", errorCode: 0 });
  }

  async #offerTo(playerId) {
    const publication = this.#publication;
    const old = publication.links.get(playerId);
    if (old) old.close();
    const pc = this.#peerConnection(publication.streamId, playerId);
    publication.links.set(playerId, pc);
    for (const track of publication.stream.getTracks()) {
      pc.addTransceiver(track, { direction: "sendonly", streams: [publication.stream] });
    }
    await pc.setLocalDescription(await pc.createOffer());
    await this.#relay(publication.streamId, playerId, "OFFER", pc.localDescription.sdp);
  }

  // ---- playing ----

  /** Asks the publisher of streamId for its media; "track" events follow with the MediaStream. */
  async startPlaying(streamId, publisherId) {
    this.stopPlaying(streamId, 0, false);
    this.#plays.set(streamId, { publisherId, pc: null, state: "PLAY_REQUESTING" });
    this.#emit("onPlayerStateUpdate", { streamId, state: "PLAY_REQUESTING", errorCode: 0 });
    await this.#relay(streamId, publisherId, "PLAY_REQUEST", null);
  }

  stopPlaying(streamId, errorCode = 0, report = true) {
    const play = this.#plays.get(streamId);
    if (!play) return;
    this.#plays.delete(streamId);
    if (play.pc) play.pc.close();
    if (errorCode === 0 && this.#socket && this.#socket.readyState === WebSocket.OPEN) {
      this.#relay(streamId, play.publisherId, "HANGUP", null).catch(() => {});
    }
    if (report) this.#emit("onPlayerStateUpdate", { streamId, state: "NO_PLAY", errorCode });
  }

  async #onSignal(signal) {
    const { streamId, fromUserId, kind, payload } = signal;
    if (kind === "PLAY_REQUEST") {
      if (!this.#publication || this.#publication.streamId !== streamId) return;
      const existing = this.#publication.links.get(fromUserId);
      if (payload === "ice-restart" && existing) {
        // the player's network changed: new candidates on the same connection
        existing.restartIce();
        await existing.setLocalDescription(await existing.createOffer({ iceRestart: true }));
        await this.#relay(streamId, fromUserId, "OFFER", existing.localDescription.sdp);
      } else {
        await this.#offerTo(fromUserId);
      }
    } else if (kind === "HANGUP") {
      const publishing = this.#publication && this.#publication.streamId === streamId;
      const pc = publishing && this.#publication.links.get(fromUserId);
      if (pc) {
        pc.close();
        this.#publication.links.delete(fromUserId);
      }
      if (fromUserId === MEDIA_SERVER) {
        // the media server lost the connection (or restarted): negotiate again
        const publication = this.#publication;
        const play = this.#plays.get(streamId);
        setTimeout(() => {
          if (publishing && this.#publication === publication) this.#offerTo(MEDIA_SERVER).catch(() => {});
          if (play && this.#plays.get(streamId) === play) {
            if (play.pc) play.pc.close();
            play.pc = null;
            this.#relay(streamId, play.publisherId, "PLAY_REQUEST", null).catch(() => {});
          }
        }, 500);
      }
    } else if (kind === "OFFER") {
      const play = this.#plays.get(streamId);
      if (!play || (play.publisherId !== fromUserId && fromUserId !== MEDIA_SERVER)) return;
      if (play.pc) play.pc.close();
      const pc = this.#peerConnection(streamId, fromUserId, play);
      play.pc = pc;
      await pc.setRemoteDescription({ type: "offer", sdp: payload });
      await pc.setLocalDescription(await pc.createAnswer());
      await this.#relay(streamId, fromUserId, "ANSWER", pc.localDescription.sdp);
    } else if (kind === "ANSWER") {
      const pc = this.#publication && this.#publication.links.get(fromUserId);
      if (pc) await pc.setRemoteDescription({ type: "answer", sdp: payload });
      if (pc && fromUserId === MEDIA_SERVER) {
        this.#emit("onPublisherStateUpdate", { streamId, state: "PUBLISHING", errorCode: 0 });
      }
    } else if (kind === "ICE_CANDIDATE") {
      const candidate = JSON.parse(payload);
      const sending = this.#publication && this.#publication.streamId === streamId && this.#publication.links.get(fromUserId);
      const play = this.#plays.get(streamId);
      const pc = sending || (play && (play.publisherId === fromUserId || fromUserId === MEDIA_SERVER) ? play.pc : null);
      if (pc) await pc.addIceCandidate(candidate);
    }
  }

  #peerConnection(streamId, remoteUserId, play = null) {
    const pc = new RTCPeerConnection({ iceServers: this.#iceServers });
    pc.onicecandidate = (event) => {
      const c = event.candidate;
      if (c && c.candidate) {
        this.#relay(streamId, remoteUserId, "ICE_CANDIDATE",
          JSON.stringify({ sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex, candidate: c.candidate })).catch(() => {});
      } else if (!c && remoteUserId === MEDIA_SERVER) {
        // the media server wants to hear that gathering is over
        this.#relay(streamId, remoteUserId, "ICE_CANDIDATE", JSON.stringify({ completed: true })).catch(() => {});
      }
    };
    if (play) {
      pc.ontrack = (event) => {
        const stream = event.streams[0] || new MediaStream([event.track]);
        this.#emit("track", { streamId, stream, track: event.track });
      };
      pc.onconnectionstatechange = () => {
        if (pc.connectionState === "connected" && play.state !== "PLAYING" && this.#plays.get(streamId) === play) {
          play.state = "PLAYING";
          this.#emit("onPlayerStateUpdate", { streamId, state: "PLAYING", errorCode: 0 });
        }
      };
    }
    return pc;
  }

  #relay(streamId, toUserId, kind, payload) {
    const message = { type: "relaySignal", streamId, toUserId, kind };
    if (payload !== null) message.payload = payload;
    return this.#request(message);
  }

  // ---- messages and leaving ----

  /** Broadcasts a chat message; resolves with the server's message ID. */
  async sendBroadcastMessage(text) {
    const sent = await this.#request({ type: "sendBroadcast", message: text });
    return sent.messageId;
  }

  async logout() {
    if (!this.#socket) return;
    const roomId = this.#roomId;
    await this.stopPublishing();
    for (const streamId of [...this.#plays.keys()]) this.stopPlaying(streamId);
    await this.#request({ type: "logout" }).catch(() => {});
    this.#teardown();
    this.#emit("onRoomStateChanged", { roomId, reason: "LOGOUT", errorCode: 0 });
  }

  #teardown() {
    if (this.#publication) this.#publication.links.forEach((pc) => pc.close());
    this.#publication = null;
    this.#plays.forEach((play) => play.pc && play.pc.close());
    this.#plays.clear();
    this.#close();
  }

  #close() {
    clearInterval(this.#heartbeat);
    this.#heartbeat = null;
    this.#roomId = null;
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close();
    }
    this.#pending.forEach(({ reject }) => reject({ code: 1001001, message: "closed" }));
    this.#pending.clear();
  }
}
