#!/usr/bin/env python3
"""Summarises the CPU samples of a JFR recording: where the server's time goes, by code owner and by method.

Usage: jfr_summary.py RECORDING.jfr [TITLE]     (runs `jfr print --json`; prints Markdown)

Reads jdk.ExecutionSample events (threads running Java code; JFR does not sample threads blocked in the kernel, so
time in epoll/read/write system calls shows only as the native frames that were on CPU). Reports:
  * self time by owner of the top frame: iFastAPI (io.ifastapi), Jetty, Jackson, JDK crypto, JDK other, other;
  * inclusive time of the framework's main steps (share of samples with that method anywhere on the stack);
  * the top methods by self time.
"""
import collections
import json
import subprocess
import sys

OWNERS = [
    ("iFastAPI", ("io.ifastapi.",)),
    ("Jetty", ("org.eclipse.jetty.",)),
    ("Jackson", ("com.fasterxml.",)),
    ("JDK crypto", ("sun.security.", "com.sun.crypto.", "javax.crypto.", "java.security.")),
    ("JDK other", ("java.", "javax.", "jdk.", "sun.", "com.sun.")),
]

STEPS = [
    ("Jetty adapter: whole request (JettyAppHandler.handle)", "io.ifastapi.server.JettyAppHandler.handle"),
    ("  adapter: Jetty request -> Request (toRequest)", "io.ifastapi.server.JettyAppHandler.toRequest"),
    ("  adapter: Response -> Jetty (write)", "io.ifastapi.server.JettyAppHandler.write"),
    ("    adapter: our headers copied into Jetty's (HttpFields.Mutable.add)", "org.eclipse.jetty.http.HttpFields$Mutable.add"),
    ("    Jetty: send the response (ChannelResponse.write)", "org.eclipse.jetty.server.internal.HttpChannelState$ChannelResponse.write"),
    ("  app.handle (middleware stack + handler)", "io.ifastapi.IFastAPI.handle"),
    ("    SessionMiddleware.handle", "io.ifastapi.sessions.SessionMiddleware.handle"),
    ("      session load (cookie decode + verify + parse)", "io.ifastapi.sessions.CookieBackend.load"),
    ("      session save (change check + encode + sign)", "io.ifastapi.sessions.CookieBackend.save"),
    ("      Request.cookies (Cookie header parse)", "io.ifastapi.http.Request.cookies"),
    ("      Vary header (Headers.addToken)", "io.ifastapi.http.Headers.addToken"),
    ("    Router.handle", "io.ifastapi.routing.Router.handle"),
    ("    Route.handle (endpoint + JSON)", "io.ifastapi.routing.Route.handle"),
    ("      Json.bytes (Jackson)", "io.ifastapi.json.Json.bytes"),
    ("HMAC (javax.crypto.Mac.doFinal)", "javax.crypto.Mac.doFinal"),
    ("Mac.clone", "javax.crypto.Mac.clone"),
    ("PythonJson.dumps", "io.ifastapi.sessions.PythonJson.dumps"),
    ("PythonJson.parse", "io.ifastapi.sessions.PythonJson.parse"),
    ("Jetty: re-arm the connection's read interest (fillInterested)", "org.eclipse.jetty.io.AbstractConnection.fillInterested"),
    ("Jetty: selector wake-up (ManagedSelector.submit)", "org.eclipse.jetty.io.ManagedSelector.submit"),
    ("Jetty HTTP parsing (HttpParser.parseNext)", "org.eclipse.jetty.http.HttpParser.parseNext"),
    ("Jetty response commit/flush (HttpConnection$SendCallback.process)", "org.eclipse.jetty.server.internal.HttpConnection$SendCallback.process"),
    ("socket write (SocketChannelImpl.write)", "sun.nio.ch.SocketChannelImpl.write"),
    ("socket read (SocketChannelImpl.read)", "sun.nio.ch.SocketChannelImpl.read"),
    ("selector (SelectorImpl.select / EPoll.wait)", "sun.nio.ch.EPoll.wait"),
    ("virtual thread scheduling (VirtualThread.run/submitRunContinuation)", "java.lang.VirtualThread.submitRunContinuation"),
    ("Jetty ArrayByteBufferPool (acquire/release)", "org.eclipse.jetty.io.ArrayByteBufferPool.acquire"),
]


def owner(cls):
    for name, prefixes in OWNERS:
        if cls.startswith(prefixes):
            return name
    return "other"


def frame_name(frame):
    m = frame["method"]
    return m["type"]["name"].replace("/", ".") + "." + m["name"]


def main():
    path = sys.argv[1]
    title = sys.argv[2] if len(sys.argv) > 2 else path
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "512", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    n = 0
    self_by_owner = collections.Counter()
    self_by_method = collections.Counter()
    inclusive = collections.Counter()
    by_thread = collections.Counter()
    for e in events:
        frames = (e["values"].get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        n += 1
        names = [frame_name(f) for f in frames]
        top = names[0]
        self_by_method[top] += 1
        self_by_owner[owner(top)] += 1
        for name in set(names):
            inclusive[name] += 1
        thread = (e["values"].get("sampledThread") or {})
        tname = thread.get("javaName") or thread.get("osName") or "?"
        by_thread["virtual (request)" if thread.get("virtual") else tname.rstrip("0123456789-")] += 1
    print("### %s\n" % title)
    print("%d CPU samples (jdk.ExecutionSample).\n" % n)
    if n == 0:
        return
    pct = lambda c: "%.1f%%" % (100.0 * c / n)
    print("Self time by owner of the top frame:\n")
    print("| owner | share |")
    print("|---|---:|")
    for name, c in self_by_owner.most_common():
        print("| %s | %s |" % (name, pct(c)))
    print("\nSamples by thread: " + ", ".join("%s %s" % (t, pct(c)) for t, c in by_thread.most_common(6)) + "\n")
    print("Inclusive time of the main steps (samples with the method anywhere on the stack):\n")
    print("| step | method | share |")
    print("|---|---|---:|")
    for label, method in STEPS:
        if inclusive.get(method):
            print("| %s | `%s` | %s |" % (label, method.rsplit(".", 2)[-2] + "." + method.rsplit(".", 1)[-1], pct(inclusive[method])))
    print("\nTop 25 methods by self time:\n")
    print("| method | self |")
    print("|---|---:|")
    for name, c in self_by_method.most_common(25):
        print("| `%s` | %s |" % (name, pct(c)))
    print()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main()
