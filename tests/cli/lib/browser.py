#!/usr/bin/env python3
"""A real browser for tests/cli/preview.sh: headless Chromium driven over the DevTools protocol
on a pipe (--remote-debugging-pipe: no port, no network, only the standard library).

    browser.py PAGE.html SHOT.png [--touch FILE --content TEXT]

Loads file://PAGE, waits until the page says how many of its images loaded
(<body data-images="loaded/total">), and records every console message, uncaught exception
and browser log entry (a resource that failed to load is one). With --touch it then writes
TEXT into FILE (a CSV a running `csvchart render --watch` renders) and waits for the page to
reload itself at a newer data-version, and checks its images again. Then it saves a
screenshot of the whole page. Prints one "key: value" line per fact and exits 1 when an
image failed or the console has an error, 2 when the browser could not be driven.
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import time


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="csvchart-chromium-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def child():  # the protocol's fds are 3 (commands in) and 4 (answers out)
            # the reading end first, moved out of the way if it sits on 4
            r = os.dup(to_chrome_r) if to_chrome_r == 4 else to_chrome_r
            os.dup2(r, 3)
            os.dup2(from_chrome_w, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.proc = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--no-first-run", "--hide-scrollbars",
             "--user-data-dir=" + self.profile, "--remote-debugging-pipe", "about:blank"],
            close_fds=False, preexec_fn=child,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            m = self.read(deadline - time.time())
            if m is None:
                break
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)
        raise RuntimeError(f"{method}: no answer")

    def read(self, timeout):
        import select
        while b"\0" not in self.buf:
            ready, _, _ = select.select([self.from_chrome], [], [], max(timeout, 0))
            if not ready:
                return None
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\0", 1)
        return json.loads(line)

    def pump(self, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            m = self.read(deadline - time.time())
            if m is None:
                break
            self.events.append(m)

    def evaluate(self, expr):
        r = self.send("Runtime.evaluate", {"expression": expr, "returnByValue": True})
        return r.get("result", {}).get("value")

    def wait_for(self, expr, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                v = self.evaluate(expr)
            except RuntimeError:
                v = None  # between two documents while the page reloads
            if v:
                return v
            self.pump(0.1)
        return None

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def problems(events):
    """Console errors and warnings, exceptions and error log entries, as text lines."""
    out = []
    for m in events:
        method, p = m.get("method"), m.get("params", {})
        if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
            out.append("console." + p["type"] + ": " +
                       " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            out.append("exception: " + d.get("exception", {}).get("description", d.get("text", "")))
        elif method == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
            e = p["entry"]
            out.append(f"log {e['level']}: {e.get('text', '')} {e.get('url', '')}".strip())
    return out


def main():
    args = sys.argv[1:]
    if len(args) not in (2, 6):
        print(__doc__, file=sys.stderr)
        return 2
    page, shot = os.path.abspath(args[0]), args[1]
    touch = args[3] if len(args) == 6 else None
    content = args[5] if len(args) == 6 else None
    b = Browser()
    status = 0
    try:
        target = b.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        b.session = b.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                           session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            b.send(domain + ".enable")
        b.send("Emulation.setDeviceMetricsOverride",
               {"width": 1400, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
        b.send("Page.navigate", {"url": "file://" + page})
        images = b.wait_for("document.body && document.body.getAttribute('data-images')", 30)
        version = b.evaluate("document.body.getAttribute('data-version')")
        print(f"images: {images}")
        print(f"version: {version}")
        if not images or images.split("/")[0] != images.split("/")[1]:
            status = 1
        if touch:
            with open(touch, "w") as f:
                f.write(content.replace("\\n", "\n"))
            newer = b.wait_for(
                f"document.body && document.body.getAttribute('data-version') !== '{version}' && "
                "document.body.getAttribute('data-images') && "
                "document.body.getAttribute('data-version')", 30)
            print(f"reloaded: {newer or 'no'}")
            images = b.evaluate("document.body.getAttribute('data-images')")
            print(f"images after reload: {images}")
            if not newer or not images or images.split("/")[0] != images.split("/")[1]:
                status = 1
        b.pump(0.3)
        height = b.evaluate("document.documentElement.scrollHeight") or 1000
        b.send("Emulation.setDeviceMetricsOverride",
               {"width": 1400, "height": min(int(height), 16000), "deviceScaleFactor": 1,
                "mobile": False})
        data = b.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(shot, "wb") as f:
            f.write(base64.b64decode(data))
        print(f"screenshot: {shot} ({min(int(height), 16000)} px high)")
        found = problems(b.events)
        for p in found:
            print("console problem: " + p)
        print(f"console problems: {len(found)}")
        if found:
            status = 1
    except (RuntimeError, OSError, KeyError, ValueError) as e:
        print(f"browser: {e}")
        status = 2
    finally:
        b.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
